import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { describeIdentity } from '../auth/identity.js'
import { droppedQuery } from '../schemas/lenient-query.js'
import type {} from '../tracing/request-trace.js'
import { infoLineWriter } from './logger.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** What a streamed answer did, for its log line. */
    stream?: { protocol: string, upstreamProtocol: string, bytes: number, outcome: string, firstChunkMs?: number }
  }
}

/** What ties a line logged during a request to it: its id and, when tracing is on, its span. */
export function requestFields (request: FastifyRequest): Record<string, unknown> {
  const trace = request.trace
  return trace === undefined ? { reqId: request.id } : { reqId: request.id, trace_id: trace.traceId, span_id: trace.spanId }
}

/**
 * One log line per request (Fastify's own two are turned off in buildApp),
 * written when the response closes, so that a client who goes away mid-answer
 * still gets its line (`aborted: true`, status 499): who, what route, how it
 * ended, and what upstream said. Never headers, bodies or tokens.
 */
export const requestLog = fp(async (app) => {
  const writeInfo = infoLineWriter(app.log)
  const write = (request: FastifyRequest, reply: FastifyReply, aborted: boolean) => {
    const status = aborted ? 499 : reply.statusCode
    const elapsedMs = reply.elapsedTime
    app.observeRequest(request, status, elapsedMs)
    const identity = request.identity
    const upstream = request.upstream
    const line: Record<string, unknown> = {
      reqId: request.id,
      method: request.method,
      route: request.route?.url ?? 'unmatched',
      status,
      ms: Math.round(elapsedMs * 100) / 100,
      // The client's address as TRUST_PROXY lets us know it: who tried what.
      ip: request.ip
    }
    if (aborted) line.aborted = true
    if (identity) line.user = describeIdentity(identity)
    if (upstream) {
      line.upstreamStatus = upstream.status
      line.upstreamMs = Math.round(upstream.latencyMs * 100) / 100
      if (upstream.requestId) line.upstreamRequestId = upstream.requestId
    }
    if (request.stream) line.stream = aborted ? { ...request.stream, outcome: 'cancelled' } : request.stream
    const dropped = droppedQuery(request.query)
    if (dropped !== undefined) line.droppedQuery = dropped
    if (request.failure !== undefined) line.err = request.failure
    const trace = request.trace
    if (trace !== undefined) {
      line.trace_id = trace.traceId
      line.span_id = trace.spanId
      trace.end(request, status, aborted)
    }
    if (status >= 500 && !aborted) return request.log.error(line, 'request failed')
    const msg = aborted ? 'request cancelled by the client' : 'request'
    // An error object goes through pino: its serializer and redaction.
    if (writeInfo === undefined || line.err !== undefined) request.log.info(line, msg)
    else {
      line.msg = msg
      writeInfo(line)
    }
  }

  app.decorateRequest('stream', undefined)
  app.decorateRequest('trace', undefined)
  app.addHook('onRequest', (request, reply, done) => {
    // 'finish' when the answer was handed over; 'close' alone when the client left first.
    let written = false
    const end = (aborted: boolean) => {
      if (written) return
      written = true
      write(request, reply, aborted)
    }
    reply.raw.once('finish', () => end(false))
    reply.raw.once('close', () => end(!reply.raw.writableFinished))
    done()
  })
}, { name: 'request-log', dependencies: ['metrics'] })
