import type { FastifyReply, FastifyRequest } from 'fastify'
import type { StreamedResponse } from './streamed-call.js'
import { AppError, errors } from '../errors/app-error.js'
import type { EncoderOutcome, StreamEncoder } from '../streams/encoder.js'
import { PROTOCOL_HEADERS, detectProtocol, type StreamProtocol } from '../streams/protocols.js'
import { encoderFor } from '../streams/translate.js'

export type StreamOutcome = 'completed' | 'cancelled' | 'upstream-error' | 'idle-timeout' | 'max-duration' | 'shutdown' | EncoderOutcome

const MESSAGES: Record<Exclude<StreamOutcome, 'completed' | 'cancelled' | EncoderOutcome>, string> = {
  'upstream-error': 'The Sensay API stream broke off.',
  'idle-timeout': 'The Sensay API stream stalled.',
  'max-duration': 'The answer took too long and was cut.',
  shutdown: 'The server is restarting; please retry.'
}

class StreamStop extends Error {
  /** The outcome, as the code a trace shows for the upstream call it ended. */
  readonly code: string
  constructor (readonly outcome: StreamOutcome) {
    super(outcome)
    this.code = outcome
  }
}

interface OpenStream { stop: (outcome: 'shutdown') => void }

/** The streams this instance is relaying, so shutdown can wait for them and then end them cleanly. */
export class OpenStreams {
  readonly #streams = new Set<OpenStream>()
  readonly #idle: Array<() => void> = []

  readonly #perUser = new Map<string, number>()

  get size (): number { return this.#streams.size }

  /**
   * Holds one of a user's `max` streaming places, from before the upstream call to
   * the stream's end: past it, 429 TOO_MANY_STREAMS, with nothing sent. The returned
   * release may be called more than once.
   */
  reserve (userId: string, max: number): () => void {
    const open = this.#perUser.get(userId) ?? 0
    if (open >= max) {
      throw new AppError(429, 'TOO_MANY_STREAMS', `You have ${open} answers streaming; wait for one to end.`, { headers: { 'retry-after': '1' } })
    }
    this.#perUser.set(userId, open + 1)
    let released = false
    return () => {
      if (released) return
      released = true
      const left = (this.#perUser.get(userId) ?? 1) - 1
      if (left <= 0) this.#perUser.delete(userId)
      else this.#perUser.set(userId, left)
    }
  }

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
  /** The longest single part (line or event) of the upstream stream. */
  maxPartBytes: number
  openStreams: OpenStreams
  /** The protocol the client reads; when upstream speaks the other one, each part is translated. Default: upstream's, byte for byte. */
  clientProtocol?: StreamProtocol
  /** Another encoder than the AI SDK ones (the OpenAI door's), made for the protocol upstream speaks. */
  encoder?: (upstream: StreamProtocol, maxPartBytes: number) => StreamEncoder
  /** Called once when the stream ends, however it ends (the user's streaming place). */
  release?: () => void
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
export async function relayStream (request: FastifyRequest, reply: FastifyReply, upstream: StreamedResponse, options: RelayOptions): Promise<FastifyReply> {
  const upstreamProtocol = detectProtocol(upstream.headers)
  const encoder = options.encoder?.(upstreamProtocol, options.maxPartBytes) ?? encoderFor(upstreamProtocol, options.clientProtocol ?? upstreamProtocol, options.maxPartBytes)
  const protocol = encoder.protocol
  const info: { protocol: string, upstreamProtocol: string, bytes: number, outcome: StreamOutcome, upstreamError?: string, firstChunkMs?: number } = { protocol, upstreamProtocol, bytes: 0, outcome: 'completed' }
  request.stream = info
  let head: { out: Array<Buffer | string>, ended: boolean }
  try {
    head = await readHead(upstream, encoder, options.maxPartBytes)
  } catch (err) {
    // Answered as JSON (a 502 or 504): the log line says the stream never started.
    info.outcome = encoder.outcome ?? 'upstream-error'
    info.upstreamError = encoder.upstreamError
    throw err
  }
  const res = reply.raw

  const headers: Record<string, string | number | string[] | undefined> = { ...reply.getHeaders(), ...PROTOCOL_HEADERS[protocol] }
  // Byte for byte: the upstream's own content type (its charset included) stays.
  const contentType = upstream.headers['content-type']
  if (protocol === upstreamProtocol && typeof contentType === 'string') headers['content-type'] = contentType
  // A session's answer keeps its no-store (set for every cookie-authenticated answer).
  headers['cache-control'] = headers['cache-control'] === 'no-store' ? 'no-store, no-transform' : 'no-cache, no-transform'
  headers['x-accel-buffering'] = 'no'
  reply.hijack()
  // Whatever 2xx Sensay sent, a stream that checked out is a 200; its first part goes out now.
  info.firstChunkMs = Math.round(reply.elapsedTime * 100) / 100
  res.writeHead(200, headers)

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
  let closed = false
  const finish = (outcome: StreamOutcome, last: () => string) => {
    if (closed) return
    closed = true
    options.release?.()
    clearTimeout(timer)
    options.openStreams.delete(handle)
    res.off('drain', onDrain)
    info.outcome = outcome
    if (outcome === 'cancelled' || res.destroyed) return
    // The closing (or error) part comes from the encoder once every upstream chunk went through it.
    write(last())
    res.end(take())
  }
  // The encoder ended the stream itself (an upstream error part, an unreadable or too long part):
  // its error part is written, and nothing more is read.
  const stopped = (): boolean => {
    if (encoder.outcome === undefined) return false
    info.upstreamError = encoder.upstreamError
    upstream.abort(new StreamStop(encoder.outcome))
    finish(encoder.outcome, () => '')
    return true
  }
  const ended = (): void => {
    const last = encoder.end()
    if (encoder.outcome !== undefined) info.upstreamError = encoder.upstreamError
    finish(encoder.outcome ?? 'completed', () => last)
  }
  res.on('drain', onDrain)
  options.openStreams.add(handle)
  for (const out of head.out) write(out)
  if (stopped()) return reply
  if (head.ended) {
    ended()
    return reply
  }
  upstream.pipe({
    data: (chunk) => {
      const room = write(encoder.write(chunk))
      return stopped() ? false : room
    },
    end: ended,
    error: (err: Error & { code?: string }) => {
      const outcome: StreamOutcome = res.destroyed && !res.writableFinished
        ? 'cancelled'
        : err instanceof StreamStop ? err.outcome : err.code === 'UND_ERR_BODY_TIMEOUT' ? 'idle-timeout' : 'upstream-error'
      finish(outcome, () => outcome === 'cancelled' ? '' : encoder.fail(MESSAGES[outcome as keyof typeof MESSAGES]))
    }
  })
  return reply
}

/**
 * Reads the stream's head before anything is promised to the client: until
 * one well-formed part arrives, the encoder ends it, or upstream ends. An
 * encoded body, an empty one, or one that is not the protocol it claims (a
 * JSON body, say) is a 502 in the contract's JSON shape, never a 200 with
 * nothing in it. What the head became is kept for the client.
 */
async function readHead (upstream: StreamedResponse, encoder: StreamEncoder, maxBytes: number): Promise<{ out: Array<Buffer | string>, ended: boolean }> {
  const encoding = upstream.headers['content-encoding']
  if (encoding !== undefined && encoding !== 'identity') {
    upstream.abort(new StreamStop('upstream-error'))
    throw errors.upstreamError({ upstreamRequestId: upstreamId(upstream), cause: new Error(`upstream stream is encoded (${String(encoding)})`) })
  }
  const out: Array<Buffer | string> = []
  let bytes = 0
  const ended = await new Promise<boolean>((resolve, reject) => {
    upstream.pipe({
      data: (chunk) => {
        bytes += chunk.length
        out.push(encoder.write(chunk))
        if (encoder.started || encoder.outcome !== undefined) {
          resolve(false)
          // Paused until the relay takes over.
          return false
        }
        if (bytes > maxBytes) {
          upstream.abort(new StreamStop('malformed'))
          reject(errors.upstreamError({ upstreamRequestId: upstreamId(upstream), cause: new Error(`upstream stream sent ${bytes} bytes without a part`) }))
        }
        return true
      },
      end: () => resolve(true),
      error: (err: Error & { code?: string }) => reject(err.code === 'UND_ERR_BODY_TIMEOUT'
        ? errors.upstreamTimeout({ upstreamRequestId: upstreamId(upstream), cause: err })
        : errors.upstreamError({ upstreamRequestId: upstreamId(upstream), cause: err }))
    })
  })
  if (!encoder.started) {
    upstream.abort(new StreamStop('malformed'))
    const why = ended ? (bytes === 0 ? 'an empty stream' : 'a stream without a well-formed part') : `a stream whose first part is ${encoder.outcome ?? 'unreadable'}`
    throw errors.upstreamError({ upstreamRequestId: upstreamId(upstream), cause: new Error(`upstream answered ${upstream.statusCode} with ${why} (${encoder.upstreamError ?? ''})`.replace(' ()', '')) })
  }
  return { out, ended }
}

function upstreamId (upstream: StreamedResponse): string | undefined {
  const id = upstream.headers['x-request-id']
  return typeof id === 'string' ? id : undefined
}
