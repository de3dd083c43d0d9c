import { Type, type Static } from '@sinclair/typebox'

export const ChatCompletionInput = Type.Object({
  content: Type.String({ minLength: 1, maxLength: 100_000 }),
  skip_chat_history: Type.Optional(Type.Boolean())
}, { additionalProperties: false })

export const ChatCompletionResponse = Type.Object({ success: Type.Boolean(), content: Type.String() })

const SOURCES = ['discord', 'telegram', 'embed', 'web', 'telegram_autopilot']

export const ChatHistoryResponse = Type.Object({
  success: Type.Boolean(),
  type: Type.Optional(Type.String()),
  items: Type.Array(Type.Object({
    id: Type.Number(),
    created_at: Type.String(),
    content: Type.String(),
    role: Type.String({ enum: ['user', 'assistant'] }),
    source: Type.String({ enum: SOURCES }),
    is_private: Type.Optional(Type.Boolean()),
    original_message_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    sources: Type.Optional(Type.Array(Type.Object({
      id: Type.Number(),
      score: Type.Number(),
      status: Type.String(),
      created_at: Type.String(),
      name: Type.String(),
      content: Type.String()
    })))
  }))
})

export type ChatCompletionResponseT = Static<typeof ChatCompletionResponse>
export type ChatHistoryResponseT = Static<typeof ChatHistoryResponse>
