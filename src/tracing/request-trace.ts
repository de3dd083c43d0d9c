import type { SpanContext } from './trace-context.js'
import type { FastifyRequest } from 'fastify'

// The request's side of tracing, with no tracing code in it: request-log
// and callContext read `request.trace`, which stays undefined when tracing is off.

/** A request's server span. */
export interface RequestTrace {
  readonly traceId: string
  readonly spanId: string
  /** The server span as a parent, for the request's upstream calls. */
  readonly context: SpanContext
  /** Ends the span with what the answer was; called once, when the request's log line is written. */
  end: (request: FastifyRequest, status: number, aborted: boolean) => void
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the tracing plugin when tracing is on. */
    trace?: RequestTrace
  }
}
