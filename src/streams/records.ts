import { StringDecoder } from 'node:string_decoder'

/** A single stream part (line or event) longer than the limit. */
export class PartTooLong extends Error {
  constructor (readonly limit: number) { super(`a stream part is longer than ${limit} characters`) }
}

/**
 * Splits a byte stream into complete records (lines or SSE events), UTF-8
 * safe across chunk boundaries; a "\r" before each "\n" is dropped. The cost
 * is linear in the bytes however they are chunked: an unfinished record is
 * kept as pieces and only the new text is searched (re-scanning what was
 * held made a long part in small chunks quadratic), and a record longer than
 * `maxChars` fails as soon as it is, not when it ends.
 */
export class Records {
  readonly #decoder = new StringDecoder('utf8')
  #pieces: string[] = []
  #held = 0
  /** The last held character was "\n" (half of an event's "\n\n"). */
  #heldNewline = false
  /** A "\r" that ended the last chunk: its "\n" may be in the next one. */
  #carriage = false
  /** Nothing is held: the last chunk ended on a record's end (the decoder holds no bytes either). */
  #clean = true
  /**
   * The last chunk was whole records and nothing else, byte for byte as the
   * records returned read (no "\r" dropped): a reader that passes them on
   * unchanged may pass the chunk itself.
   */
  whole = false

  constructor (private readonly separator: '\n' | '\n\n', private readonly maxChars = Infinity) {}

  #take (last: string): string {
    const record = this.#pieces.length === 0 ? last : this.#pieces.join('') + last
    this.#pieces = []
    this.#held = 0
    this.#heldNewline = false
    return record
  }

  push (chunk: Buffer): string[] {
    const cleanBefore = this.#clean
    let text = (this.#carriage ? '\r' : '') + this.#decoder.write(chunk)
    this.#carriage = text.endsWith('\r')
    if (this.#carriage) text = text.slice(0, -1)
    const carriages = text.includes('\r')
    if (carriages) text = text.replaceAll('\r\n', '\n')
    const records: string[] = []
    let start = 0
    // An event's "\n\n" split between two chunks.
    if (this.separator === '\n\n' && this.#heldNewline && text.startsWith('\n')) {
      const record = this.#take('')
      records.push(record.slice(0, -1))
      start = 1
    }
    for (let end = text.indexOf(this.separator, start); end !== -1; end = text.indexOf(this.separator, start)) {
      const record = this.#take(text.slice(start, end))
      if (record.length > this.maxChars) throw new PartTooLong(this.maxChars)
      records.push(record)
      start = end + this.separator.length
    }
    if (start < text.length) {
      const rest = start === 0 ? text : text.slice(start)
      this.#pieces.push(rest)
      this.#held += rest.length
      this.#heldNewline = rest.endsWith('\n')
      if (this.#held > this.maxChars) throw new PartTooLong(this.maxChars)
    }
    // A "\n" last byte is a whole character: the decoder holds nothing back.
    this.#clean = this.#pieces.length === 0 && !this.#carriage && chunk[chunk.length - 1] === 0x0a
    this.whole = cleanBefore && this.#clean && !carriages
    return records
  }

  flush (): string[] {
    const rest = this.#take(this.#decoder.end() + (this.#carriage ? '\r' : ''))
    this.#carriage = false
    this.#clean = true
    this.whole = false
    return rest.trim() === '' ? [] : [rest]
  }
}
