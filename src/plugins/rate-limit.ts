import fp from 'fastify-plugin'
import { addressKey } from './address-key.js'
import rateLimit from '@fastify/rate-limit'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../errors/app-error.js'
import { LocalWindows, type Limit } from './local-windows.js'
import { andThen, type MaybeAsync } from './maybe-async.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest: the per-identity limit (and, on chat routes, the chat limit); may throw a 429. */
    limitRequest: (request: FastifyRequest, reply: FastifyReply) => MaybeAsync<void>
    /** Answers 429 when this address has failed authentication too often. */
    checkAuthFailures: (request: FastifyRequest) => Promise<void>
    /** Counts one failed authentication for this address. */
    countAuthFailure: (request: FastifyRequest) => Promise<void>
  }
  interface FastifyContextConfig {
    /** The stricter chat limit applies to this route too. */
    chatLimit?: boolean
    /** No limit at all (health checks, metrics). */
    unlimited?: boolean
  }
}

export interface RateLimitOptions {
  max: number
  chatMax: number
  windowMs: number
  authFailureMax: number
  failClosed: boolean
}

type Check = (request: FastifyRequest, increment: boolean) => Limit | Promise<Limit>

/** Who is counted: the user (or admin key) once known, else the client address (TRUST_PROXY decides which). */
function identityKey (request: FastifyRequest): string {
  const identity = request.identity
  if (identity?.kind === 'user') return `u:${identity.userId}`
  if (identity?.kind === 'admin') return `k:${identity.name}`
  return `ip:${addressKey(request.ip)}`
}

function tooMany (seconds: number, headers: Record<string, string>, what = 'requests'): AppError {
  return new AppError(429, 'RATE_LIMITED', `Too many ${what}; retry in ${seconds} s.`, { headers: { ...headers, 'retry-after': String(seconds) } })
}

/**
 * Rate limits: in Redis through @fastify/rate-limit's store when REDIS_URL is
 * set, so N instances enforce one limit; in this process otherwise. The
 * headers follow the current IETF draft (draft-ietf-httpapi-ratelimit-headers):
 * `RateLimit-Policy: "general";q=300;w=60` and `RateLimit: "general";r=299;t=60`.
 * If the store fails, requests are served (or refused with
 * RATE_LIMIT_FAIL_CLOSED) and the outage is logged once.
 */
export const rateLimitPlugin = fp<RateLimitOptions>(async (app, options) => {
  const windowS = Math.ceil(options.windowMs / 1000)
  let general: Check, chat: Check, authFailures: Check
  if (app.redis) {
    await app.register(rateLimit, {
      global: false,
      redis: app.redis,
      nameSpace: 'sensay-bff:rl:',
      skipOnError: false
    })
    const limiter = (max: number, keyGenerator: (r: FastifyRequest) => string): Check => {
      const check = app.createRateLimit({ max, timeWindow: options.windowMs, keyGenerator }) as (r: FastifyRequest, o: { increment: boolean }) => Promise<Limit>
      return (request, increment) => check(request, { increment })
    }
    general = limiter(options.max, (r) => `g:${identityKey(r)}`)
    chat = limiter(options.chatMax, (r) => `c:${identityKey(r)}`)
    authFailures = limiter(options.authFailureMax, (r) => `a:${addressKey(r.ip)}`)
  } else {
    const windows = new LocalWindows(options.windowMs)
    app.addHook('onClose', (_app, done) => { windows.close(); done() })
    general = (r, increment) => windows.hit(`g:${identityKey(r)}`, options.max, increment)
    chat = (r, increment) => windows.hit(`c:${identityKey(r)}`, options.chatMax, increment)
    authFailures = (r, increment) => windows.hit(`a:${addressKey(r.ip)}`, options.authFailureMax, increment)
  }

  let outage = false
  const reached = (result: Limit): Limit | undefined => {
    if (outage) {
      outage = false
      app.log.warn('rate-limit store reachable again')
    }
    return result.isAllowed ? undefined : result
  }
  const unreachable = (err: unknown): undefined => {
    if (!outage) {
      outage = true
      app.log.error({ err }, options.failClosed ? 'rate-limit store unreachable: refusing requests' : 'rate-limit store unreachable: serving without limits')
    }
    if (options.failClosed) {
      throw new AppError(503, 'UPSTREAM_UNAVAILABLE', 'Rate limiting is unavailable; try again shortly.', { headers: { 'retry-after': '5' }, cause: err })
    }
    return undefined
  }
  /** A check's verdict: synchronous for the in-process store, a promise for Redis. */
  function run (check: Check, request: FastifyRequest, increment = true): MaybeAsync<Limit | undefined> {
    const result = check(request, increment)
    return result instanceof Promise ? result.then(reached, unreachable) : reached(result)
  }

  const generalPolicy = `"general";q=${options.max};w=${windowS}`
  const bothPolicies = `${generalPolicy}, "chat";q=${options.chatMax};w=${windowS}`
  const state = (name: string, limit: Limit) => `"${name}";r=${limit.remaining};t=${limit.ttlInSeconds}`

  function apply (reply: FastifyReply, limit: Limit, chatLimit: Limit | undefined): void {
    let policies = generalPolicy
    let states = state('general', limit)
    let exceeded = limit.isExceeded ? limit : undefined
    if (chatLimit) {
      policies = bothPolicies
      states += `, ${state('chat', chatLimit)}`
      if (chatLimit.isExceeded && !exceeded) exceeded = chatLimit
    }
    const headers = { 'ratelimit-policy': policies, ratelimit: states }
    if (exceeded) {
      app.counters.rateLimited(exceeded === limit ? 'general' : 'chat')
      throw tooMany(Math.max(1, exceeded.ttlInSeconds), headers)
    }
    reply.headers(headers)
  }

  // Without Redis every step is synchronous: no promise per request.
  app.decorate('limitRequest', (request: FastifyRequest, reply: FastifyReply): MaybeAsync<void> => {
    const config = request.route?.config
    if (config?.unlimited) return
    return andThen(run(general, request), (limit) => {
      if (!limit) return
      if (!config?.chatLimit) return apply(reply, limit, undefined)
      return andThen(run(chat, request), (chatLimit) => apply(reply, limit, chatLimit))
    })
  })

  app.decorate('checkAuthFailures', async (request: FastifyRequest) => {
    const limit = await run(authFailures, request, false)
    if (!limit || limit.remaining > 0) return
    app.counters.rateLimited('auth-failures')
    throw tooMany(Math.max(1, limit.ttlInSeconds), {}, 'failed authentication attempts')
  })

  app.decorate('countAuthFailure', async (request: FastifyRequest) => {
    await run(authFailures, request)
  })
}, { name: 'rate-limit', dependencies: ['redis', 'metrics'] })
