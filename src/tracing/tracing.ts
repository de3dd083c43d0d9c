import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger, FastifyRequest } from 'fastify'
import type { TracingConfig } from '../config/config.js'
import type { CallSpan, CallTracer } from '../upstream/call-tracer.js'
import type { UpstreamCall } from '../upstream/sensay-client.js'
import type { RequestTrace } from './request-trace.js'
import type { AttributeValue, Resource } from './otlp-encoding.js'
import { SpanExporter } from './span-exporter.js'
import { newSpanId, newTraceId, parseTraceParent, propagationHeaders, type SpanContext } from './trace-context.js'
import { chatReplica, upstreamTemplate } from './upstream-template.js'

// Imported only when tracing is on (app.ts). Spans are small records made
// here and encoded into their batch as they end: OpenTelemetry's SDK made
// and kept an object graph per span (a tracer, a context, a resource, limits,
// a processor chain) and cost a traced chat more than the 10 % we allow.

// The package's version (package.json), as the docs route states it.
const VERSION = '0.1.0'

// Epoch milliseconds from the monotonic clock: spans of one request nest exactly.
const ANCHOR = Date.now() - performance.now()
const now = (): number => ANCHOR + performance.now()

/** Whether a new span is recorded: OTEL_TRACES_SAMPLER, the parent's decision first for the parent-based ones. */
function samplerOf (config: TracingConfig): (parent: SpanContext | undefined, traceId: string) => boolean {
  // The ratio samplers decide by the trace id's last 8 hex digits, so every service of a trace agrees.
  const byRatio = (traceId: string) => Number.parseInt(traceId.slice(24), 16) < config.samplerRatio * 0x1_0000_0000
  switch (config.sampler) {
    case 'always_on': return () => true
    case 'always_off': return () => false
    case 'traceidratio': return (_parent, traceId) => byRatio(traceId)
    case 'parentbased_always_off': return (parent) => parent?.sampled ?? false
    case 'parentbased_traceidratio': return (parent, traceId) => parent?.sampled ?? byRatio(traceId)
    default: return (parent) => parent?.sampled ?? true
  }
}

type Describe = () => { name: string, attributes: Array<string | AttributeValue> }

/**
 * A span in progress, kept small: a streamed answer's spans live as long as the stream, and
 * what outlives two scavenges is promoted and costs a mark-compact (a stream's spans with their
 * attributes built at the start tripled the stream path's mark-compacts). Name and attributes
 * are built when it ends, from what the request and the call still hold; unsampled, never.
 */
class Span implements SpanContext {
  readonly traceId: string
  readonly spanId: string
  readonly sampled: boolean
  readonly traceState?: string
  readonly #parentSpanId?: string
  readonly #startMs: number
  #describe?: Describe
  #later?: Array<string | AttributeValue>
  #events?: Array<{ name: string, timeMs: number }>
  #error = false

  constructor (private readonly exporter: SpanExporter, private readonly kind: 2 | 3, traceId: string, parent: SpanContext | undefined, sampled: boolean, describe: Describe) {
    this.traceId = traceId
    this.spanId = newSpanId()
    this.sampled = sampled
    if (parent?.traceState !== undefined) this.traceState = parent.traceState
    this.#parentSpanId = parent?.spanId
    this.#startMs = sampled ? now() : 0
    if (sampled) this.#describe = describe
  }

  get recording (): boolean { return this.#describe !== undefined }

  set (key: string, value: AttributeValue): void {
    if (this.recording) (this.#later ??= []).push(key, value)
  }

  event (name: string): void {
    if (this.recording) (this.#events ??= []).push({ name, timeMs: now() })
  }

  fail (errorType: string): void {
    if (!this.recording) return
    this.set('error.type', errorType)
    this.#error = true
  }

  end (): void {
    const describe = this.#describe
    if (describe === undefined) return
    this.#describe = undefined
    const endMs = now()
    const { name, attributes } = describe()
    if (this.#later !== undefined) attributes.push(...this.#later)
    this.exporter.add({ traceId: this.traceId, spanId: this.spanId, parentSpanId: this.#parentSpanId, traceState: this.traceState, name, kind: this.kind, startMs: this.#startMs, endMs, attributes, events: this.#events, error: this.#error })
  }
}

class ServerSpan implements RequestTrace {
  readonly traceId: string
  readonly spanId: string
  constructor (readonly context: Span, private readonly recordUserId: boolean) {
    this.traceId = context.traceId
    this.spanId = context.spanId
  }

  end (request: FastifyRequest, status: number, aborted: boolean): void {
    const span = this.context
    if (span.recording) {
      if (!aborted) span.set('http.response.status_code', status)
      const outcome = request.stream?.outcome
      // A 5xx, or a stream that began (200) and then broke off: an error part was the answer's end.
      if (status >= 500 && !aborted) span.fail(request.errorCode ?? String(status))
      else if (outcome !== undefined && outcome !== 'completed' && outcome !== 'cancelled' && !aborted) span.fail(outcome)
      const identity = request.identity
      if (this.recordUserId && identity?.kind === 'user') span.set('enduser.id', identity.userId)
    }
    span.end()
  }
}

class UpstreamSpan implements CallSpan {
  readonly headers: string[]
  constructor (private readonly span: Span) {
    this.headers = propagationHeaders(span)
  }

  answered (status: number, upstreamRequestId: string | undefined): void {
    this.span.set('http.response.status_code', status)
    if (upstreamRequestId !== undefined) this.span.set('sensay.request_id', upstreamRequestId)
  }

  firstChunk (): void { this.span.event('gen_ai.first_chunk') }

  end (errorType?: string): void {
    if (errorType !== undefined) this.span.fail(errorType)
    this.span.end()
  }
}

/** The tracer of the BFF: server spans for requests, client spans for Sensay calls, exported over OTLP/HTTP. */
export class Tracing implements CallTracer {
  readonly #exporter: SpanExporter
  readonly #sample: (parent: SpanContext | undefined, traceId: string) => boolean
  readonly #recordUserId: boolean
  readonly #upstream: { address: string, port: number, base: string }

  constructor (config: TracingConfig, upstreamBaseUrl: string, log: FastifyBaseLogger) {
    const resource: Resource = {
      attributes: {
        'service.instance.id': randomUUID(),
        'host.name': hostname(),
        'telemetry.sdk.name': 'sensay-bff',
        'telemetry.sdk.language': 'nodejs',
        'telemetry.sdk.version': VERSION,
        'process.runtime.name': 'nodejs',
        'process.runtime.version': process.versions.node,
        ...config.resourceAttributes,
        'service.name': config.serviceName,
        'service.version': config.resourceAttributes['service.version'] ?? VERSION
      },
      scope: { name: 'sensay-bff', version: VERSION }
    }
    this.#exporter = new SpanExporter(config, resource, log)
    this.#sample = samplerOf(config)
    this.#recordUserId = config.recordUserId
    const base = new URL(upstreamBaseUrl)
    this.#upstream = {
      address: base.hostname,
      port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
      base: base.origin + base.pathname.replace(/\/+$/, '')
    }
  }

  /** An unsampled span builds neither its name nor its attributes: only its ids travel. */
  #span (kind: 2 | 3, parent: SpanContext | undefined, describe: Describe): Span {
    const traceId = parent?.traceId ?? newTraceId()
    return new Span(this.#exporter, kind, traceId, parent, this.#sample(parent, traceId), describe)
  }

  /** A request's server span: a child of the caller's span when it sent a valid `traceparent`. */
  startRequest (request: FastifyRequest): RequestTrace {
    const headers = request.headers
    const parent = headers.traceparent === undefined ? undefined : parseTraceParent(headers.traceparent, headers.tracestate)
    const span = this.#span(2, parent, () => {
      const route = request.route?.url
      const matched = route !== undefined && route !== 'unmatched'
      const query = request.url.indexOf('?')
      const attributes: Array<string | AttributeValue> = [
        'http.request.method', request.method,
        'url.path', query === -1 ? request.url : request.url.slice(0, query),
        'url.scheme', request.protocol,
        'client.address', request.ip,
        'network.protocol.version', request.raw.httpVersion,
        'sensay_bff.request_id', request.id
      ]
      if (matched) attributes.push('http.route', route)
      const agent = headers['user-agent']
      if (agent !== undefined) attributes.push('user_agent.original', agent)
      return { name: matched ? `${request.method} ${route}` : request.method, attributes }
    })
    return new ServerSpan(span, this.#recordUserId)
  }

  /** A Sensay call's client span; chat completions carry the GenAI conventions. */
  start (call: UpstreamCall, parent: SpanContext, model: string | undefined, resendCount: number): CallSpan {
    const span = this.#span(3, parent, () => {
      const template = upstreamTemplate(call.path)
      const replica = chatReplica(call.path)
      const upstream = this.#upstream
      const attributes: Array<string | AttributeValue> = [
        'http.request.method', call.method,
        'server.address', upstream.address,
        'server.port', upstream.port,
        'url.full', upstream.base + call.path,
        'url.template', template
      ]
      if (resendCount > 0) attributes.push('http.request.resend_count', resendCount)
      if (replica !== undefined) {
        attributes.push('gen_ai.operation.name', 'chat', 'gen_ai.provider.name', 'sensay', 'gen_ai.agent.id', replica)
        if (model !== undefined) attributes.push('gen_ai.request.model', model)
      }
      return { name: replica === undefined ? `${call.method} ${template}` : model === undefined ? 'chat' : `chat ${model}`, attributes }
    })
    return new UpstreamSpan(span)
  }

  /** Sends what is left; a collector that does not answer delays shutdown by at most `waitMs`. */
  async shutdown (waitMs: number): Promise<void> {
    await this.#exporter.shutdown(waitMs)
  }
}
