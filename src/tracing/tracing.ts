import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import { DiagLogLevel, ROOT_CONTEXT, SpanKind, SpanStatusCode, defaultTextMapGetter, diag, trace, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources'
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider, type Sampler, type SpanExporter } from '@opentelemetry/sdk-trace'
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http'
import type { FastifyBaseLogger, FastifyRequest } from 'fastify'
import type { TracingConfig } from '../config/config.js'
import type { CallSpan, CallTracer } from '../upstream/call-tracer.js'
import type { UpstreamCall } from '../upstream/sensay-client.js'
import type { RequestTrace } from './request-trace.js'
import { upstreamTemplate, chatReplica } from './upstream-template.js'

// This module is imported only when tracing is on (app.ts): off, no OpenTelemetry code is loaded.

// The package's version (package.json), as the docs route states it.
const VERSION = '0.1.0'

function samplerOf (config: TracingConfig): Sampler {
  const ratio = new TraceIdRatioBasedSampler(config.samplerRatio)
  switch (config.sampler) {
    case 'always_on': return new AlwaysOnSampler()
    case 'always_off': return new AlwaysOffSampler()
    case 'traceidratio': return ratio
    case 'parentbased_always_off': return new ParentBasedSampler({ root: new AlwaysOffSampler() })
    case 'parentbased_traceidratio': return new ParentBasedSampler({ root: ratio })
    default: return new ParentBasedSampler({ root: new AlwaysOnSampler() })
  }
}

function exporterOf (config: TracingConfig): SpanExporter {
  // Headers, timeout, compression and certificates come from the standard OTEL_EXPORTER_OTLP_* variables.
  return config.protocol === 'http/json' ? new JsonExporter({ url: config.url }) : new ProtobufExporter({ url: config.url })
}

/**
 * The SDK's own complaints (an export that failed: the collector down, a
 * wrong endpoint) on our log, at most one line a minute so a dead collector
 * cannot flood it.
 */
function routeDiagnostics (log: FastifyBaseLogger): void {
  let quietUntil = 0
  const warn = (message: string, ...args: unknown[]): void => {
    const now = Date.now()
    if (now < quietUntil) return
    quietUntil = now + 60_000
    const detail = args.map((arg) => arg instanceof Error ? arg.message : typeof arg === 'string' ? arg : '').filter(Boolean).join('; ')
    log.warn({ tracing: detail || undefined }, `tracing: ${message}`)
  }
  const quiet = (): void => {}
  diag.setLogger({ error: warn, warn, info: quiet, debug: quiet, verbose: quiet }, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true })
}

/** `traceparent` (and `tracestate`) for a span's context. */
function propagationHeaders (span: Span): string[] {
  const context = span.spanContext()
  const headers = ['traceparent', `00-${context.traceId}-${context.spanId}-${(context.traceFlags & 1) === 1 ? '01' : '00'}`]
  const state = context.traceState?.serialize()
  if (state !== undefined && state !== '') headers.push('tracestate', state)
  return headers
}

class ServerSpan implements RequestTrace {
  readonly traceId: string
  readonly spanId: string
  readonly context: Context
  constructor (private readonly span: Span, parent: Context, private readonly recordUserId: boolean) {
    const ids = span.spanContext()
    this.traceId = ids.traceId
    this.spanId = ids.spanId
    this.context = trace.setSpan(parent, span)
  }

  end (request: FastifyRequest, status: number, aborted: boolean): void {
    const span = this.span
    if (span.isRecording()) {
      if (!aborted) span.setAttribute('http.response.status_code', status)
      const outcome = request.stream?.outcome
      if (status >= 500 && !aborted) {
        span.setAttribute('error.type', request.errorCode ?? String(status))
        span.setStatus({ code: SpanStatusCode.ERROR })
      } else if (outcome !== undefined && outcome !== 'completed' && outcome !== 'cancelled' && !aborted) {
        // A stream that began (200) and then broke off: an error part was the answer's end.
        span.setAttribute('error.type', outcome)
        span.setStatus({ code: SpanStatusCode.ERROR, message: `stream ended: ${outcome}` })
      }
      const identity = request.identity
      if (this.recordUserId && identity?.kind === 'user') span.setAttribute('enduser.id', identity.userId)
    }
    span.end()
  }
}

class UpstreamSpan implements CallSpan {
  readonly headers: string[]
  #ended = false
  constructor (private readonly span: Span) {
    this.headers = propagationHeaders(span)
  }

  answered (status: number, upstreamRequestId: string | undefined): void {
    this.span.setAttribute('http.response.status_code', status)
    if (upstreamRequestId !== undefined) this.span.setAttribute('sensay.request_id', upstreamRequestId)
  }

  firstChunk (): void {
    this.span.addEvent('gen_ai.first_chunk')
  }

  end (errorType?: string): void {
    if (this.#ended) return
    this.#ended = true
    if (errorType !== undefined) {
      this.span.setAttribute('error.type', errorType)
      this.span.setStatus({ code: SpanStatusCode.ERROR })
    }
    this.span.end()
  }
}

/** The tracer of the BFF: server spans for requests, client spans for Sensay calls, exported over OTLP/HTTP. */
export class Tracing implements CallTracer {
  readonly #provider: TracerProvider
  readonly #tracer: Tracer
  readonly #propagator = new W3CTraceContextPropagator()
  readonly #recordUserId: boolean
  readonly #upstream: { address: string, port: number, origin: string, basePath: string }

  constructor (config: TracingConfig, upstreamBaseUrl: string, log: FastifyBaseLogger) {
    routeDiagnostics(log)
    const resource = defaultResource().merge(resourceFromAttributes({
      'service.instance.id': randomUUID(),
      'host.name': hostname(),
      ...config.resourceAttributes,
      'service.name': config.serviceName,
      'service.version': config.resourceAttributes['service.version'] ?? VERSION
    }))
    this.#provider = new TracerProvider({
      resource,
      sampler: samplerOf(config),
      spanProcessors: [new BatchSpanProcessor({ exporter: exporterOf(config), scheduledDelayMillis: config.scheduleDelayMs })]
    })
    this.#tracer = this.#provider.getTracer('sensay-bff', VERSION)
    this.#recordUserId = config.recordUserId
    const base = new URL(upstreamBaseUrl)
    this.#upstream = {
      address: base.hostname,
      port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
      origin: base.origin,
      basePath: base.pathname.replace(/\/+$/, '')
    }
  }

  /** A request's server span: a child of the caller's span when it sent a valid `traceparent`. */
  startRequest (request: FastifyRequest): RequestTrace {
    const headers = request.headers
    const parent = headers.traceparent === undefined ? ROOT_CONTEXT : this.#propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter)
    const route = request.route?.url
    const matched = route !== undefined && route !== 'unmatched'
    const query = request.url.indexOf('?')
    const attributes: Attributes = {
      'http.request.method': request.method,
      'url.path': query === -1 ? request.url : request.url.slice(0, query),
      'url.scheme': request.protocol,
      'client.address': request.ip,
      'network.protocol.version': request.raw.httpVersion,
      'sensay_bff.request_id': request.id
    }
    if (matched) attributes['http.route'] = route
    const agent = headers['user-agent']
    if (agent !== undefined) attributes['user_agent.original'] = agent
    const span = this.#tracer.startSpan(matched ? `${request.method} ${route}` : request.method, { kind: SpanKind.SERVER, attributes }, parent)
    return new ServerSpan(span, parent, this.#recordUserId)
  }

  /** A Sensay call's client span; chat completions carry the GenAI conventions. */
  start (call: UpstreamCall, parent: Context, model: string | undefined, resendCount: number): CallSpan {
    const template = upstreamTemplate(call.path)
    const upstream = this.#upstream
    const attributes: Attributes = {
      'http.request.method': call.method,
      'server.address': upstream.address,
      'server.port': upstream.port,
      'url.full': upstream.origin + upstream.basePath + call.path,
      'url.template': template
    }
    if (resendCount > 0) attributes['http.request.resend_count'] = resendCount
    const replica = chatReplica(call.path)
    let name = `${call.method} ${template}`
    if (replica !== undefined) {
      attributes['gen_ai.operation.name'] = 'chat'
      attributes['gen_ai.provider.name'] = 'sensay'
      attributes['gen_ai.agent.id'] = replica
      if (model !== undefined) attributes['gen_ai.request.model'] = model
      name = model === undefined ? 'chat' : `chat ${model}`
    }
    return new UpstreamSpan(this.#tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, parent))
  }

  /** Sends what is left; a collector that does not answer delays shutdown by at most `waitMs`. */
  async shutdown (waitMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      this.#provider.shutdown().catch(() => undefined),
      new Promise<void>((resolve) => { timer = setTimeout(resolve, waitMs) })
    ])
    clearTimeout(timer)
  }
}
