import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http'
import { EventEmitter, once } from 'node:events'
import { gunzipSync } from 'node:zlib'
import type { AddressInfo } from 'node:net'

// A small OTLP/HTTP trace receiver on a real socket: it decodes what arrives
// (protobuf with its own wire-format reader, or OTLP/JSON) into one shape, so
// tests read spans as a collector would, not as the SDK holds them.

export type AttributeValue = string | number | boolean | AttributeValue[] | undefined

export interface ReceivedSpan {
  traceId: string
  spanId: string
  parentSpanId: string
  traceState: string
  name: string
  /** 1 internal, 2 server, 3 client. */
  kind: number
  startNs: bigint
  endNs: bigint
  attributes: Record<string, AttributeValue>
  events: Array<{ name: string, timeNs: bigint, attributes: Record<string, AttributeValue> }>
  /** 0 unset, 1 ok, 2 error. */
  status: { code: number, message: string }
  resource: Record<string, AttributeValue>
}

export interface OtlpReceiver {
  url: string
  spans: ReceivedSpan[]
  /** Content types of the exports received, in order. */
  contentTypes: string[]
  /** The paths they were POSTed to. */
  paths: string[]
  /** The request headers of each export. */
  headers: IncomingHttpHeaders[]
  /** Resolves with the received spans once `done(spans)` holds, re-checked after every export. */
  until: (done: (spans: ReceivedSpan[]) => boolean) => Promise<ReceivedSpan[]>
  close: () => Promise<void>
}

// --- protobuf wire format -------------------------------------------------

interface Field { number: number, wire: number, varint?: bigint, bytes?: Buffer, fixed?: Buffer }

function readVarint (buf: Buffer, at: { pos: number }): bigint {
  let result = 0n
  let shift = 0n
  for (;;) {
    const byte = buf[at.pos++]
    if (byte === undefined) throw new Error('truncated varint')
    result |= BigInt(byte & 0x7f) << shift
    if ((byte & 0x80) === 0) return result
    shift += 7n
  }
}

function fields (buf: Buffer): Field[] {
  const out: Field[] = []
  const at = { pos: 0 }
  while (at.pos < buf.length) {
    const key = Number(readVarint(buf, at))
    const field: Field = { number: key >> 3, wire: key & 7 }
    if (field.wire === 0) field.varint = readVarint(buf, at)
    else if (field.wire === 1) { field.fixed = buf.subarray(at.pos, at.pos + 8); at.pos += 8 } else if (field.wire === 5) { field.fixed = buf.subarray(at.pos, at.pos + 4); at.pos += 4 } else if (field.wire === 2) {
      const length = Number(readVarint(buf, at))
      field.bytes = buf.subarray(at.pos, at.pos + length)
      at.pos += length
    } else throw new Error(`unsupported wire type ${field.wire}`)
    out.push(field)
  }
  return out
}

const all = (list: Field[], n: number) => list.filter((f) => f.number === n)
const one = (list: Field[], n: number) => list.find((f) => f.number === n)
const text = (f: Field | undefined) => f?.bytes?.toString('utf8') ?? ''
const hex = (f: Field | undefined) => f?.bytes?.toString('hex') ?? ''

function anyValue (buf: Buffer): AttributeValue {
  const f = fields(buf)[0]
  if (f === undefined) return undefined
  switch (f.number) {
    case 1: return text(f)
    case 2: return f.varint === 1n
    case 3: return Number(BigInt.asIntN(64, f.varint!))
    case 4: return f.fixed!.readDoubleLE(0)
    case 5: return all(fields(f.bytes!), 1).map((v) => anyValue(v.bytes!))
    default: return undefined
  }
}

function keyValues (list: Field[]): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {}
  for (const kv of list) {
    const parts = fields(kv.bytes!)
    out[text(one(parts, 1))] = anyValue(one(parts, 2)?.bytes ?? Buffer.alloc(0))
  }
  return out
}

export function decodeProtobuf (body: Buffer): ReceivedSpan[] {
  const spans: ReceivedSpan[] = []
  for (const rs of all(fields(body), 1)) {
    const rsFields = fields(rs.bytes!)
    const resource = keyValues(all(fields(one(rsFields, 1)?.bytes ?? Buffer.alloc(0)), 1))
    for (const ss of all(rsFields, 2)) {
      for (const s of all(fields(ss.bytes!), 2)) {
        const f = fields(s.bytes!)
        const status = fields(one(f, 15)?.bytes ?? Buffer.alloc(0))
        spans.push({
          traceId: hex(one(f, 1)),
          spanId: hex(one(f, 2)),
          traceState: text(one(f, 3)),
          parentSpanId: hex(one(f, 4)),
          name: text(one(f, 5)),
          kind: Number(one(f, 6)?.varint ?? 0n),
          startNs: one(f, 7)?.fixed?.readBigUInt64LE(0) ?? 0n,
          endNs: one(f, 8)?.fixed?.readBigUInt64LE(0) ?? 0n,
          attributes: keyValues(all(f, 9)),
          events: all(f, 11).map((e) => {
            const ef = fields(e.bytes!)
            return { timeNs: one(ef, 1)?.fixed?.readBigUInt64LE(0) ?? 0n, name: text(one(ef, 2)), attributes: keyValues(all(ef, 3)) }
          }),
          status: { message: text(one(status, 2)), code: Number(one(status, 3)?.varint ?? 0n) },
          resource
        })
      }
    }
  }
  return spans
}

// --- OTLP/JSON --------------------------------------------------------------

interface JsonValue { stringValue?: string, boolValue?: boolean, intValue?: string | number, doubleValue?: number, arrayValue?: { values?: JsonValue[] } }
interface JsonKeyValue { key: string, value: JsonValue }

function jsonValue (value: JsonValue): AttributeValue {
  if (value.stringValue !== undefined) return value.stringValue
  if (value.boolValue !== undefined) return value.boolValue
  if (value.intValue !== undefined) return Number(value.intValue)
  if (value.doubleValue !== undefined) return value.doubleValue
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(jsonValue)
  return undefined
}

const jsonAttributes = (list: JsonKeyValue[] | undefined) => Object.fromEntries((list ?? []).map((kv) => [kv.key, jsonValue(kv.value)]))

function decodeJson (body: Buffer): ReceivedSpan[] {
  const request = JSON.parse(body.toString('utf8')) as { resourceSpans?: Array<{ resource?: { attributes?: JsonKeyValue[] }, scopeSpans?: Array<{ spans?: Array<Record<string, any>> }> }> }
  const spans: ReceivedSpan[] = []
  for (const rs of request.resourceSpans ?? []) {
    const resource = jsonAttributes(rs.resource?.attributes)
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        spans.push({
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId ?? '',
          traceState: s.traceState ?? '',
          name: s.name,
          kind: s.kind,
          startNs: BigInt(s.startTimeUnixNano),
          endNs: BigInt(s.endTimeUnixNano),
          attributes: jsonAttributes(s.attributes),
          events: (s.events ?? []).map((e: Record<string, any>) => ({ name: e.name, timeNs: BigInt(e.timeUnixNano), attributes: jsonAttributes(e.attributes) })),
          status: { code: s.status?.code ?? 0, message: s.status?.message ?? '' },
          resource
        })
      }
    }
  }
  return spans
}

async function bodyOf (request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const body = Buffer.concat(chunks)
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body
}

/** Listens on 127.0.0.1 at a free port; POST /v1/traces (or any path) takes an export. */
export async function startOtlpReceiver (): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = []
  const contentTypes: string[] = []
  const paths: string[] = []
  const headers: IncomingHttpHeaders[] = []
  const arrivals = new EventEmitter()
  const server: Server = createServer((request, response) => {
    bodyOf(request).then((body) => {
      const type = request.headers['content-type'] ?? ''
      contentTypes.push(type)
      paths.push(request.url ?? '')
      headers.push(request.headers)
      spans.push(...(type.includes('json') ? decodeJson(body) : decodeProtobuf(body)))
      response.writeHead(200, { 'content-type': type.includes('json') ? 'application/json' : 'application/x-protobuf' })
      response.end(type.includes('json') ? '{}' : '')
      arrivals.emit('export')
    }).catch((err: Error) => {
      response.writeHead(400).end(err.message)
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    contentTypes,
    paths,
    headers,
    until: async (done) => {
      while (!done(spans)) await once(arrivals, 'export')
      return spans
    },
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
