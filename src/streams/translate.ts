import { randomUUID } from 'node:crypto'
import { dataStream, finishReason, type FinishReason } from './data-stream.js'
import { CheckedPassThrough, RecordTranslator, type StreamEncoder, type UpstreamPart } from './encoder.js'
import type { StreamProtocol } from './protocols.js'
import { uiMessageStream, type UiChunk } from './ui-message-stream.js'

export type { StreamEncoder } from './encoder.js'

/** AI SDK 4 data stream in, AI SDK 5+ UI message stream out. */
export class DataToUiMessageStream extends RecordTranslator {
  readonly protocol = 'ui-message-stream'
  #started = false
  #inStep = false
  #finished = false
  #text: string | undefined
  #reasoning: string | undefined
  #ids = 0

  constructor (maxPartChars = Infinity) { super('data-stream', maxPartChars) }

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

  protected translate (upstream: UpstreamPart): string {
    if (upstream.protocol !== 'data-stream' || this.#finished) return ''
    const part = upstream.part
    switch (part.code) {
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

  constructor (maxPartChars = Infinity) { super('ui-message-stream', maxPartChars) }

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

  protected translate (upstream: UpstreamPart): string {
    if (upstream.protocol !== 'ui-message-stream') return ''
    const chunk = upstream.part
    if (chunk === 'done' || this.#finished) return ''
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

/**
 * The encoder from what upstream speaks to what the client reads (the same:
 * checked and passed through); no part longer than `maxPartChars`.
 */
export function encoderFor (upstream: StreamProtocol, client: StreamProtocol, maxPartChars = Infinity): StreamEncoder {
  if (upstream === client) return new CheckedPassThrough(client, maxPartChars)
  return client === 'ui-message-stream' ? new DataToUiMessageStream(maxPartChars) : new UiMessageToDataStream(maxPartChars)
}
