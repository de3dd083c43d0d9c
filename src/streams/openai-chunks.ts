import { randomUUID } from 'node:crypto'
import type { FinishReason, TokenUsage } from './data-stream.js'
import { RecordTranslator, type UpstreamPart } from './encoder.js'
import type { StreamProtocol } from './protocols.js'

// OpenAI's Chat Completions stream: SSE `data:` events of `chat.completion.chunk`
// objects, `data: [DONE]` last. An error mid-stream is an event of its own,
// `{"error": {...}}`, and no [DONE]: the OpenAI SDK throws it as an APIError.

const FINISH: Record<FinishReason, string> = {
  stop: 'stop',
  length: 'length',
  'content-filter': 'content_filter',
  'tool-calls': 'tool_calls',
  error: 'stop',
  other: 'stop'
}

export interface OpenAiStreamOptions {
  /** The model as the client named it (a replica's UUID or slug), echoed in every chunk. */
  model: string
  /** `stream_options.include_usage`: a last chunk with `choices: []` and the token counts. */
  includeUsage: boolean
  /** The longest single part of Sensay's stream. */
  maxPartChars?: number
}

/** A completion id in OpenAI's form. */
export function completionId (): string {
  return `chatcmpl-${randomUUID().replaceAll('-', '')}`
}

/** Sensay's stream (either AI SDK protocol) in, OpenAI chat.completion.chunks out, part by part. */
export class OpenAiChunks extends RecordTranslator {
  readonly protocol = 'openai'
  readonly #head: string
  readonly #tail: string
  readonly #includeUsage: boolean
  #started = false
  #finished = false
  #usage: TokenUsage | undefined

  constructor (upstream: StreamProtocol, options: OpenAiStreamOptions) {
    super(upstream, options.maxPartChars ?? Infinity)
    const created = Math.floor(Date.now() / 1000)
    // Every chunk shares its head and tail: only the delta is written per part. The optional
    // fields (system_fingerprint, logprobs) are left out: ~40 bytes less per part, and
    // OpenAI's own clients and LangChain read them as absent.
    this.#head = `data: {"id":"${completionId()}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(options.model)},"choices":[`
    this.#includeUsage = options.includeUsage
    this.#tail = options.includeUsage ? ',"usage":null}\n\n' : '}\n\n'
  }

  #choice (delta: string, finish: string | null): string {
    return `${this.#head}{"index":0,"delta":${delta},"finish_reason":${finish === null ? 'null' : `"${finish}"`}}]${this.#tail}`
  }

  #start (): string {
    if (this.#started) return ''
    this.#started = true
    return this.#choice('{"role":"assistant","content":""}', null)
  }

  #text (text: string): string {
    return this.#start() + this.#choice(`{"content":${JSON.stringify(text)}}`, null)
  }

  #finish (reason: FinishReason): string {
    this.#finished = true
    let out = this.#start() + this.#choice('{}', FINISH[reason])
    if (this.#includeUsage) {
      const usage = this.#usage
      const counts = usage === undefined
        ? ''
        : `,"usage":{"prompt_tokens":${usage.promptTokens},"completion_tokens":${usage.completionTokens},"total_tokens":${usage.promptTokens + usage.completionTokens}}`
      // OpenAI's usage chunk: no choices; when Sensay gave no counts, none are made up.
      if (counts !== '') out += `${this.#head}]${counts}}\n\n`
    }
    return out
  }

  protected translate (upstream: UpstreamPart): string {
    if (this.#finished) return ''
    if (upstream.protocol === 'data-stream') {
      const part = upstream.part
      switch (part.code) {
        case '0': return part.value === '' ? '' : this.#text(part.value)
        case 'f': case 'e': return this.#start()
        case 'd':
          this.#usage = part.value.usage
          return this.#finish(part.value.finishReason as FinishReason)
        default:
          this.dropped++
          return ''
      }
    }
    const chunk = upstream.part
    if (chunk === 'done') return ''
    switch (chunk.type) {
      case 'text-delta':
        if (typeof chunk.delta !== 'string') break
        return chunk.delta === '' ? '' : this.#text(chunk.delta)
      case 'finish':
        return this.#finish(typeof chunk.finishReason === 'string' && chunk.finishReason in FINISH ? chunk.finishReason as FinishReason : 'stop')
      case 'abort':
        return this.#finish('other')
      case 'start': case 'start-step': case 'finish-step': case 'text-start': case 'text-end':
        return this.#start()
    }
    this.dropped++
    return ''
  }

  protected closing (): string {
    return 'data: [DONE]\n\n'
  }

  protected failing (message: string): string {
    return openAiStreamError(message)
  }
}

/** The error event OpenAI's SDK raises as an APIError; no [DONE] follows it. */
export function openAiStreamError (message: string, code = 'upstream_error'): string {
  return `data: ${JSON.stringify({ error: { message, type: 'api_error', param: null, code } })}\n\n`
}
