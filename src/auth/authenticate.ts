import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import type { Config } from '../config/config.js'
import { errors } from '../errors/app-error.js'
import { createApiKeyMatcher } from './api-keys.js'
import { createJwtVerifier } from './jwt-verifier.js'
import { isUsableUserId, type Identity } from './identity.js'

declare module 'fastify' {
  interface FastifyRequest {
    identity?: Identity
  }
  interface FastifyInstance {
    /** onRequest hook for routes that need an identity: sets request.identity or answers 401. */
    authenticate: (request: FastifyRequest) => Promise<void>
    /**
     * Sets request.identity from a bearer token verified before (still valid)
     * and says whether it did: the hot path, with no await.
     */
    knownIdentity: (request: FastifyRequest) => boolean
  }
}

export interface AuthenticateOptions {
  config: Config
}

const BEARER = /^Bearer[ ]+(\S+)\s*$/i
// Three base64url segments: a JWT. Any other bearer is an API key (OpenAI clients send theirs so).
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/

/**
 * Resolves who is calling from `X-API-Key`, a bearer JWT, or (demo only)
 * `Bearer dev:<id>`. A credential that is present but wrong is a 401 even
 * when another method could have matched: no silent fallback.
 */
export const authenticate = fp<AuthenticateOptions>(async (app, { config }) => {
  const matchKey = createApiKeyMatcher(config.apiKeys)
  const jwtConfigured = Boolean(config.jwt.secret ?? config.jwt.jwksUrl)
  const verifyJwt = jwtConfigured ? createJwtVerifier({ ...config.jwt, tierClaim: config.quotas?.tierClaim }) : undefined

  /** The browser session behind the cookie: only with no header credential (a stray cookie beside a bearer token is ignored). */
  async function fromSession (request: FastifyRequest): Promise<Identity> {
    const sessions = app.sessions
    const id = sessions?.idFrom(request)
    if (sessions === undefined || id === undefined) throw errors.unauthenticated()
    const session = sessions.cached(id) ?? await sessions.load(id)
    if (session === undefined) throw errors.unauthenticated('The session has ended; log in again.')
    sessions.checkCsrf(request)
    return sessions.identityOf(session)
  }

  /** The user a service key acts for: its request's X-USER-ID, a value a header can carry. */
  function actedFor (request: FastifyRequest): string {
    const userId = request.headers['x-user-id']
    if (!isUsableUserId(userId)) {
      throw errors.invalidField('headers', 'x-user-id', 'must name the user a service key acts for (1-255 printable ASCII characters, no leading or trailing space)')
    }
    return userId
  }

  function fromApiKey (request: FastifyRequest, apiKey: unknown): Identity {
    const key = typeof apiKey === 'string' && apiKey.length > 0 && apiKey.length <= 512 ? matchKey(apiKey) : undefined
    if (!key) throw errors.unauthenticated('Unknown API key.')
    if (key.role === 'admin') return { kind: 'admin', name: key.name, via: 'api-key' }
    const tier = key.tier === undefined ? {} : { tier: key.tier }
    if (key.role === 'service') return { kind: 'user', userId: actedFor(request), via: 'service', service: key.name, ...tier }
    return { kind: 'user', userId: key.userId as string, via: 'api-key', ...tier }
  }

  async function resolve (request: FastifyRequest): Promise<Identity> {
    const apiKey = request.headers['x-api-key']
    if (apiKey !== undefined) return fromApiKey(request, apiKey)
    const authorization = request.headers.authorization
    if (authorization === undefined) return fromSession(request)
    const token = BEARER.exec(authorization)?.[1]
    if (!token) throw errors.unauthenticated('Authorization must be "Bearer <token>".')
    if (token.startsWith('dev:')) {
      if (!config.devAuth) throw errors.unauthenticated('Dev tokens are accepted only in demo mode.')
      const userId = token.slice(4)
      if (!isUsableUserId(userId)) throw errors.unauthenticated('Dev token needs a user id: Bearer dev:<userId>.')
      return { kind: 'user', userId, via: 'dev' }
    }
    if (!JWT_SHAPE.test(token)) return fromApiKey(request, token)
    if (!verifyJwt) throw errors.unauthenticated('Bearer tokens are not accepted here; use an API key.')
    return verifyJwt(token)
  }

  app.decorate('knownIdentity', (request: FastifyRequest) => {
    if (request.headers['x-api-key'] !== undefined) return false
    if (request.headers.authorization === undefined) return knownSession(request)
    if (!verifyJwt) return false
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1]
    const identity = token === undefined ? undefined : verifyJwt.cached(token)
    if (identity === undefined) return false
    request.identity = identity
    return true
  })
  /** A session this instance read recently, with the CSRF proofs present: no await. Anything else takes the full path. */
  function knownSession (request: FastifyRequest): boolean {
    const sessions = app.sessions
    const id = sessions?.idFrom(request)
    const identity = id === undefined ? undefined : sessions!.cachedIdentity(id)
    if (identity === undefined) return false
    try {
      sessions!.checkCsrf(request)
    } catch {
      return false
    }
    request.identity = identity
    return true
  }
  app.decorateRequest('identity', undefined)
  app.decorate('authenticate', async (request: FastifyRequest) => {
    request.identity = await resolve(request)
  })
}, { name: 'authenticate', dependencies: ['sessions'] })
