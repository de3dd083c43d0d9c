import { setTimeout as sleep } from 'node:timers/promises'
import type { ServerResponse } from 'node:http'
import { Pool, type Dispatcher } from 'undici'
import { bufferedCall } from './buffered-call.js'
import type { ResponseHeaders } from './dispatch-common.js'
import { streamedCall, type StreamedResponse } from './streamed-call.js'
import { errors } from '../errors/app-error.js'
import { CircuitBreaker, type BreakerState } from './circuit-breaker.js'
import { fromTransportError, fromUpstreamStatus, retryAfterSeconds, type UpstreamErrorBody } from './upstream-errors.js'

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
  readonly breaker: CircuitBreaker

  constructor (options: SensayClientOptions) {
    const url = new URL(options.baseUrl)
    this.#basePath = url.pathname.replace(/\/+$/, '')
    this.#timeoutMs = options.timeoutMs
    this.#retries = options.retries ?? 2
    this.#retryBaseMs = options.retryBaseMs ?? 100
    this.#onRetry = options.onRetry
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
  #headers (call: UpstreamCall, ctx: CallContext): string[] {
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
    return headers
  }

  #options (call: UpstreamCall, ctx: CallContext, deadline: number, bodyTimeout: number): Dispatcher.RequestOptions {
    return {
      method: call.method,
      path: this.#basePath + call.path + queryString(call.query),
      headers: this.#headers(call, ctx),
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
  async #send<A extends Answer> (call: UpstreamCall, ctx: CallContext, attempt: (deadline: number) => Promise<A>, discard: (answer: A) => Promise<unknown>) {
    const started = performance.now()
    const deadline = started + this.#timeoutMs
    const retries = call.method === 'GET' ? this.#retries : 0
    for (let tries = 0; ; tries++) {
      if (!this.breaker.allow()) {
        ctx.record?.({ latencyMs: performance.now() - started })
        throw errors.upstreamUnavailable(this.breaker.retryAfterSeconds, { cause: new Error('circuit open: upstream failing') })
      }
      let res: A
      try {
        res = await attempt(deadline)
      } catch (err) {
        const mapped = fromTransportError(err)
        // Slowness is no verdict on Sensay's health: one caller's slow replicas (or a slow LLM) time
        // out for that caller alone. What every caller would see (refused, reset, 5xx) counts.
        if (mapped.statusCode === 499 || mapped.statusCode === 504) this.breaker.release()
        else this.breaker.failure(ctx.caller)
        if (mapped.statusCode === 503 && tries < retries && await this.#backoff(tries, undefined, deadline)) continue
        ctx.record?.({ latencyMs: performance.now() - started })
        throw mapped
      }
      const unwell = UNWELL.has(res.statusCode)
      if (unwell && res.statusCode === 504) this.breaker.release()
      else if (unwell) this.breaker.failure(ctx.caller)
      else this.breaker.success()
      if (unwell && tries < retries) {
        await discard(res).catch(() => undefined)
        if (await this.#backoff(tries, res.headers['retry-after'], deadline)) continue
      }
      const upstreamId = res.headers['x-request-id']
      const info: UpstreamInfo = {
        status: res.statusCode,
        latencyMs: performance.now() - started,
        requestId: typeof upstreamId === 'string' ? upstreamId : undefined
      }
      ctx.record?.(info)
      return { res, info }
    }
  }

  /** Waits before the next attempt; false when that would run past the deadline. */
  async #backoff (attempt: number, retryAfter: string | string[] | undefined, deadline: number): Promise<boolean> {
    const jitter = 0.5 + Math.random()
    const wait = retryAfter !== undefined ? retryAfterSeconds(retryAfter, 0) * 1000 : this.#retryBaseMs * 2 ** attempt * jitter
    if (performance.now() + wait >= deadline) return false
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
    const { res, info } = await this.#send(call, ctx,
      (deadline) => bufferedCall(this.#pool, this.#options(call, ctx, deadline, this.#timeoutMs), ctx.client, deadline),
      async () => undefined)
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
    const { res, info } = await this.#send(call, ctx,
      (deadline) => streamedCall(this.#streamPool, this.#options(call, ctx, deadline, idleTimeoutMs ?? this.#timeoutMs), ctx.client, deadline),
      (answer) => answer.text())
    if (res.statusCode < 200 || res.statusCode >= 300) {
      const text = await res.text().catch(() => '')
      this.#failure(res.statusCode, res.headers, text, info)
    }
    return res
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
