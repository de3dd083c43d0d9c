import { Type, type Static } from '@sinclair/typebox'
import { Enum, URL_PATTERN, Uuid } from './common.js'

// Narrowed from Sensay's replica schema (spec/sensay-openapi.json): what a
// client may set. ownerID, hidden and integration fields are not accepted.
export const LLM_MODELS = [
  'asi1-mini', 'claude-3-7-sonnet-latest', 'claude-haiku-4-5', 'claude-sonnet-4-5', 'deepseek-chat',
  'gemini-2.5-flash', 'gemini-2.5-pro', 'gpt-4o', 'gpt-4o-mini', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano',
  'grok-3-latest', 'grok-4-latest', 'o3-mini', 'targon-gpt-oss-120b', 'mistral-large'
] as const
export const LLM_TOOLS = [
  'getTokenInfo', 'getUdaoTokenInfo', 'getSensayTokenInfo', 'getTokenInfoMEAI', 'answerToLife', 'toolhouse',
  'brightUnionGetQuoteTool', 'brightUnionGetCoverablesTool'
] as const

const EMBEDDING_MODELS = ['multilingual-e5-large', 'qwen3-embedding-8b'] as const
const REPLICA_TYPES = ['individual', 'character', 'brand'] as const

export const LlmInput = Type.Object({
  model: Type.Optional(Enum(LLM_MODELS, { description: 'The LLM model of the replica.' })),
  systemMessage: Type.Optional(Type.String({ maxLength: 30000 })),
  tools: Type.Optional(Type.Array(Enum(LLM_TOOLS), { maxItems: 20 })),
  embeddingModel: Type.Optional(Enum(EMBEDDING_MODELS))
}, { additionalProperties: false })

export const ReplicaInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 50 }),
  shortDescription: Type.String({ maxLength: 50 }),
  greeting: Type.String({ maxLength: 600 }),
  slug: Type.String({ minLength: 1, maxLength: 50 }),
  llm: LlmInput,
  purpose: Type.Optional(Type.String({ maxLength: 1000 })),
  type: Type.Optional(Enum(REPLICA_TYPES)),
  private: Type.Optional(Type.Boolean()),
  whitelistEmails: Type.Optional(Type.Array(Type.String({ format: 'email', maxLength: 254 }), { maxItems: 1000 })),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 50 })),
  profileImage: Type.Optional(Type.String({ pattern: URL_PATTERN, maxLength: 2048 })),
  suggestedQuestions: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 20 })),
  voicePreviewText: Type.Optional(Type.String({ maxLength: 400 })),
  isEveryConversationAccessibleBySupport: Type.Optional(Type.Boolean())
}, { additionalProperties: false, $id: 'ReplicaInput' })
export type ReplicaInputT = Static<typeof ReplicaInput>

// What a replica looks like to callers. Owner-only fields are optional:
// the access module leaves them out for everyone but the owner and admins.
export const ReplicaView = Type.Object({
  uuid: Uuid,
  name: Type.String(),
  slug: Type.String(),
  shortDescription: Type.String(),
  greeting: Type.String(),
  purpose: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  private: Type.Optional(Type.Boolean()),
  tags: Type.Optional(Type.Array(Type.String())),
  profileImage: Type.Optional(Type.String()),
  suggestedQuestions: Type.Optional(Type.Array(Type.String())),
  voicePreviewText: Type.Optional(Type.String()),
  ownerID: Type.Optional(Type.String({ description: 'Owner and admins only.' })),
  whitelistEmails: Type.Optional(Type.Array(Type.String(), { description: 'Owner and admins only.' })),
  distilledKnowledge: Type.Optional(Type.String({ description: 'Owner and admins only.' })),
  isEveryConversationAccessibleBySupport: Type.Optional(Type.Boolean({ description: 'Owner and admins only.' })),
  llm: Type.Optional(Type.Object({
    model: Type.Optional(Type.String()),
    memoryMode: Type.Optional(Type.String()),
    systemMessage: Type.Optional(Type.String()),
    tools: Type.Optional(Type.Array(Type.String())),
    embeddingModel: Type.Optional(Type.String())
  }, { description: 'Owner and admins only.' }))
}, { $id: 'Replica' })
export type ReplicaViewT = Static<typeof ReplicaView>

/** The fields of an upstream replica that authorization reads. */
export interface UpstreamReplica extends ReplicaViewT {
  ownerID: string
}

export const PUBLIC_REPLICA_FIELDS = [
  'uuid', 'name', 'slug', 'shortDescription', 'greeting', 'purpose', 'type', 'private', 'tags',
  'profileImage', 'suggestedQuestions', 'voicePreviewText'
] as const satisfies ReadonlyArray<keyof ReplicaViewT>
export const OWNER_REPLICA_FIELDS = [
  ...PUBLIC_REPLICA_FIELDS, 'ownerID', 'whitelistEmails', 'distilledKnowledge', 'isEveryConversationAccessibleBySupport', 'llm'
] as const satisfies ReadonlyArray<keyof ReplicaViewT>

export const ReplicaResponse = Type.Composite([Type.Object({ success: Type.Boolean() }), ReplicaView])

export const ReplicaListQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  slug: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  search: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 })),
  sort: Type.Optional(Enum(['name', 'popularity'] as const))
}, { additionalProperties: false })
export type ReplicaListQueryT = Static<typeof ReplicaListQuery>

export const ReplicaListResponse = Type.Object({
  success: Type.Boolean(),
  type: Type.Optional(Type.String()),
  items: Type.Array(ReplicaView),
  total: Type.Integer()
})

export const ReplicaCreatedResponse = Type.Object({ success: Type.Boolean(), uuid: Uuid })

export type ReplicaListResponseT = Static<typeof ReplicaListResponse>
export type ReplicaCreatedResponseT = Static<typeof ReplicaCreatedResponse>
