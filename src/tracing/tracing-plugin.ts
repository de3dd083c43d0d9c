import fp from 'fastify-plugin'
import type { TracingConfig } from '../config/config.js'
import type { CallTracer } from '../upstream/call-tracer.js'
import { Tracing } from './tracing.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Client spans for Sensay calls; only when tracing is on. */
    callTracer?: CallTracer
  }
}

export interface TracingPluginOptions {
  tracing: TracingConfig
  sensayBaseUrl: string
}

/**
 * Tracing, registered only when it is on (app.ts imports this file then and
 * only then): a server span started for each request as it arrives, ended by
 * request-log when the answer is over (a stream's last part included), and a
 * client span for each Sensay call through `app.callTracer`.
 */
export const tracingPlugin = fp<TracingPluginOptions>(async (app, { tracing, sensayBaseUrl }) => {
  const tracer = new Tracing(tracing, sensayBaseUrl, app.log)
  app.decorate('callTracer', tracer)
  app.addHook('onRequest', (request, _reply, done) => {
    request.trace = tracer.startRequest(request)
    done()
  })
  // Spans still queued are sent on the way out, without holding shutdown for long.
  app.addHook('onClose', async () => tracer.shutdown(2_000))
  app.log.info({ endpoint: tracing.url, protocol: tracing.protocol, sampler: tracing.sampler }, 'tracing on: spans exported over OTLP/HTTP')
}, { name: 'tracing' })
