import fp from 'fastify-plugin'

/**
 * One log line per request, written when the response is done (Fastify's own
 * two lines per request are turned off in buildApp): who, what route, how it
 * ended, and what upstream said. Never headers, bodies or tokens.
 */
export const requestLog = fp(async (app) => {
  app.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode
    const identity = request.identity
    const upstream = request.upstream
    const line: Record<string, unknown> = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status,
      ms: Math.round(reply.elapsedTime * 100) / 100
    }
    if (identity) line.user = identity.kind === 'user' ? identity.userId : `admin:${identity.name}`
    if (upstream) {
      line.upstreamStatus = upstream.status
      line.upstreamMs = Math.round(upstream.latencyMs * 100) / 100
      if (upstream.requestId) line.upstreamRequestId = upstream.requestId
    }
    if (request.failure !== undefined) line.err = request.failure
    if (request.raw.aborted || (!reply.raw.writableFinished && reply.raw.destroyed)) line.aborted = true
    if (status >= 500) request.log.error(line, 'request failed')
    else request.log.info(line, 'request')
    done()
  })
}, { name: 'request-log' })
