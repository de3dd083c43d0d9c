import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { SensayClient, type CallContext, type SensayClientOptions, type UpstreamInfo } from './sensay-client.js'

declare module 'fastify' {
  interface FastifyInstance {
    sensay: SensayClient
  }
  interface FastifyRequest {
    /** The last upstream exchange of this request, for its log line. */
    upstream?: UpstreamInfo
  }
}

/** The per-request context of an upstream call: our request id, and where to record what happened. */
export function callContext (request: FastifyRequest, signal?: AbortSignal): CallContext {
  return {
    requestId: request.id,
    signal,
    record: (info) => { request.upstream = info }
  }
}

export const sensayPlugin = fp<SensayClientOptions>(async (app, options) => {
  const client = new SensayClient(options)
  app.decorate('sensay', client)
  app.decorateRequest('upstream', undefined)
  app.addHook('onClose', async () => client.close())
}, { name: 'sensay' })
