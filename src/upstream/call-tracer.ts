import type { SpanContext } from '../tracing/trace-context.js'
import type { UpstreamCall } from './sensay-client.js'

// What SensayClient asks of tracing, with no tracing code in it: when
// tracing is off there is no tracer, and a call costs one property check.

/** One attempt of an upstream call, as a client span. */
export interface CallSpan {
  /** The `traceparent` (and `tracestate`) headers that send this span's context upstream. */
  readonly headers: readonly string[]
  /** The answer's status line arrived. */
  answered: (status: number, upstreamRequestId: string | undefined) => void
  /** The first chunk of a streamed answer arrived. */
  firstChunk: () => void
  /** The exchange is over; `errorType` marks it failed. Only the first call counts. */
  end: (errorType?: string) => void
}

export interface CallTracer {
  /** `parent`: the request's server span; `resendCount`: the attempt's number after the first. */
  start: (call: UpstreamCall, parent: SpanContext, model: string | undefined, resendCount: number) => CallSpan
}
