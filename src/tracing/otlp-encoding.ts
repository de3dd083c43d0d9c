// OTLP trace export bodies (opentelemetry-proto's ExportTraceServiceRequest),
// in protobuf or in OTLP/JSON. A span is encoded when it ends, into its
// batch's bytes: nothing of it stays on the heap for the collector of
// garbage to walk while the batch waits to be sent.

export type AttributeValue = string | number | boolean

/** A finished span, as the encoders read it. */
export interface SpanRecord {
  traceId: string
  spanId: string
  parentSpanId?: string
  traceState?: string
  name: string
  /** 2 server, 3 client (opentelemetry-proto's SpanKind). */
  kind: 2 | 3
  startMs: number
  endMs: number
  /** Flat: key, value, key, value... */
  attributes: Array<string | AttributeValue>
  events?: Array<{ name: string, timeMs: number }>
  error: boolean
}

export interface Resource {
  attributes: Record<string, AttributeValue>
  scope: { name: string, version: string }
}

const nanos = (ms: number): bigint => BigInt(Math.round(ms * 1e6))

// Hex digit values by character code ('0'-'9', 'a'-'f').
const HEX = new Uint8Array(128)
for (let i = 0; i < 16; i++) HEX['0123456789abcdef'.charCodeAt(i)] = i

function varintLength (n: number): number {
  let length = 1
  while (n > 127) {
    n = Math.floor(n / 128)
    length++
  }
  return length
}

const keys = new Map<string, Uint8Array>()

/** A KeyValue's `key` field (1), encoded once per key. */
function encodedKey (key: string): Uint8Array {
  let bytes = keys.get(key)
  if (bytes === undefined) {
    const w = new ProtoWriter()
    w.string(1, key)
    bytes = Uint8Array.prototype.slice.call(w.buf, 0, w.pos)
    // Attribute keys are the code's own; a bound all the same.
    if (keys.size < 1_000) keys.set(key, bytes)
  }
  return bytes
}

/** A growable protobuf writer; nested messages reserve five bytes for their length and close up after. */
class ProtoWriter {
  constructor (public buf: Buffer = Buffer.allocUnsafe(1024), public pos = 0) {}

  ensure (n: number): void {
    if (this.pos + n <= this.buf.length) return
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n))
    this.buf.copy(next, 0, 0, this.pos)
    this.buf = next
  }

  varint (n: number): void {
    this.ensure(10)
    while (n > 127) {
      this.buf[this.pos++] = (n % 128) | 128
      n = Math.floor(n / 128)
    }
    this.buf[this.pos++] = n
  }

  tag (field: number, wire: number): void { this.varint(field * 8 + wire) }

  fixed64 (field: number, value: bigint): void {
    this.tag(field, 1)
    this.ensure(8)
    this.buf.writeBigUInt64LE(value, this.pos)
    this.pos += 8
  }

  double (field: number, value: number): void {
    this.tag(field, 1)
    this.ensure(8)
    this.buf.writeDoubleLE(value, this.pos)
    this.pos += 8
  }

  /** Ids (lower-case hex, as made here or checked on the way in) as bytes, decoded in JS: Buffer.write was a third of a span's cost. */
  hex (field: number, hex: string): void {
    const length = hex.length / 2
    this.tag(field, 2)
    this.varint(length)
    this.ensure(length)
    const buf = this.buf
    let at = this.pos
    for (let i = 0; i < hex.length; i += 2) buf[at++] = (HEX[hex.charCodeAt(i)]! << 4) | HEX[hex.charCodeAt(i + 1)]!
    this.pos = at
  }

  /** ASCII (almost every attribute) copied in JS; anything else through Buffer's UTF-8 encoder. */
  string (field: number, text: string): void {
    this.tag(field, 2)
    const start = this.pos
    const length = text.length
    if (length < 128) {
      this.ensure(length + 1)
      const buf = this.buf
      buf[start] = length
      let at = start + 1
      for (let i = 0; i < length; i++) {
        const code = text.charCodeAt(i)
        if (code > 127) {
          at = -1
          break
        }
        buf[at++] = code
      }
      if (at !== -1) {
        this.pos = at
        return
      }
    }
    const bytes = Buffer.byteLength(text)
    this.varint(bytes)
    this.ensure(bytes)
    this.pos += this.buf.write(text, this.pos, bytes, 'utf8')
  }

  begin (field: number): number {
    this.tag(field, 2)
    this.ensure(5)
    const mark = this.pos
    this.pos += 5
    return mark
  }

  finish (mark: number): void {
    const length = this.pos - mark - 5
    const size = varintLength(length)
    if (size < 5) this.buf.copyWithin(mark + size, mark + 5, this.pos)
    // The length goes in the space reserved for it (no ensure(): it must not move the buffer).
    let n = length
    let at = mark
    while (n > 127) {
      this.buf[at++] = (n % 128) | 128
      n = Math.floor(n / 128)
    }
    this.buf[at] = n
    this.pos -= 5 - size
  }

  /** Bytes written before, as they are. */
  bytes (bytes: Uint8Array): void {
    this.ensure(bytes.length)
    if (bytes.length > 32) this.buf.set(bytes, this.pos)
    else for (let i = 0; i < bytes.length; i++) this.buf[this.pos + i] = bytes[i]!
    this.pos += bytes.length
  }

  keyValue (field: number, key: string, value: AttributeValue): void {
    const kv = this.begin(field)
    // Keys are few and fixed: each is encoded once.
    this.bytes(encodedKey(key))
    const any = this.begin(2)
    if (typeof value === 'string') this.string(1, value)
    else if (typeof value === 'boolean') {
      this.tag(2, 0)
      this.varint(value ? 1 : 0)
    } else if (Number.isSafeInteger(value) && value >= 0) {
      this.tag(3, 0)
      this.varint(value)
    } else this.double(4, value)
    this.finish(any)
    this.finish(kv)
  }
}

// A batch's bytes go in a buffer of this size taken from a small pool and given back once the
// batch is sent: allocating and growing one per batch (a quarter of a megabyte at 512 spans, then
// the body copied once more) doubled the time the stream path spent collecting garbage.
const BATCH_BYTES = 512 * 1024
// Room before the spans for the envelope (resource, scope), written last, so the body is a slice.
const ENVELOPE_ROOM = 4096
const pool: Buffer[] = []

function envelopeParts (resource: Resource): { resourceField: Buffer, scopeField: Buffer } {
  const r = new ProtoWriter()
  const resourceMessage = r.begin(1)
  for (const [key, value] of Object.entries(resource.attributes)) r.keyValue(1, key, value)
  r.finish(resourceMessage)
  const sc = new ProtoWriter()
  const scope = sc.begin(1)
  sc.string(1, resource.scope.name)
  sc.string(2, resource.scope.version)
  sc.finish(scope)
  return { resourceField: Buffer.from(r.buf.subarray(0, r.pos)), scopeField: Buffer.from(sc.buf.subarray(0, sc.pos)) }
}
const envelopes = new WeakMap<Resource, ReturnType<typeof envelopeParts>>()

function varintBytes (n: number): number[] {
  const bytes: number[] = []
  while (n > 127) {
    bytes.push((n % 128) | 128)
    n = Math.floor(n / 128)
  }
  bytes.push(n)
  return bytes
}

/** Spans appended as protobuf, closed into one export body. */
export class ProtobufBatch {
  readonly contentType = 'application/x-protobuf'
  #writer = new ProtoWriter(pool.pop() ?? Buffer.allocUnsafe(BATCH_BYTES), ENVELOPE_ROOM)
  count = 0

  add (span: SpanRecord): void {
    const w = this.#writer
    // ScopeSpans.spans (field 2) entries, wrapped at the end.
    const mark = w.begin(2)
    w.hex(1, span.traceId)
    w.hex(2, span.spanId)
    if (span.traceState !== undefined) w.string(3, span.traceState)
    if (span.parentSpanId !== undefined) w.hex(4, span.parentSpanId)
    w.string(5, span.name)
    w.tag(6, 0)
    w.varint(span.kind)
    w.fixed64(7, nanos(span.startMs))
    w.fixed64(8, nanos(span.endMs))
    const attributes = span.attributes
    for (let i = 0; i < attributes.length; i += 2) w.keyValue(9, attributes[i] as string, attributes[i + 1]!)
    for (const event of span.events ?? []) {
      const at = w.begin(11)
      w.fixed64(1, nanos(event.timeMs))
      w.string(2, event.name)
      w.finish(at)
    }
    if (span.error) {
      const status = w.begin(15)
      w.tag(3, 0)
      w.varint(2)
      w.finish(status)
    }
    w.finish(mark)
    this.count++
  }

  /** ExportTraceServiceRequest { resource_spans { resource, scope_spans { scope, spans } } }, the spans where they are. */
  body (resource: Resource): Buffer {
    let parts = envelopes.get(resource)
    if (parts === undefined) envelopes.set(resource, parts = envelopeParts(resource))
    const w = this.#writer
    const spansLength = w.pos - ENVELOPE_ROOM
    const scopeSpansLength = parts.scopeField.length + spansLength
    const scopeSpansHead = [0x12, ...varintBytes(scopeSpansLength)]
    const resourceSpansLength = parts.resourceField.length + scopeSpansHead.length + scopeSpansLength
    const prefix = Buffer.concat([Buffer.from([0x0a, ...varintBytes(resourceSpansLength)]), parts.resourceField, Buffer.from(scopeSpansHead), parts.scopeField])
    if (prefix.length > ENVELOPE_ROOM) return Buffer.concat([prefix, w.buf.subarray(ENVELOPE_ROOM, w.pos)])
    prefix.copy(w.buf, ENVELOPE_ROOM - prefix.length)
    return w.buf.subarray(ENVELOPE_ROOM - prefix.length, w.pos)
  }

  /** The batch was sent: its buffer serves another. */
  release (): void {
    const buf = this.#writer.buf
    if (buf.length === BATCH_BYTES && pool.length < 4) pool.push(buf)
    this.#writer = new ProtoWriter(Buffer.alloc(0), 0)
  }
}

function jsonValue (value: AttributeValue): string {
  if (typeof value === 'string') return `{"stringValue":${JSON.stringify(value)}}`
  if (typeof value === 'boolean') return `{"boolValue":${value}}`
  return Number.isSafeInteger(value) ? `{"intValue":"${value}"}` : `{"doubleValue":${value}}`
}

function jsonAttributes (entries: Array<[string, AttributeValue]>): string {
  return entries.map(([key, value]) => `{"key":${JSON.stringify(key)},"value":${jsonValue(value)}}`).join(',')
}

/** Spans appended as OTLP/JSON (ids in hex, times as strings of nanoseconds), closed into one export body. */
export class JsonBatch {
  readonly contentType = 'application/json'
  release (): void {}
  #spans: string[] = []
  count = 0

  add (span: SpanRecord): void {
    const pairs: Array<[string, AttributeValue]> = []
    for (let i = 0; i < span.attributes.length; i += 2) pairs.push([span.attributes[i] as string, span.attributes[i + 1]!])
    const events = (span.events ?? []).map((event) => `{"timeUnixNano":"${nanos(event.timeMs)}","name":${JSON.stringify(event.name)}}`).join(',')
    this.#spans.push(`{"traceId":"${span.traceId}","spanId":"${span.spanId}"` +
      (span.parentSpanId === undefined ? '' : `,"parentSpanId":"${span.parentSpanId}"`) +
      (span.traceState === undefined ? '' : `,"traceState":${JSON.stringify(span.traceState)}`) +
      `,"name":${JSON.stringify(span.name)},"kind":${span.kind},"startTimeUnixNano":"${nanos(span.startMs)}","endTimeUnixNano":"${nanos(span.endMs)}"` +
      `,"attributes":[${jsonAttributes(pairs)}],"events":[${events}],"status":{${span.error ? '"code":2' : ''}}}`)
    this.count++
  }

  body (resource: Resource): Buffer {
    const scope = `{"name":${JSON.stringify(resource.scope.name)},"version":${JSON.stringify(resource.scope.version)}}`
    return Buffer.from(`{"resourceSpans":[{"resource":{"attributes":[${jsonAttributes(Object.entries(resource.attributes))}]},"scopeSpans":[{"scope":${scope},"spans":[${this.#spans.join(',')}]}]}]}`)
  }
}

export type SpanBatch = ProtobufBatch | JsonBatch
