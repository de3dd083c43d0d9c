import { parseDataStreamLine, type DataStreamPart } from './data-stream.js'
import { errorPart, type ClientProtocol, type StreamProtocol } from './protocols.js'
import { PartTooLong, Records } from './records.js'
import { parseSseEvent, type UiChunk } from './ui-message-stream.js'

/** How a stream ended, when the encoder ended it. */
export type EncoderOutcome = 'upstream-error-part' | 'malformed' | 'part-too-long' | 'broken-off'

/**
 * Turns an upstream stream into what the client reads, chunk by chunk, as it
 * arrives: nothing is held back but an unfinished line or event. Nothing is
 * relayed on trust, byte for byte included: every record must parse as the
 * upstream's protocol, an upstream error part reaches the client as a
 * generic error part (its text goes to the log), and a stream that ends
 * without its finish part ends with an error part.
 */
export interface StreamEncoder {
  /** The protocol the client receives. */
  readonly protocol: ClientProtocol
  write: (chunk: Buffer) => Buffer | string
  /** Upstream ended: whatever closes the stream (an error part if it never finished). */
  end: () => string
  /** The stream is cut: an error part the client's parser surfaces ('' once the encoder ended it). */
  fail: (message: string) => string
  /** Upstream parts that had no counterpart in the client's protocol. */
  readonly dropped: number
  /** At least one well-formed part arrived: the stream is what it says it is. */
  readonly started: boolean
  /** Set when the encoder itself ended the stream (an error part was written); nothing more is read. */
  readonly outcome: EncoderOutcome | undefined
  /** Upstream's own error text, for the log only. */
  readonly upstreamError: string | undefined
}

/** One upstream record, read: a part of its protocol, nothing (comments, blank lines), or unreadable. */
export type UpstreamPart =
  | { protocol: 'data-stream', part: DataStreamPart }
  | { protocol: 'ui-message-stream', part: UiChunk | 'done' }

const MESSAGES: Record<EncoderOutcome, string> = {
  'upstream-error-part': 'The Sensay API failed to answer.',
  malformed: 'The Sensay API sent a stream that could not be read.',
  'part-too-long': 'A part of the answer was too long and the stream was cut.',
  'broken-off': 'The answer broke off.'
}
const CODE = /^[A-Z][A-Z0-9_]{1,63}$/

/** Sensay's error code, when its error text is JSON that carries one. */
function errorCode (text: string): string | undefined {
  try {
    const value = JSON.parse(text) as { error_code?: unknown, code?: unknown }
    const code = value.error_code ?? value.code
    return typeof code === 'string' && CODE.test(code) ? code : undefined
  } catch {
    return undefined
  }
}

/** An SSE event with `data:` lines that do not parse is unreadable; one without any is a comment or field. */
function hasData (event: string): boolean {
  return event.startsWith('data:') || event.includes('\ndata:')
}

/**
 * Reads a stream record by record in its upstream protocol, checks each, and
 * hands the well-formed parts to the subclass: what each becomes, and how the
 * stream closes or fails, is the subclass's.
 */
export abstract class RecordTranslator implements StreamEncoder {
  abstract readonly protocol: ClientProtocol
  dropped = 0
  started = false
  outcome: EncoderOutcome | undefined
  upstreamError: string | undefined
  #finished = false
  readonly #records: Records

  constructor (private readonly upstream: StreamProtocol, maxPartChars: number) {
    this.#records = new Records(upstream === 'data-stream' ? '\n' : '\n\n', maxPartChars)
  }

  /** What one well-formed part becomes in the client's protocol ('' for nothing); `raw` is the record as it came. */
  protected abstract translate (part: UpstreamPart, raw: string): string
  /** What one record with no part (an SSE comment or field) becomes. */
  protected ignored (_raw: string): string { return '' }
  /** What closes a stream that finished. */
  protected abstract closing (): string
  /** What closes a stream that was cut. */
  protected abstract failing (message: string): string

  /** The last chunk written was whole records and nothing else (see Records.whole). */
  protected get wholeChunk (): boolean { return this.#records.whole }

  write (chunk: Buffer): Buffer | string {
    if (this.outcome !== undefined) return ''
    let records: string[]
    try {
      records = this.#records.push(chunk)
    } catch (err) {
      if (err instanceof PartTooLong) return this.#stop('part-too-long')
      throw err
    }
    return this.#readAll(records)
  }

  end (): string {
    if (this.outcome !== undefined) return ''
    const out = this.#readAll(this.#records.flush())
    if (this.outcome !== undefined) return out
    return this.#finished ? out + this.closing() : out + this.#stop('broken-off')
  }

  fail (message: string): string {
    if (this.outcome !== undefined) return ''
    // What arrived whole before the cut still goes out; a half record does not.
    return this.failing(message)
  }

  #stop (outcome: EncoderOutcome, code?: string): string {
    this.outcome = outcome
    return this.failing(code === undefined ? MESSAGES[outcome] : `${MESSAGES[outcome]} (${code})`)
  }

  #readAll (records: string[]): string {
    let out = ''
    for (const record of records) {
      out += this.#read(record)
      if (this.outcome !== undefined) break
    }
    return out
  }

  #read (record: string): string {
    if (this.upstream === 'data-stream') {
      if (record === '') return ''
      const part = parseDataStreamLine(record)
      if (part === undefined) return this.#stop('malformed')
      if (part.code === '3') return this.#upstreamFailed(part.value)
      if (part.code === 'd') this.#finished = true
      this.started = true
      return this.translate({ protocol: 'data-stream', part }, record)
    }
    const chunk = parseSseEvent(record)
    if (chunk === undefined) return hasData(record) ? this.#stop('malformed') : this.ignored(record)
    if (chunk !== 'done') {
      if (chunk.type === 'error') return this.#upstreamFailed(typeof chunk.errorText === 'string' ? chunk.errorText : '')
      if (chunk.type === 'finish') this.#finished = true
    }
    this.started = true
    return this.translate({ protocol: 'ui-message-stream', part: chunk }, record)
  }

  #upstreamFailed (text: string): string {
    this.upstreamError = text.slice(0, 500)
    return this.#stop('upstream-error-part', errorCode(text))
  }
}

/** Same protocol both sides: each checked record as it came, byte for byte. */
export class CheckedPassThrough extends RecordTranslator {
  readonly #separator: string

  constructor (readonly protocol: StreamProtocol, maxPartChars = Infinity) {
    super(protocol, maxPartChars)
    this.#separator = protocol === 'data-stream' ? '\n' : '\n\n'
  }

  override write (chunk: Buffer): Buffer | string {
    const out = super.write(chunk)
    // Every record in it checked out and went as it came: the chunk itself, not its text encoded again.
    return this.outcome === undefined && this.wholeChunk ? chunk : out
  }

  protected translate (_part: UpstreamPart, raw: string): string { return raw + this.#separator }
  protected override ignored (raw: string): string { return raw + this.#separator }
  protected closing (): string { return '' }
  protected failing (message: string): string { return errorPart(this.protocol, message) }
}
