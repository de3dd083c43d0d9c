import { Transform } from 'node:stream'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { StreamResult } from './sensay-client.js'
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
 */
export function relayStream (request: FastifyRequest, reply: FastifyReply, upstream: StreamResult, options: RelayOptions): FastifyReply {
  const upstreamProtocol = detectProtocol(upstream.headers)
  const encoder = options.clientProtocol === undefined ? passThrough(upstreamProtocol) : encoderFor(upstreamProtocol, options.clientProtocol)
  const protocol = encoder.protocol
  const info = { protocol, upstreamProtocol, bytes: 0, outcome: 'completed' as StreamOutcome }
  request.stream = info
  const count = (data: Buffer | string) => {
    info.bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length
    return data.length > 0 ? data : undefined
  }
  const out = new Transform({
    transform (chunk: Buffer, _encoding, callback) {
      callback(null, count(encoder.write(chunk)))
    },
    // The closing (or error) part comes from the encoder once every upstream chunk went through it.
    flush (callback) {
      const outcome = info.outcome
      if (outcome === 'cancelled') return callback()
      callback(null, count(outcome === 'completed' ? encoder.end() : encoder.fail(MESSAGES[outcome])))
    }
  })
  const source = upstream.body
  const handle: OpenStream = { stop: (outcome) => source.destroy(new StreamStop(outcome)) }
  const timer = setTimeout(() => source.destroy(new StreamStop('max-duration')), options.maxDurationMs)
  let ended = false
  const finish = (outcome: StreamOutcome) => {
    if (ended) return
    ended = true
    clearTimeout(timer)
    options.openStreams.delete(handle)
    info.outcome = outcome
    if (!out.destroyed) out.end()
  }
  source.on('end', () => finish('completed'))
  source.on('error', (err: Error & { code?: string }) => {
    if (reply.raw.destroyed && !reply.raw.writableFinished) return finish('cancelled')
    if (err instanceof StreamStop) return finish(err.outcome)
    finish(err.code === 'UND_ERR_BODY_TIMEOUT' ? 'idle-timeout' : 'upstream-error')
  })
  source.pipe(out, { end: false })
  options.openStreams.add(handle)

  reply.headers(PROTOCOL_HEADERS[protocol])
  // Byte for byte: the upstream's own content type (its charset included) stays.
  const contentType = upstream.headers['content-type']
  if (options.clientProtocol === undefined && typeof contentType === 'string') reply.header('content-type', contentType)
  reply.header('cache-control', 'no-cache, no-transform').header('x-accel-buffering', 'no')
  return reply.code(upstream.status).send(out)
}
