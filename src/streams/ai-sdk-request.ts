import { errors } from '../errors/app-error.js'
import type { AiSdkChatInputT, ChatCompletionInputT } from '../schemas/chat.js'
import type { StreamProtocol } from './protocols.js'

/** The longest text one chat turn may ask (Sensay's content). */
export const MAX_CONTENT = 100_000

export interface ChatRequest {
  content: string
  skipChatHistory?: boolean
  /** The protocol the client reads: set for AI SDK bodies; undefined for Sensay's, which choose by `Accept`. */
  protocol?: StreamProtocol
}

function textOf (message: AiSdkChatInputT['messages'][number]): string {
  // AI SDK 4 sends `content` (and, from 4.2, `parts` too); AI SDK 5+ only `parts`.
  if (typeof message.content === 'string') return message.content
  return (message.parts ?? []).map((part) => part.type === 'text' && typeof part.text === 'string' ? part.text : '').join('')
}

/**
 * What to send Sensay for a validated chat body. For the AI SDK's bodies, the
 * last user message's text becomes `content` (Sensay keeps the history) and
 * the client's SDK major decides the stream protocol of the answer.
 */
export function fromChatBody (body: ChatCompletionInputT | AiSdkChatInputT): ChatRequest {
  if (!('messages' in body)) return { content: body.content, skipChatHistory: body.skip_chat_history }
  const index = body.messages.findLastIndex((message) => message.role === 'user')
  const message = body.messages[index]
  if (message === undefined) throw errors.invalidField('body', 'messages', 'has no user message')
  const content = textOf(message)
  const field = `messages.${index}`
  if (content.trim() === '') throw errors.invalidField('body', field, 'has no text')
  if (content.length > MAX_CONTENT) throw errors.invalidField('body', field, `has more than ${MAX_CONTENT} characters of text`)
  return {
    content,
    skipChatHistory: body.skip_chat_history,
    protocol: typeof message.content === 'string' ? 'data-stream' : 'ui-message-stream'
  }
}
