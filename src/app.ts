import { randomUUID } from 'node:crypto'
import type { Server } from 'node:http'
import type { Socket } from 'node:net'
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { DestinationStream } from 'pino'
import type { Config } from './config/config.js'
import { loggerOptions } from './logging/logger.js'
import { requestLog } from './logging/request-log.js'
import { clientErrorHandler } from './errors/client-errors.js'
import { sessionsPlugin } from './sessions/sessions-plugin.js'
import { authRoutes } from './routes/auth.js'
import { playgroundPlugin } from './playground/playground-plugin.js'
import { errorHandler } from './errors/error-handler.js'
import { ErrorResponse } from './schemas/common.js'
import { validatorCompiler } from './schemas/validator-compiler.js'
import { sensayPlugin } from './upstream/sensay-plugin.js'
import { authenticate } from './auth/authenticate.js'
import { accessPlugin } from './auth/access-plugin.js'
import { docsRoutes } from './routes/docs.js'
import { healthRoutes } from './routes/health.js'
import { metricsPlugin } from './routes/metrics.js'
import { v1Routes } from './routes/v1.js'
import { openAiRoutes } from './routes/openai/index.js'
import { quotasPlugin } from './quotas/quotas-plugin.js'
import { corsPlugin } from './plugins/cors.js'
import { redisPlugin } from './plugins/redis.js'
import { rateLimitPlugin } from './plugins/rate-limit.js'
import { settle } from './plugins/maybe-async.js'
import { overloadPlugin } from './plugins/overload.js'
import { AppError } from './errors/app-error.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The matched route's template and config, read once per request. */
    route: { url: string, config: FastifyContextConfig & { url?: string } } | null
  }
}

export interface BuildOptions {
  /** Where log lines go; stdout when absent. server.ts passes an async destination. */
  logStream?: DestinationStream
  /** Upstream keep-alive; tests shorten it so nothing lingers. */
  upstreamKeepAliveMs?: number
  /** Time to receive a whole request (30 s); tests shorten it. */
  requestTimeoutMs?: number
  /** How often the event-loop delay is sampled (1 s); tests shorten it. */
  overloadSampleMs?: number
  /** The clock quota windows are read from; tests set it (a day boundary without waiting a day). */
  now?: () => number
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * Generated request ids look like UUIDs: a random prefix per process and a
 * counter, unique across instances and requests without asking the CPRNG
 * for every request (randomUUID was 1 % of the CPU per request).
 */
function requestIds (): () => string {
  const prefix = randomUUID().slice(0, 24)
  let counter = 0
  return () => prefix + (++counter).toString(16).padStart(12, '0')
}

/**
 * TRUST_PROXY for Fastify. A hop count becomes a function of the hop's
 * index, as Express reads one: the socket's peer (hop 0) and the n - 1 before
 * it are proxies, and the address they were given is the client's. Fastify
 * 5.12 fails a plain number closed (trusting nothing), which made
 * `TRUST_PROXY=1` behind a load balancer put every client at its address.
 */
export function trustProxyOption (trustProxy: Config['trustProxy']): FastifyServerOptions['trustProxy'] {
  if (typeof trustProxy !== 'number') return trustProxy
  const hops = trustProxy
  return (_address: string, hop: number) => hop < hops
}

const FIRST_REQUEST = Symbol('first request timer')

/**
 * A connection that never sends a request holds a descriptor until the client
 * gives up; Node's request timeout starts only with the first byte. One timer
 * per connection (not per request): the first request's arrival clears it.
 */
function closeSilentConnections (server: Server, limitMs: number): void {
  server.on('connection', (socket: Socket & { [FIRST_REQUEST]?: NodeJS.Timeout }) => {
    socket[FIRST_REQUEST] = setTimeout(() => socket.destroy(), limitMs).unref()
    socket.once('close', () => clearTimeout(socket[FIRST_REQUEST]))
  })
  server.on('request', (request: { socket: Socket & { [FIRST_REQUEST]?: NodeJS.Timeout } }) => {
    const timer = request.socket[FIRST_REQUEST]
    if (timer !== undefined) {
      clearTimeout(timer)
      request.socket[FIRST_REQUEST] = undefined
    }
  })
}

/** Builds the app, ready for inject() or listen(); never listens itself. */
export async function buildApp (config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const logger = loggerOptions(config.logLevel, [config.organizationSecret])
  const nextRequestId = requestIds()
  const fastifyOptions: FastifyServerOptions = {
    logger: options.logStream ? { ...logger, stream: options.logStream } : logger,
    // One line per request, written by request-log.ts; Fastify's own two are off.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'reqId' }),
    // No pino child logger per request: the request line carries reqId itself, and
    // a child per request was a measurable share of the per-request cost.
    childLoggerFactory: (logger) => logger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: trustProxyOption(config.trustProxy),
    requestIdHeader: false,
    // A well-formed incoming id is kept (and sent upstream); anything else is replaced.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id']
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : nextRequestId()
    },
    routerOptions: { ignoreTrailingSlash: true },
    // Shutdown answers 503 in the contract's shape (the onRequest hook below), not Fastify's.
    return503OnClosing: false,
    // Close hooks wait up to the grace for open streams; avvio times each hook out at
    // pluginTimeout (10 s by default), which with the default 10 s grace fired first and
    // made SIGTERM with a stream open exit 1 (AVV_ERR_READY_TIMEOUT) instead of 0.
    pluginTimeout: Math.max(10_000, config.shutdownGraceMs + 5_000),
    // Behind a load balancer: keep idle client connections longer than its own idle timeout
    // (60 s on most), so it never reuses one we just closed; a request must arrive whole in 30 s.
    keepAliveTimeout: 72_000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    connectionTimeout: 0,
    clientErrorHandler: clientErrorHandler(nextRequestId)
  }
  const app = Fastify(fastifyOptions).withTypeProvider<TypeBoxTypeProvider>()
  // Node checks request timeouts on this interval (30 s by default, which made "30 s to
  // receive a request" mean 30-60 s or more): once a second keeps it near what it says.
  // Read when the server starts listening, so setting it here is in time.
  ;(app.server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval = 1_000
  // Past the request timeout (and Node's own 408 for a request begun but unfinished).
  closeSilentConnections(app.server, (options.requestTimeoutMs ?? 30_000) + 1_000)

  if (config.trustProxy === true) {
    app.log.warn('TRUST_PROXY=true trusts every X-Forwarded-For hop, so clients choose their own address (rate limits, logs): set the hop count or the proxies\' addresses in production')
  }
  app.setValidatorCompiler(validatorCompiler)
  app.addSchema(ErrorResponse)
  // Only JSON bodies: a text/plain body is a 415, not a string to validate.
  app.removeContentTypeParser('text/plain')
  // Many HTTP clients send `Content-Type: application/json` on a DELETE or GET
  // without a body; that is no body, not a 400. Parsing is otherwise Fastify's
  // (prototype poisoning refused).
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined)
    parseJson(request, body as string, done)
  })
  let closing = false
  app.decorateRequest('route', null)
  app.addHook('onRequest', (request, reply, done) => {
    // Fastify builds a new routeOptions object on every access: read it once.
    const { config } = request.routeOptions
    request.route = { url: config.url ?? 'unmatched', config }
    reply.header('x-request-id', request.id)
    if (closing) {
      reply.header('connection', 'close')
      return done(new AppError(503, 'SHUTTING_DOWN', 'The server is restarting; try again shortly.', { headers: { 'retry-after': '1' } }))
    }
    done()
  })
  // On close, a keep-alive connection whose in-flight request (or stream) has
  // just finished would otherwise hold the server open until keepAliveTimeout.
  // And past the grace period, a connection still open (one whose client half-left, say) is
  // closed: shutdown must end within the grace, whatever a socket does.
  let idleSweeper: NodeJS.Timeout | undefined
  let lastCall: NodeJS.Timeout | undefined
  app.addHook('preClose', (done) => {
    closing = true
    idleSweeper = setInterval(() => app.server.closeIdleConnections(), 100).unref()
    lastCall = setTimeout(() => app.server.closeAllConnections(), config.shutdownGraceMs + 500).unref()
    done()
  })
  app.addHook('onClose', (_app, done) => {
    clearInterval(idleSweeper)
    clearTimeout(lastCall)
    done()
  })

  await app.register(errorHandler)
  await app.register(metricsPlugin)
  // Off, no OpenTelemetry code is even loaded; on, each request's span starts as it arrives.
  if (config.tracing !== undefined) {
    const { tracingPlugin } = await import('./tracing/tracing-plugin.js')
    await app.register(tracingPlugin, { tracing: config.tracing, sensayBaseUrl: config.sensayBaseUrl })
  }
  await app.register(requestLog)
  await app.register(corsPlugin, { origins: config.corsOrigins })
  await app.register(redisPlugin, { target: config.redis })
  await app.register(rateLimitPlugin, config.rateLimit)
  await app.register(quotasPlugin, { quotas: config.quotas, failClosed: config.rateLimit.failClosed, now: options.now })
  // Liveness and metrics still answer under load: a busy instance is not a dead one.
  await app.register(overloadPlugin, { maxEventLoopDelayMs: config.maxEventLoopDelayMs, sampleIntervalMs: options.overloadSampleMs })
  // Routes outside /v1 and /openai/v1 are limited per client address; those two per identity after authentication.
  app.addHook('onRequest', (request, reply, done) => {
    const url = request.route!.url
    if (url.startsWith('/v1/') || url.startsWith('/openai/v1/')) return done()
    settle(() => app.limitRequest(request, reply), done)
  })
  await app.register(sensayPlugin, {
    baseUrl: config.sensayBaseUrl,
    organizationSecret: config.organizationSecret,
    apiVersion: config.apiVersion,
    timeoutMs: config.upstreamTimeoutMs,
    connections: config.upstreamConnections,
    breaker: config.breaker,
    keepAliveTimeoutMs: options.upstreamKeepAliveMs,
    shutdownGraceMs: config.shutdownGraceMs,
    tracer: app.callTracer
  })
  await app.register(sessionsPlugin, { config })
  await app.register(authenticate, { config })
  await app.register(accessPlugin, { replicaCacheTtlMs: config.replicaCacheTtlMs })
  await app.register(docsRoutes, { sessions: config.sessions !== undefined })
  if (config.sessions) await app.register(authRoutes, { userClaim: config.jwt.userClaim, tierClaim: config.quotas?.tierClaim, corsOrigins: config.corsOrigins })
  if (config.playground) await app.register(playgroundPlugin)
  await app.register(healthRoutes, { readyCacheMs: config.readyCacheMs })
  const chatOptions = {
    streamIdleTimeoutMs: config.streamIdleTimeoutMs,
    streamMaxDurationMs: config.streamMaxDurationMs,
    streamMaxPartBytes: config.streamMaxPartBytes,
    streamMaxPerUser: config.streamMaxPerUser
  }
  await app.register(v1Routes, { prefix: '/v1', ...chatOptions })
  await app.register(openAiRoutes, { prefix: '/openai/v1', ...chatOptions })
  return app
}
