import type { ServerResponse } from 'node:http'
import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { SensayClient, type CallContext, type SensayClientOptions, type UpstreamInfo } from './sensay-client.js'
import { OpenStreams } from './stream-relay.js'

declare module 'fastify' {
  interface FastifyInstance {
    sensay: SensayClient
    openStreams: OpenStreams
  }
  interface FastifyRequest {
    /** The last upstream exchange of this request, for its log line. */
    upstream?: UpstreamInfo
  }
}

/**
 * The per-request context of an upstream call: our request id, and where to
 * record what happened. Given the client's response, the call is aborted
 * when the client goes away before its answer.
 */
export function callContext (request: FastifyRequest, client?: ServerResponse): CallContext {
  const identity = request.identity
  return {
    requestId: request.id,
    caller: identity === undefined ? `ip:${request.ip}` : identity.kind === 'user' ? `user:${identity.userId}` : `admin:${identity.name}`,
    client,
    record: (info) => { request.upstream = info },
    trace: request.trace?.context
  }
}

export interface SensayPluginOptions extends SensayClientOptions {
  shutdownGraceMs: number
}

export const sensayPlugin = fp<SensayPluginOptions>(async (app, options) => {
  const client = new SensayClient({
    ...options,
    onRetry: () => app.counters.retry(),
    onBreakerChange: (state) => {
      app.counters.breaker(state)
      if (state === 'open') app.log.error({ breaker: state }, 'circuit breaker open: Sensay is failing, answering 503 at once')
      else app.log.warn({ breaker: state }, `circuit breaker ${state}`)
    }
  })
  const openStreams = new OpenStreams()
  app.decorate('sensay', client)
  app.decorate('openStreams', openStreams)
  app.decorateRequest('upstream', undefined)
  // On close, open streams get the grace period to finish, then end with an error part.
  app.addHook('preClose', async () => openStreams.drain(options.shutdownGraceMs))
  app.addHook('onClose', async () => client.close())
}, { name: 'sensay', dependencies: ['metrics'] })
