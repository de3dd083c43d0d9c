import { Type, type Static } from '@sinclair/typebox'

// Sensay's chat body minus what only the organization may send: `source` is
// accepted as `web` (what the BFF sends anyway); `discord_data` (integration
// data) and `usageLimits` are refused.
export const ChatCompletionInput = Type.Object({
  content: Type.String({ minLength: 1, maxLength: 100_000 }),
  skip_chat_history: Type.Optional(Type.Boolean()),
  source: Type.Optional(Type.Literal('web', { description: 'Only `web`: the BFF is a web client.' }))
}, { additionalProperties: false, title: 'Sensay chat body' })
export type ChatCompletionInputT = Static<typeof ChatCompletionInput>

// The Vercel AI SDK's `useChat` bodies. Only the last user message's text is
// read (Sensay keeps the history); nothing else of them goes upstream, so
// keys the SDK or the app adds are tolerated.
const AiSdkMessage = Type.Object({
  id: Type.Optional(Type.String()),
  role: Type.String(),
  parts: Type.Optional(Type.Array(Type.Object({ type: Type.String(), text: Type.Optional(Type.Unknown()) }, { additionalProperties: true }))),
  content: Type.Optional(Type.Unknown({ description: 'AI SDK 4: the message text.' }))
}, { additionalProperties: true })

export const AiSdkChatInput = Type.Object({
  id: Type.String(),
  messages: Type.Array(AiSdkMessage, { minItems: 1 }),
  trigger: Type.Optional(Type.String()),
  messageId: Type.Optional(Type.String()),
  skip_chat_history: Type.Optional(Type.Boolean())
}, { additionalProperties: true, title: 'AI SDK useChat body' })
export type AiSdkChatInputT = Static<typeof AiSdkChatInput>

/**
 * Either shape, told apart by `id` and `messages` (the AI SDK sends both), so that a bad body
 * gets the errors of the shape it meant; an OpenAI-style `{messages}` is Sensay's shape (400).
 */
export const ChatRequestBody = Type.Unsafe<ChatCompletionInputT | AiSdkChatInputT>({
  type: 'object',
  if: { type: 'object', required: ['id', 'messages'] },
  then: AiSdkChatInput,
  else: ChatCompletionInput,
  description: 'Sensay\'s `{content, skip_chat_history?, source?}`, or the body the AI SDK\'s `useChat` sends (v5+: `messages[].parts`, v4: `messages[].content`).'
})

export const ChatCompletionResponse = Type.Object({ success: Type.Boolean(), content: Type.String() })

const SOURCES = ['discord', 'telegram', 'embed', 'web', 'telegram_autopilot']

// Sensay's history; `items` is optional there, so it is here. `user_uuid` is the caller's own.
export const ChatHistoryResponse = Type.Object({
  success: Type.Boolean(),
  type: Type.Optional(Type.String()),
  items: Type.Optional(Type.Array(Type.Object({
    id: Type.Number(),
    created_at: Type.String(),
    content: Type.String(),
    role: Type.String({ enum: ['user', 'assistant'] }),
    source: Type.String({ enum: SOURCES }),
    is_private: Type.Optional(Type.Boolean()),
    user_uuid: Type.Optional(Type.String()),
    original_message_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    sources: Type.Optional(Type.Array(Type.Object({
      id: Type.Number(),
      score: Type.Number(),
      status: Type.String(),
      created_at: Type.String(),
      name: Type.String(),
      content: Type.String()
    })))
  })))
})

export type ChatCompletionResponseT = Static<typeof ChatCompletionResponse>
export type ChatHistoryResponseT = Static<typeof ChatHistoryResponse>
