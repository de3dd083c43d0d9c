// W3C Trace Context (https://www.w3.org/TR/trace-context/): the ids of a span,
// read from an incoming `traceparent`/`tracestate` and written to an outgoing one.

/** What a span's children (and Sensay) need of it. */
export interface SpanContext {
  readonly traceId: string
  readonly spanId: string
  readonly sampled: boolean
  /** The caller's `tracestate`, passed on unchanged. */
  readonly traceState?: string
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/
const ZERO_TRACE = '0'.repeat(32)
const ZERO_SPAN = '0'.repeat(16)
// list-members `key=value` separated by commas: printable ASCII, at most 512 characters in all.
const TRACESTATE = /^[\x20-\x2b\x2d-\x7e]*(?:,[\x20-\x2b\x2d-\x7e]*){0,31}$/

/**
 * The caller's span, when `traceparent` is well formed: version ff, all-zero
 * ids, or extra fields after a version 00 header make it absent (a new trace
 * starts), as the specification says.
 */
export function parseTraceParent (traceparent: string | string[] | undefined, tracestate: string | string[] | undefined): SpanContext | undefined {
  if (typeof traceparent !== 'string') return undefined
  const match = TRACEPARENT.exec(traceparent.trim())
  if (match === null) return undefined
  const [, version, traceId, spanId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined]
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined
  if (traceId === ZERO_TRACE || spanId === ZERO_SPAN) return undefined
  const sampled = (Number.parseInt(flags, 16) & 1) === 1
  const state = typeof tracestate === 'string' && tracestate.length <= 512 && TRACESTATE.test(tracestate) ? tracestate.trim() : undefined
  return state === undefined || state === '' ? { traceId, spanId, sampled } : { traceId, spanId, sampled, traceState: state }
}

/** `traceparent` (and `tracestate`) as a flat header list, for undici. */
export function propagationHeaders (span: SpanContext): string[] {
  const headers = ['traceparent', `00-${span.traceId}-${span.spanId}-${span.sampled ? '01' : '00'}`]
  if (span.traceState !== undefined) headers.push('tracestate', span.traceState)
  return headers
}

// Ids from V8's Math.random (xorshift128+), 32 bits at a time, as OpenTelemetry's SDK makes them:
// unique enough for traces and cheap. They identify spans; they guard nothing.
// Bytes as two hex digits, looked up: Number#toString(16) was most of an id's cost.
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

function random32 (): string {
  const n = (Math.random() * 0x1_0000_0000) >>> 0
  return BYTE_HEX[n >>> 24]! + BYTE_HEX[(n >>> 16) & 255]! + BYTE_HEX[(n >>> 8) & 255]! + BYTE_HEX[n & 255]!
}

export function newTraceId (): string {
  const id = random32() + random32() + random32() + random32()
  return id === ZERO_TRACE ? newTraceId() : id
}

export function newSpanId (): string {
  const id = random32() + random32()
  return id === ZERO_SPAN ? newSpanId() : id
}
