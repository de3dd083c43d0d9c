import { Type, type Static } from '@sinclair/typebox'
import { Enum, URL_PATTERN, Uuid } from './common.js'

// Mirrored from Sensay's replica schema (spec/sensay-openapi.json): what
// Sensay accepts on POST and PUT, minus its x-hidden fields. `ownerID` is
// accepted when it names the caller (the route checks it); test/schemas
// checks these against Sensay's document so the two cannot drift apart.
export const LLM_MODELS = [
  'asi1-mini', 'claude-3-7-sonnet-latest', 'claude-haiku-4-5', 'claude-sonnet-4-5', 'deepseek-chat',
  'gemini-2.5-flash', 'gemini-2.5-pro', 'gpt-4o', 'gpt-4o-mini', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano',
  'grok-3-latest', 'grok-4-latest', 'o3-mini', 'targon-gpt-oss-120b', 'mistral-large'
] as const
// Still accepted by Sensay, marked deprecated there.
const DEPRECATED_LLM_MODELS = ['claude-4-sonnet-20250514', 'grok-2-latest', 'grok-3-beta'] as const
export const LLM_TOOLS = [
  'getTokenInfo', 'getUdaoTokenInfo', 'getSensayTokenInfo', 'getTokenInfoMEAI', 'answerToLife', 'toolhouse',
  'brightUnionGetQuoteTool', 'brightUnionGetCoverablesTool'
] as const

const EMBEDDING_MODELS = ['multilingual-e5-large', 'qwen3-embedding-8b'] as const
const MEMORY_MODES = ['prompt-caching', 'rag-search'] as const
const REPLICA_TYPES = ['individual', 'character', 'brand'] as const

export const REPLICA_TAGS = [
  'AI', 'Academic', 'Arts', 'Blockchain', 'Business', 'Celebrity', 'Charity', 'Developer', 'Educator', 'Europe',
  'Fashion', 'Finance', 'Food', 'Health & Fitness', 'History', 'Italian', 'Kids', 'Language', 'Law', 'Leadership',
  'Lifestyle', 'Literature', 'Love', 'Military', 'Modelling', 'Motivation', 'Movies', 'Music', 'North America',
  'Philosophy', 'Politics', 'Religion', 'Science', 'Self-Help', 'Sensay', 'Sports', 'Technology', 'Web', 'Wisdom',
  'blockchain', 'engage2earn', 'female', 'investment', 'male', 'meme', 'miniapp', 'telegram', 'web3'
] as const

const llmFields = {
  model: Type.Optional(Enum([...LLM_MODELS, ...DEPRECATED_LLM_MODELS], { description: 'The LLM model of the replica.' })),
  memoryMode: Type.Optional(Enum(MEMORY_MODES, { description: 'Deprecated upstream; still accepted.' })),
  systemMessage: Type.Optional(Type.String({ maxLength: 30000 })),
  tools: Type.Optional(Type.Array(Enum(LLM_TOOLS))),
  embeddingModel: Type.Optional(Enum(EMBEDDING_MODELS))
}

// Sensay's POST leaves `llm` open (Sensay's own guide sends `llm.provider`):
// unknown keys are accepted there and dropped before forwarding. Its PUT is closed.
const LlmCreateInput = Type.Object(llmFields, { additionalProperties: true })
const LlmReplaceInput = Type.Object(llmFields, { additionalProperties: false })

const replicaFields = {
  name: Type.String({ maxLength: 50 }),
  purpose: Type.Optional(Type.String({ maxLength: 1000 })),
  shortDescription: Type.String({ maxLength: 50 }),
  greeting: Type.String({ maxLength: 600 }),
  type: Type.Optional(Enum(REPLICA_TYPES)),
  ownerID: Type.Optional(Type.String({ minLength: 1, description: 'The caller (an admin key may name an existing user on create).' })),
  private: Type.Optional(Type.Boolean()),
  whitelistEmails: Type.Optional(Type.Array(Type.String({ format: 'email' }))),
  slug: Type.String({ maxLength: 50 }),
  tags: Type.Optional(Type.Array(Type.String())),
  profileImage: Type.Optional(Type.String({ pattern: URL_PATTERN })),
  suggestedQuestions: Type.Optional(Type.Array(Type.String())),
  voicePreviewText: Type.Optional(Type.String({ maxLength: 400 })),
  isEveryConversationAccessibleBySupport: Type.Optional(Type.Boolean())
}

export const ReplicaCreateInput = Type.Object({ ...replicaFields, llm: LlmCreateInput }, { additionalProperties: false, $id: 'ReplicaCreateInput' })
export const ReplicaReplaceInput = Type.Object({ ...replicaFields, llm: LlmReplaceInput }, { additionalProperties: false, $id: 'ReplicaReplaceInput' })
export type ReplicaCreateInputT = Static<typeof ReplicaCreateInput>
export type ReplicaReplaceInputT = Static<typeof ReplicaReplaceInput>

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
  ownerID: Type.Optional(Type.String({ minLength: 1, description: 'Owner and admins only.' })),
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

// Sensay's list parameters, all forwarded; every listed item is still checked for visibility.
export const ReplicaListQuery = Type.Object({
  owner_uuid: Type.Optional(Type.String()),
  ownerID: Type.Optional(Type.String()),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  page_index: Type.Optional(Type.Integer({ minimum: 1, description: 'Deprecated upstream; still accepted.' })),
  page_size: Type.Optional(Type.Integer({ minimum: 1 })),
  slug: Type.Optional(Type.String()),
  search: Type.Optional(Type.String()),
  tags: Type.Optional(Type.Array(Enum(REPLICA_TAGS))),
  sort: Type.Optional(Enum(['name', 'popularity'] as const)),
  integration: Type.Optional(Enum(['telegram', 'discord'] as const))
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
