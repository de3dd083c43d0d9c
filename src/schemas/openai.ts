import { Type, type Static } from '@sinclair/typebox'
import { Enum } from './common.js'

// OpenAI's Chat Completions API, as far as a Sensay replica can answer it.
// Open objects: OpenAI clients send parameters of their own (and new ones
// every few months); those Sensay cannot honour are refused by name in the
// route, the rest are accepted and not used.

const TextPart = Type.Object({ type: Type.String(), text: Type.Optional(Type.String()) }, { additionalProperties: true })

export const OpenAiMessage = Type.Object({
  role: Enum(['system', 'developer', 'user', 'assistant', 'tool', 'function'] as const),
  content: Type.Optional(Type.Union([Type.String(), Type.Null(), Type.Array(TextPart, { maxItems: 1000 })])),
  name: Type.Optional(Type.String())
}, { additionalProperties: true })
export type OpenAiMessageT = Static<typeof OpenAiMessage>

export const OpenAiChatRequest = Type.Object({
  model: Type.String({ minLength: 1, maxLength: 200, description: 'A replica\'s UUID or slug the caller may see.' }),
  messages: Type.Array(OpenAiMessage, { minItems: 1, maxItems: 10_000, description: 'The last user message\'s text is what the replica is asked; Sensay keeps the history itself.' }),
  stream: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  stream_options: Type.Optional(Type.Union([Type.Object({ include_usage: Type.Optional(Type.Boolean()) }, { additionalProperties: true }), Type.Null()])),
  store: Type.Optional(Type.Union([Type.Boolean(), Type.Null()], { description: '`false`: the exchange is not saved in the replica\'s chat history.' })),
  user: Type.Optional(Type.String({ description: 'Accepted and ignored: never an identity.' })),
  n: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  logprobs: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  top_logprobs: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  tools: Type.Optional(Type.Union([Type.Array(Type.Unknown()), Type.Null()])),
  tool_choice: Type.Optional(Type.Unknown()),
  functions: Type.Optional(Type.Union([Type.Array(Type.Unknown()), Type.Null()])),
  function_call: Type.Optional(Type.Unknown()),
  response_format: Type.Optional(Type.Union([Type.Object({ type: Type.String() }, { additionalProperties: true }), Type.Null()])),
  modalities: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
  audio: Type.Optional(Type.Unknown())
}, { additionalProperties: true })
export type OpenAiChatRequestT = Static<typeof OpenAiChatRequest>

export const OpenAiError = Type.Object({
  error: Type.Object({
    message: Type.String(),
    type: Type.String(),
    param: Type.Union([Type.String(), Type.Null()]),
    code: Type.Union([Type.String(), Type.Null()])
  })
}, { $id: 'OpenAiError', description: 'Every error on the OpenAI door, in OpenAI\'s shape.' })

const errorRef = Type.Ref('OpenAiError')
export const openAiErrorResponses = { 400: errorRef, 401: errorRef, 403: errorRef, 404: errorRef, 429: errorRef, 500: errorRef, 502: errorRef, 503: errorRef, 504: errorRef }

export const OpenAiModel = Type.Object({
  id: Type.String(),
  object: Type.Literal('model'),
  created: Type.Integer(),
  owned_by: Type.String()
})

export const OpenAiModelList = Type.Object({
  object: Type.Literal('list'),
  data: Type.Array(OpenAiModel)
})
export type OpenAiModelListT = Static<typeof OpenAiModelList>

export const OpenAiCompletion = Type.Object({
  id: Type.String(),
  object: Type.Literal('chat.completion'),
  created: Type.Integer(),
  model: Type.String(),
  system_fingerprint: Type.Null(),
  choices: Type.Array(Type.Object({
    index: Type.Integer(),
    message: Type.Object({ role: Type.Literal('assistant'), content: Type.String(), refusal: Type.Null() }),
    logprobs: Type.Null(),
    finish_reason: Type.String()
  }))
}, { description: 'OpenAI\'s chat.completion (`stream: true`: SSE chat.completion.chunk events, then `data: [DONE]`).' })
export type OpenAiCompletionT = Static<typeof OpenAiCompletion>
