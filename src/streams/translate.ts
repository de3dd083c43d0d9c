import { randomUUID } from 'node:crypto'
import { StringDecoder } from 'node:string_decoder'
import { dataStream, finishReason, parseDataStreamLine, type FinishReason } from './data-stream.js'
import { errorPart, type StreamProtocol } from './protocols.js'
import { parseSseEvent, uiMessageStream, type UiChunk } from './ui-message-stream.js'

/**
 * Turns an upstream stream into what the client reads, chunk by chunk, as it
 * arrives: nothing is held back but an unfinished line or event.
 */
export interface StreamEncoder {
  /** The protocol the client receives. */
  readonly protocol: StreamProtocol
  write: (chunk: Buffer) => Buffer | string
  /** Upstream ended cleanly: whatever closes the stream. */
  end: () => string
  /** The stream is cut: an error part the client's parser surfaces. */
  fail: (message: string) => string
  /** Upstream parts that had no counterpart in the client's protocol, or were malformed. */
  readonly dropped: number
}

/** Same protocol both sides: byte for byte. */
export function passThrough (protocol: StreamProtocol): StreamEncoder {
  return { protocol, write: (chunk) => chunk, end: () => '', fail: (message) => errorPart(protocol, message), dropped: 0 }
}

/** Splits a byte stream into complete records (lines or SSE events), UTF-8 safe across chunk boundaries. */
class Records {
  readonly #decoder = new StringDecoder('utf8')
  #rest = ''

  /** `separator`: what ends a record ("\n" or "\n\n"); a "\r" before each "\n" is dropped. */
  constructor (private readonly separator: '\n' | '\n\n') {}

  push (chunk: Buffer): string[] {
    let text = this.#rest + this.#decoder.write(chunk)
    if (text.includes('\r')) text = text.replaceAll('\r\n', '\n')
    const records: string[] = []
    let start = 0
    for (let end = text.indexOf(this.separator); end !== -1; end = text.indexOf(this.separator, start)) {
      records.push(text.slice(start, end))
      start = end + this.separator.length
    }
    this.#rest = start === 0 ? text : text.slice(start)
    return records
  }

  flush (): string[] {
    const rest = this.#rest + this.#decoder.end()
    this.#rest = ''
    return rest.trim() === '' ? [] : [rest]
  }
}

/**
 * Translates a stream record by record (lines or SSE events): what each
 * record becomes, and how the stream closes or fails, is the subclass's.
 */
abstract class RecordTranslator implements StreamEncoder {
  abstract readonly protocol: StreamProtocol
  dropped = 0
  readonly #records: Records

  constructor (separator: '\n' | '\n\n') {
    this.#records = new Records(separator)
  }

  /** What one complete record becomes in the client's protocol ('' for nothing). */
  protected abstract translate (record: string): string
  /** What closes a stream that ended cleanly. */
  protected abstract closing (): string
  /** What closes a stream that was cut. */
  protected abstract failing (message: string): string

  write (chunk: Buffer): string {
    return this.#translateAll(this.#records.push(chunk))
  }

  end (): string {
    return this.#translateAll(this.#records.flush()) + this.closing()
  }

  fail (message: string): string {
    return this.#translateAll(this.#records.flush()) + this.failing(message)
  }

  #translateAll (records: string[]): string {
    let out = ''
    for (const record of records) out += this.translate(record)
    return out
  }
}

/** AI SDK 4 data stream in, AI SDK 5+ UI message stream out. */
export class DataToUiMessageStream extends RecordTranslator {
  readonly protocol = 'ui-message-stream'
  #started = false
  #inStep = false
  #finished = false
  #text: string | undefined
  #reasoning: string | undefined
  #ids = 0

  constructor () { super('\n') }

  protected closing (): string {
    return (this.#finished ? '' : this.#finish('stop')) + uiMessageStream.done()
  }

  protected failing (message: string): string {
    return this.#closeParts() + uiMessageStream.error(message)
  }

  #emit (chunk: UiChunk): string {
    return uiMessageStream.chunk(chunk)
  }

  #start (messageId?: string): string {
    if (this.#started) return ''
    this.#started = true
    return this.#emit(messageId === undefined ? { type: 'start' } : { type: 'start', messageId })
  }

  #closeParts (): string {
    let out = ''
    if (this.#text !== undefined) out += this.#emit({ type: 'text-end', id: this.#text })
    if (this.#reasoning !== undefined) out += this.#emit({ type: 'reasoning-end', id: this.#reasoning })
    this.#text = this.#reasoning = undefined
    return out
  }

  #finishStep (): string {
    let out = this.#closeParts()
    if (this.#inStep) out += this.#emit({ type: 'finish-step' })
    this.#inStep = false
    return out
  }

  #finish (reason: FinishReason): string {
    this.#finished = true
    return this.#start() + this.#finishStep() + this.#emit({ type: 'finish', finishReason: reason })
  }

  protected translate (line: string): string {
    if (line === '' || this.#finished) return ''
    const part = parseDataStreamLine(line)
    switch (part?.code) {
      case 'f': {
        const out = this.#start(part.value.messageId) + this.#finishStep()
        this.#inStep = true
        return out + this.#emit({ type: 'start-step' })
      }
      case '0': {
        let out = this.#start()
        if (this.#text === undefined) out += this.#emit({ type: 'text-start', id: (this.#text = `text-${this.#ids++}`) })
        return out + uiMessageStream.textDelta(this.#text, part.value)
      }
      case 'g': {
        let out = this.#start()
        if (this.#reasoning === undefined) out += this.#emit({ type: 'reasoning-start', id: (this.#reasoning = `reasoning-${this.#ids++}`) })
        return out + this.#emit({ type: 'reasoning-delta', id: this.#reasoning, delta: part.value })
      }
      case '3':
        return this.#start() + this.#emit({ type: 'error', errorText: part.value })
      case 'e':
        return this.#finishStep()
      case 'd':
        return this.#finish(part.value.finishReason as FinishReason)
      default:
        this.dropped++
        return ''
    }
  }
}

/** AI SDK 5+ UI message stream in, AI SDK 4 data stream out. */
export class UiMessageToDataStream extends RecordTranslator {
  readonly protocol = 'data-stream'
  #messageId: string | undefined
  #inStep = false
  #stepped = false
  #finished = false

  constructor () { super('\n\n') }

  protected closing (): string {
    return this.#finished ? '' : this.#finish('stop')
  }

  protected failing (message: string): string {
    return dataStream.error(message)
  }

  #startStep (): string {
    if (this.#inStep) return ''
    this.#inStep = this.#stepped = true
    this.#messageId ??= `msg-${randomUUID()}`
    return dataStream.startStep(this.#messageId)
  }

  #finishStep (reason: FinishReason): string {
    if (!this.#inStep) return ''
    this.#inStep = false
    return dataStream.finishStep(reason)
  }

  #finish (reason: FinishReason): string {
    this.#finished = true
    // An answer with no step at all still gets one, so that v4 clients see a message id.
    return (this.#stepped ? '' : this.#startStep()) + this.#finishStep(reason) + dataStream.finishMessage(reason)
  }

  protected translate (event: string): string {
    const chunk = parseSseEvent(event)
    if (chunk === undefined || chunk === 'done' || this.#finished) return ''
    switch (chunk.type) {
      case 'start':
        if (typeof chunk.messageId === 'string') this.#messageId ??= chunk.messageId
        return this.#startStep()
      case 'start-step':
        return this.#startStep()
      case 'text-delta':
        return typeof chunk.delta === 'string' ? this.#startStep() + dataStream.text(chunk.delta) : this.#drop()
      case 'reasoning-delta':
        return typeof chunk.delta === 'string' ? this.#startStep() + dataStream.reasoning(chunk.delta) : this.#drop()
      case 'error':
        return dataStream.error(typeof chunk.errorText === 'string' ? chunk.errorText : 'The Sensay API stream failed.')
      case 'finish-step':
        return this.#finishStep('stop')
      case 'finish':
        return this.#finish(finishReason(chunk.finishReason ?? 'stop'))
      case 'abort':
        return this.#finish('other')
      case 'text-start': case 'text-end': case 'reasoning-start': case 'reasoning-end':
        return ''
      default:
        return this.#drop()
    }
  }

  #drop (): string {
    this.dropped++
    return ''
  }
}

/** The encoder from what upstream speaks to what the client reads. */
export function encoderFor (upstream: StreamProtocol, client: StreamProtocol): StreamEncoder {
  if (upstream === client) return passThrough(client)
  return client === 'ui-message-stream' ? new DataToUiMessageStream() : new UiMessageToDataStream()
}
