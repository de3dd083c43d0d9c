import type { FastifyReply, FastifyRequest } from 'fastify'
import type { StreamedResponse } from './streamed-call.js'
import { PROTOCOL_HEADERS, detectProtocol, type StreamProtocol } from '../streams/protocols.js'
import { encoderFor, passThrough } from '../streams/translate.js'

export type StreamOutcome = 'completed' | 'cancelled' | 'upstream-error' | 'idle-timeout' | 'max-duration' | 'shutdown'

const MESSAGES: Record<Exclude<StreamOutcome, 'completed' | 'cancelled'>, string> = {
  'upstream-error': 'The Sensay API stream broke off.',
  'idle-timeout': 'The Sensay API stream stalled.',
  'max-duration': 'The answer took too long and was cut.',
  shutdown: 'The server is restarting; please retry.'
}

class StreamStop extends Error {
  constructor (readonly outcome: StreamOutcome) { super(outcome) }
}

interface OpenStream { stop: (outcome: 'shutdown') => void }

/** The streams this instance is relaying, so shutdown can wait for them and then end them cleanly. */
export class OpenStreams {
  readonly #streams = new Set<OpenStream>()
  readonly #idle: Array<() => void> = []

  get size (): number { return this.#streams.size }

  add (stream: OpenStream): void { this.#streams.add(stream) }

  delete (stream: OpenStream): void {
    this.#streams.delete(stream)
    if (this.#streams.size === 0) for (const resolve of this.#idle.splice(0)) resolve()
  }

  /** Waits up to graceMs for open streams to finish, then ends the rest with an error part. */
  async drain (graceMs: number): Promise<void> {
    if (this.#streams.size > 0) {
      let timer: NodeJS.Timeout | undefined
      await Promise.race([
        new Promise<void>((resolve) => this.#idle.push(resolve)),
        new Promise<void>((resolve) => { timer = setTimeout(resolve, graceMs) })
      ])
      clearTimeout(timer)
    }
    for (const stream of [...this.#streams]) stream.stop('shutdown')
  }
}

/** One write's worth: strings (translated parts) joined, bytes (passed through) concatenated. */
function joined (parts: Array<Buffer | string>): Buffer | string {
  if (parts.length === 1) return parts[0]!
  if (parts.every((part) => typeof part === 'string')) return parts.join('')
  return Buffer.concat(parts.map((part) => typeof part === 'string' ? Buffer.from(part) : part))
}

export interface RelayOptions {
  maxDurationMs: number
  openStreams: OpenStreams
  /** The protocol the client reads; when upstream speaks the other one, each part is translated. Default: upstream's, byte for byte. */
  clientProtocol?: StreamProtocol
}

/**
 * Passes an upstream AI SDK stream to the client as it arrives (byte for
 * byte, or translated part by part into the client's protocol), with
 * backpressure (a slow reader pauses the upstream read instead of filling
 * memory). If the upstream fails, stalls or runs too long, or the server
 * shuts down, the client's stream ends with an error part in its own
 * protocol rather than a silent cut.
 *
 * Each upstream chunk is written to the client's socket from undici's parser
 * callback: no stream objects in between (they were half of a streamed
 * chat's CPU). The reply is hijacked, so Fastify's onSend hooks do not run:
 * the headers hooks set before (request id, CORS, rate limits) are copied,
 * and this route sets no cookies. onResponse hooks and the log line still run.
 */
export function relayStream (request: FastifyRequest, reply: FastifyReply, upstream: StreamedResponse, options: RelayOptions): FastifyReply {
  const upstreamProtocol = detectProtocol(upstream.headers)
  const encoder = options.clientProtocol === undefined ? passThrough(upstreamProtocol) : encoderFor(upstreamProtocol, options.clientProtocol)
  const protocol = encoder.protocol
  const info = { protocol, upstreamProtocol, bytes: 0, outcome: 'completed' as StreamOutcome }
  request.stream = info
  const res = reply.raw

  const headers: Record<string, string | number | string[] | undefined> = { ...reply.getHeaders(), ...PROTOCOL_HEADERS[protocol] }
  // Byte for byte: the upstream's own content type (its charset included) stays.
  const contentType = upstream.headers['content-type']
  if (options.clientProtocol === undefined && typeof contentType === 'string') headers['content-type'] = contentType
  headers['cache-control'] = 'no-cache, no-transform'
  headers['x-accel-buffering'] = 'no'
  reply.hijack()
  res.writeHead(upstream.statusCode, headers)

  // What the parser hands over in one read (often a whole answer's worth of
  // small parts) is written once, as one chunk, when that read is done:
  // Node would have sent them in one syscall anyway, but each write is a
  // chunk with its own framing and bookkeeping. No added latency: it goes
  // out on the same tick.
  let pending: Array<Buffer | string> = []
  const take = (): Buffer | string | undefined => {
    const parts = pending
    pending = []
    return parts.length === 0 ? undefined : joined(parts)
  }
  const flush = (): void => {
    const data = take()
    if (data !== undefined && !res.destroyed) res.write(data)
  }
  const write = (data: Buffer | string): boolean => {
    if (data.length > 0) {
      info.bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length
      if (pending.push(data) === 1) process.nextTick(flush)
    }
    return !res.writableNeedDrain
  }
  const onDrain = (): void => upstream.resume()
  const handle: OpenStream = { stop: (outcome) => upstream.abort(new StreamStop(outcome)) }
  const timer = setTimeout(() => upstream.abort(new StreamStop('max-duration')), options.maxDurationMs)
  let ended = false
  const finish = (outcome: StreamOutcome, last: () => string) => {
    if (ended) return
    ended = true
    clearTimeout(timer)
    options.openStreams.delete(handle)
    res.off('drain', onDrain)
    info.outcome = outcome
    if (outcome === 'cancelled' || res.destroyed) return
    // The closing (or error) part comes from the encoder once every upstream chunk went through it.
    write(last())
    res.end(take())
  }
  res.on('drain', onDrain)
  options.openStreams.add(handle)
  upstream.pipe({
    data: (chunk) => write(encoder.write(chunk)),
    end: () => finish('completed', () => encoder.end()),
    error: (err: Error & { code?: string }) => {
      const outcome: StreamOutcome = res.destroyed && !res.writableFinished
        ? 'cancelled'
        : err instanceof StreamStop ? err.outcome : err.code === 'UND_ERR_BODY_TIMEOUT' ? 'idle-timeout' : 'upstream-error'
      finish(outcome, () => outcome === 'cancelled' ? '' : encoder.fail(MESSAGES[outcome as keyof typeof MESSAGES]))
    }
  })
  return reply
}
