import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import { Agent, request } from 'undici'
import type { FastifyBaseLogger } from 'fastify'
import type { TracingConfig } from '../config/config.js'
import { JsonBatch, ProtobufBatch, type Resource, type SpanBatch, type SpanRecord } from './otlp-encoding.js'

const gzipAsync = promisify(gzip)

// The batch span processor's defaults in the OpenTelemetry specification.
const MAX_QUEUE = 2048
const MAX_BATCH = 512

/**
 * Finished spans, encoded as they end, sent to the collector in batches:
 * when a batch holds 512 spans or OTEL_BSP_SCHEDULE_DELAY after its first,
 * one export at a time. Past 2,048 spans waiting, new ones are dropped
 * (counted, and said in the log): a collector that is slow or away costs
 * spans, never memory or requests.
 */
export class SpanExporter {
  readonly #config: TracingConfig
  readonly #resource: Resource
  readonly #log: FastifyBaseLogger
  readonly #agent: Agent
  #batch: SpanBatch
  readonly #ready: SpanBatch[] = []
  #waiting = 0
  #dropped = 0
  #timer: NodeJS.Timeout | undefined
  #sending: Promise<void> | undefined
  #quietUntil = 0

  constructor (config: TracingConfig, resource: Resource, log: FastifyBaseLogger) {
    this.#config = config
    this.#resource = resource
    this.#log = log
    this.#batch = this.#newBatch()
    this.#agent = new Agent({ connections: 2, connect: config.tls === undefined ? undefined : { ...config.tls } })
  }

  #newBatch (): SpanBatch {
    return this.#config.protocol === 'http/json' ? new JsonBatch() : new ProtobufBatch()
  }

  add (span: SpanRecord): void {
    if (this.#waiting >= MAX_QUEUE) {
      this.#dropped++
      this.#warn(`${this.#dropped} spans dropped: the export queue is full (the collector is slow or away)`)
      return
    }
    this.#batch.add(span)
    this.#waiting++
    if (this.#batch.count >= MAX_BATCH) this.#cut()
    else this.#timer ??= setTimeout(() => this.#cut(), this.#config.scheduleDelayMs).unref()
  }

  /** Closes the current batch and sends it after those before it. */
  #cut (): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    if (this.#batch.count === 0) return
    this.#ready.push(this.#batch)
    this.#batch = this.#newBatch()
    this.#sending ??= this.#sendAll().finally(() => { this.#sending = undefined })
  }

  async #sendAll (): Promise<void> {
    for (let batch = this.#ready.shift(); batch !== undefined; batch = this.#ready.shift()) {
      try {
        await this.#send(batch)
      } catch (err) {
        this.#warn(`an export of ${batch.count} spans failed: ${(err as Error).message}`)
      } finally {
        this.#waiting -= batch.count
        batch.release()
      }
    }
  }

  async #send (batch: SpanBatch): Promise<void> {
    const config = this.#config
    let body = batch.body(this.#resource)
    const headers: Record<string, string> = { ...config.headers, 'content-type': batch.contentType, 'user-agent': 'sensay-bff' }
    if (config.compression === 'gzip') {
      body = await gzipAsync(body)
      headers['content-encoding'] = 'gzip'
    }
    const res = await request(config.url, {
      method: 'POST',
      headers,
      body,
      dispatcher: this.#agent,
      headersTimeout: config.timeoutMs,
      bodyTimeout: config.timeoutMs,
      signal: AbortSignal.timeout(config.timeoutMs)
    })
    await res.body.dump()
    if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`the collector answered ${res.statusCode}`)
  }

  /** At most one line a minute: a collector that is away must not flood the log. Never a header's value. */
  #warn (message: string): void {
    const now = Date.now()
    if (now < this.#quietUntil) return
    this.#quietUntil = now + 60_000
    this.#log.warn({ endpoint: this.#config.url }, `tracing: ${message}`)
  }

  /** Sends what is left; a collector that does not answer delays shutdown by at most `waitMs`. */
  async shutdown (waitMs: number): Promise<void> {
    this.#cut()
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      this.#sending ?? Promise.resolve(),
      new Promise<void>((resolve) => { timer = setTimeout(resolve, waitMs) })
    ])
    clearTimeout(timer)
    await this.#agent.destroy().catch(() => undefined)
  }
}
