import { setTimeout as sleep } from 'node:timers/promises'
import type { ServerResponse } from 'node:http'
import { Pool, type Dispatcher } from 'undici'
import { bufferedCall } from './buffered-call.js'
import type { ResponseHeaders } from './dispatch-common.js'
import { streamedCall, type StreamedResponse } from './streamed-call.js'
import { errors } from '../errors/app-error.js'
import { CircuitBreaker, type BreakerState } from './circuit-breaker.js'
import { fromTransportError, fromUpstreamStatus, retryAfterSeconds, type UpstreamErrorBody } from './upstream-errors.js'
import type { CallSpan, CallTracer } from './call-tracer.js'
import type { SpanContext } from '../tracing/trace-context.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type QueryValue = string | number | boolean | ReadonlyArray<string | number> | undefined

export interface UpstreamCall {
  method: HttpMethod
  /** A path under the base URL whose variable segments were validated by the route. */
  path: string
  query?: Record<string, QueryValue>
  /** Sent as X-USER-ID; absent when acting for the organization. */
  userId?: string
  body?: unknown
  accept?: string
  /** Sensay answers with no body (204): nothing to parse. Any other empty 2xx is a broken answer. */
  noBody?: boolean
}

/** What the caller learns of each upstream exchange, for its log line and metrics. */
export interface UpstreamInfo {
  status?: number
  latencyMs: number
  requestId?: string
}

export interface CallContext {
  requestId: string
  /** Who the call is for (a user, a key, an address): the circuit breaker opens only for failures seen by several. */
  caller?: string
  /** The client's response: when it closes unfinished (the client left), the call is aborted. */
  client?: ServerResponse
  record?: (info: UpstreamInfo) => void
  /** The request's server span, when tracing is on: upstream calls are its children. */
  trace?: SpanContext
  /** The replica's LLM, when known: a chat call's `gen_ai.request.model`. */
  model?: string
}

export interface JsonResult<T> {
  status: number
  body: T
}

/** What every attempt yields, whichever way its body is read. */
interface Answer {
  statusCode: number
  headers: ResponseHeaders
}

/** A low-cardinality name for why an exchange ended early (an error code, a stop's outcome). */
function errorTypeOf (err: Error & { code?: unknown }): string {
  if (typeof err.code === 'string') return err.code
  return err.name === 'AbortError' ? 'cancelled' : err.name
}

/** Ends a streamed answer's span when its body ends, however it ends; notes its first chunk. */
function tracedStream (res: StreamedResponse, span: CallSpan): StreamedResponse {
  let first = true
  const pipe = res.pipe
  const abort = res.abort
  res.pipe = (sink) => pipe({
    data: (chunk) => {
      if (first) {
        first = false
        span.firstChunk()
      }
      return sink.data(chunk)
    },
    end: () => {
      span.end()
      sink.end()
    },
    error: (err) => {
      span.end(errorTypeOf(err))
      sink.error(err)
    }
  })
  res.abort = (err) => {
    span.end(errorTypeOf(err))
    abort(err)
  }
  return res
}

export interface SensayClientOptions {
  baseUrl: string
  organizationSecret: string
  apiVersion: string
  timeoutMs: number
  /** Connections for streamed answers (UPSTREAM_CONNECTIONS). */
  connections?: number
  /** Connections for JSON calls (default 256): streams never take them. */
  jsonConnections?: number
  /** Shorter in tests so nothing keeps the process alive. */
  keepAliveTimeoutMs?: number
  /** Extra attempts for a GET after a connection failure or a 502/503/504 (default 2). */
  retries?: number
  /** Base of the jittered exponential backoff between attempts (default 100 ms). */
  retryBaseMs?: number
  breaker?: { threshold: number, cooldownMs: number }
  onRetry?: () => void
  onBreakerChange?: (state: BreakerState) => void
  /** Client spans, when tracing is on. */
  tracer?: CallTracer
}

// Keep-alive connections for JSON calls, apart from the streams' UPSTREAM_CONNECTIONS.
const JSON_CONNECTIONS = 256

// Statuses that say "Sensay is unwell", as opposed to "your request was wrong".
const UNWELL = new Set([502, 503, 504])

function queryString (query: Record<string, QueryValue> | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v))
    else params.append(key, String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

function parseJson (text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * The only way out to Sensay: one keep-alive pool, the organization secret
 * and API version on every call, and failures mapped to the contract's codes.
 * Nothing from the client's own headers is ever passed here.
 */
export class SensayClient {
  /** JSON calls (lookups, reads, JSON chat): never queued behind the streams' connections. */
  readonly #pool: Pool
  /** Streamed answers: each holds a connection for as long as it streams. */
  readonly #streamPool: Pool
  readonly #basePath: string
  readonly #secret: string
  readonly #apiVersion: string
  readonly #timeoutMs: number
  readonly #retries: number
  readonly #retryBaseMs: number
  readonly #onRetry?: () => void
  readonly #tracer?: CallTracer
  readonly breaker: CircuitBreaker

  constructor (options: SensayClientOptions) {
    const url = new URL(options.baseUrl)
    this.#basePath = url.pathname.replace(/\/+$/, '')
    this.#timeoutMs = options.timeoutMs
    this.#retries = options.retries ?? 2
    this.#retryBaseMs = options.retryBaseMs ?? 100
    this.#onRetry = options.onRetry
    this.#tracer = options.tracer
    this.breaker = new CircuitBreaker({ ...(options.breaker ?? { threshold: 5, cooldownMs: 10_000 }), onChange: options.onBreakerChange })
    const pool = (connections: number) => new Pool(url.origin, {
      connections,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 4_000,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connect: { timeout: Math.min(options.timeoutMs, 10_000) }
    })
    this.#streamPool = pool(options.connections ?? 128)
    this.#pool = pool(options.jsonConnections ?? JSON_CONNECTIONS)
    this.#secret = options.organizationSecret
    this.#apiVersion = options.apiVersion
  }

  /** A flat [name, value, ...] list: undici takes it as is, with no object to build and walk per call. */
  #headers (call: UpstreamCall, ctx: CallContext, span?: CallSpan): string[] {
    const headers = [
      'x-organization-secret', this.#secret,
      'x-api-version', this.#apiVersion,
      'user-agent', 'sensay-bff',
      'x-request-id', ctx.requestId,
      'accept', call.accept ?? 'application/json',
      // Bodies are read as they come (streams relayed part by part): never compressed.
      'accept-encoding', 'identity'
    ]
    if (call.body !== undefined) headers.push('content-type', 'application/json')
    if (call.userId !== undefined) headers.push('x-user-id', call.userId)
    if (span !== undefined) headers.push(...span.headers)
    return headers
  }

  #options (call: UpstreamCall, ctx: CallContext, deadline: number, bodyTimeout: number, span: CallSpan | undefined): Dispatcher.RequestOptions {
    return {
      method: call.method,
      path: this.#basePath + call.path + queryString(call.query),
      headers: this.#headers(call, ctx, span),
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      headersTimeout: Math.max(1, Math.round(deadline - performance.now())),
      bodyTimeout
    }
  }

  /**
   * One logical call: the circuit breaker first, then the request; an
   * idempotent GET is retried (jittered exponential backoff, honouring
   * Retry-After) on connection failures and 502/503/504, while time is left
   * before the overall timeout. Writes and chat are never retried.
   */
  async #send<A extends Answer> (call: UpstreamCall, ctx: CallContext, attempt: (deadline: number, span: CallSpan | undefined) => Promise<A>, discard: (answer: A) => Promise<unknown>) {
    const started = performance.now()
    const deadline = started + this.#timeoutMs
    const retries = call.method === 'GET' ? this.#retries : 0
    for (let tries = 0; ; tries++) {
      if (!this.breaker.allow()) {
        ctx.record?.({ latencyMs: performance.now() - started })
        throw errors.upstreamUnavailable(this.breaker.retryAfterSeconds, { cause: new Error('circuit open: upstream failing') })
      }
      // A client span per attempt, only when tracing is on and the request is traced.
      const span = ctx.trace === undefined ? undefined : this.#tracer?.start(call, ctx.trace, ctx.model, tries)
      let res: A
      try {
        res = await attempt(deadline, span)
      } catch (err) {
        const mapped = fromTransportError(err)
        span?.end(mapped.code)
        // Slowness is no verdict on Sensay's health: one caller's slow replicas (or a slow LLM) time
        // out for that caller alone. What every caller would see (refused, reset, 5xx) counts.
        if (mapped.statusCode === 499 || mapped.statusCode === 504) this.breaker.release()
        else this.breaker.failure(ctx.caller)
        if (mapped.statusCode === 503 && tries < retries && await this.#backoff(tries, undefined, deadline)) continue
        ctx.record?.({ latencyMs: performance.now() - started })
        throw mapped
      }
      const upstreamId = res.headers['x-request-id']
      span?.answered(res.statusCode, typeof upstreamId === 'string' ? upstreamId : undefined)
      const unwell = UNWELL.has(res.statusCode)
      if (unwell && res.statusCode === 504) this.breaker.release()
      else if (unwell) this.breaker.failure(ctx.caller)
      else this.breaker.success()
      if (unwell && tries < retries) {
        span?.end(String(res.statusCode))
        await discard(res).catch(() => undefined)
        if (await this.#backoff(tries, res.headers['retry-after'], deadline)) continue
      }
      const info: UpstreamInfo = {
        status: res.statusCode,
        latencyMs: performance.now() - started,
        requestId: typeof upstreamId === 'string' ? upstreamId : undefined
      }
      ctx.record?.(info)
      return { res, info, span }
    }
  }

  /**
   * Waits before the next attempt; false when the attempt would have less than a quarter of
   * the timeout (at most 1 s) left: cut by the deadline, it would answer 504 for what was a
   * connection failure (503), the more useful thing to say.
   */
  async #backoff (attempt: number, retryAfter: string | string[] | undefined, deadline: number): Promise<boolean> {
    const jitter = 0.5 + Math.random()
    const wait = retryAfter !== undefined ? retryAfterSeconds(retryAfter, 0) * 1000 : this.#retryBaseMs * 2 ** attempt * jitter
    if (performance.now() + wait + Math.min(this.#timeoutMs / 4, 1_000) >= deadline) return false
    this.#onRetry?.()
    await sleep(wait)
    return true
  }

  #failure (statusCode: number, headers: ResponseHeaders, text: string, info: UpstreamInfo): never {
    const body = parseJson(text) as UpstreamErrorBody | undefined
    const upstreamRequestId = info.requestId ?? (typeof body?.request_id === 'string' ? body.request_id : undefined)
    if (upstreamRequestId && !info.requestId) info.requestId = upstreamRequestId
    throw fromUpstreamStatus(statusCode, body, headers, upstreamRequestId, (text) => text.replaceAll(this.#secret, '[redacted]'))
  }

  /** A JSON call: resolves with the parsed 2xx body, or throws the mapped AppError. */
  async json<T = unknown> (call: UpstreamCall, ctx: CallContext): Promise<JsonResult<T>> {
    const { res, info, span } = await this.#send(call, ctx,
      (deadline, span) => bufferedCall(this.#pool, this.#options(call, ctx, deadline, this.#timeoutMs, span), ctx.client, deadline),
      async () => undefined)
    span?.end(res.statusCode >= 400 ? String(res.statusCode) : undefined)
    if (res.statusCode < 200 || res.statusCode >= 300) this.#failure(res.statusCode, res.headers, res.text, info)
    if (call.noBody === true && res.text === '') return { status: res.statusCode, body: undefined as T }
    const body = parseJson(res.text)
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw errors.upstreamError({ upstreamRequestId: info.requestId, cause: new Error(`upstream ${call.method} ${call.path} answered ${res.statusCode} with a body that is not a JSON object`) })
    }
    return { status: res.statusCode, body: body as T }
  }

  /**
   * A streaming call: resolves once response headers arrive, with the body
   * paused until the caller pipes it (nothing buffered). Non-2xx answers are
   * read and thrown as errors. The client leaving aborts it, before or after
   * the first chunk.
   */
  async stream (call: UpstreamCall, ctx: CallContext, idleTimeoutMs?: number): Promise<StreamedResponse> {
    const { res, info, span } = await this.#send(call, ctx,
      (deadline, span) => streamedCall(this.#streamPool, this.#options(call, ctx, deadline, idleTimeoutMs ?? this.#timeoutMs, span), ctx.client, deadline),
      (answer) => answer.text())
    if (res.statusCode < 200 || res.statusCode >= 300) {
      span?.end(String(res.statusCode))
      const text = await res.text().catch(() => '')
      this.#failure(res.statusCode, res.headers, text, info)
    }
    return span === undefined ? res : tracedStream(res, span)
  }

  /** The upstream's status for a cheap call, for readiness: any answer counts, transport failures throw. */
  async probe (path: string, ctx: CallContext, timeoutMs: number): Promise<number> {
    const res = await this.#pool.request({
      method: 'GET',
      path: this.#basePath + path,
      headers: this.#headers({ method: 'GET', path }, ctx),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs
    })
    await res.body.dump()
    return res.statusCode
  }

  async close (): Promise<void> {
    await Promise.all([this.#pool.close(), this.#streamPool.close()])
  }
}
