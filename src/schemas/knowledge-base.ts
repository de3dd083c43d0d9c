import { Type, type Static } from '@sinclair/typebox'
import { Enum, URL_PATTERN } from './common.js'
import { FILE_MIME_TYPES, KNOWLEDGE_BASE_LANGUAGES } from './knowledge-base-enums.js'

const STATUSES = ['NEW', 'FILE_UPLOADED', 'RAW_TEXT', 'PROCESSED_TEXT', 'VECTOR_CREATED', 'READY', 'UNPROCESSABLE'] as const
const TYPES = ['file', 'text', 'website', 'youtube'] as const

// Sensay's knowledge-base request schemas minus their x-hidden fields
// (usageLimits, and the processing internals: status, vectors, qdrant points).
export const KnowledgeBaseCreateInput = Type.Object({
  title: Type.Optional(Type.String()),
  text: Type.Optional(Type.String({ minLength: 1 })),
  url: Type.Optional(Type.String({ pattern: URL_PATTERN })),
  autoRefresh: Type.Optional(Type.Boolean()),
  filename: Type.Optional(Type.String())
}, { additionalProperties: false })

// One chunk of an entry's raw text. Open on input, as Sensay's schema is (unknown keys are
// dropped before forwarding); closed in responses, so the serializer passes on nothing else.
const rawTextChunkFields = {
  content: Type.Optional(Type.String()),
  chunkIndex: Type.Optional(Type.Integer()),
  chunkTokens: Type.Optional(Type.Integer()),
  chunkChars: Type.Optional(Type.Integer())
}

export const KnowledgeBaseUpdateInput = Type.Object({
  // Sensay's CLI retrains a failed entry with `status: "NEW"`; the other statuses are Sensay's own.
  status: Type.Optional(Type.Literal('NEW', { description: 'Only `NEW`: reprocess the entry.' })),
  title: Type.Optional(Type.String()),
  rawText: Type.Optional(Type.String({ minLength: 1 })),
  generatedFacts: Type.Optional(Type.Array(Type.String())),
  rawTextChunks: Type.Optional(Type.Array(Type.Object(rawTextChunkFields, { additionalProperties: true }))),
  generatedTitle: Type.Optional(Type.String()),
  summary: Type.Optional(Type.String()),
  language: Type.Optional(Enum(KNOWLEDGE_BASE_LANGUAGES)),
  website: Type.Optional(Type.Object({
    url: Type.Optional(Type.String({ format: 'uri' })),
    links: Type.Optional(Type.Array(Type.String())),
    title: Type.Optional(Type.String()),
    text: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    autoRefresh: Type.Optional(Type.Boolean()),
    screenshotURL: Type.Optional(Type.String()),
    screenshot: Type.Optional(Type.String())
  }, { additionalProperties: false })),
  youtube: Type.Optional(Type.Object({
    url: Type.Optional(Type.String({ format: 'uri' })),
    title: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    thumbnailURL: Type.Optional(Type.String({ format: 'uri' })),
    summary: Type.Optional(Type.String()),
    transcription: Type.Optional(Type.String()),
    visualTranscription: Type.Optional(Type.String())
  }, { additionalProperties: false })),
  file: Type.Optional(Type.Object({
    name: Type.Optional(Type.String()),
    size: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    mimeType: Type.Optional(Type.Union([Enum(FILE_MIME_TYPES), Type.Null()])),
    screenshot: Type.Optional(Type.String())
  }, { additionalProperties: false })),
  error: Type.Optional(Type.Object({
    fingerprint: Type.Optional(Type.String()),
    message: Type.String()
  }, { additionalProperties: false }))
}, { additionalProperties: false })

export const KnowledgeBaseCreatedResponse = Type.Object({
  success: Type.Boolean(),
  results: Type.Array(Type.Object({
    type: Type.String(),
    enqueued: Type.Boolean(),
    knowledgeBaseID: Type.Optional(Type.Number()),
    signedURL: Type.Optional(Type.String({ description: 'Where to PUT the file, for file entries.' })),
    error: Type.Optional(Type.String())
  }))
})

const entryFields = {
  id: Type.Integer(),
  replicaUUID: Type.Optional(Type.String()),
  type: Type.String(),
  url: Type.Optional(Type.String()),
  status: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  title: Type.Optional(Type.String()),
  generatedTitle: Type.Optional(Type.String()),
  summary: Type.Optional(Type.String()),
  language: Type.Optional(Type.String()),
  website: Type.Optional(Type.Object({ url: Type.String(), title: Type.Optional(Type.String()), description: Type.Optional(Type.String()), autoRefresh: Type.Optional(Type.Boolean()) })),
  youtube: Type.Optional(Type.Object({ url: Type.String(), title: Type.Optional(Type.String()), description: Type.Optional(Type.String()), thumbnailURL: Type.Optional(Type.String()) })),
  file: Type.Optional(Type.Object({ name: Type.String(), size: Type.Optional(Type.Union([Type.Number(), Type.Null()])), mimeType: Type.Optional(Type.Union([Type.String(), Type.Null()])) })),
  error: Type.Optional(Type.Object({ message: Type.Optional(Type.String()) }))
}

export const KnowledgeBaseEntry = Type.Object(entryFields)

export const KnowledgeBaseEntryResponse = Type.Object({
  success: Type.Boolean(),
  ...entryFields,
  rawText: Type.Optional(Type.String()),
  generatedFacts: Type.Optional(Type.Array(Type.String())),
  rawTextChunks: Type.Optional(Type.Array(Type.Object(rawTextChunkFields)))
})

export const KnowledgeBaseListQuery = Type.Object({
  status: Type.Optional(Type.Array(Enum(STATUSES))),
  type: Type.Optional(Type.Array(Enum(TYPES))),
  search: Type.Optional(Type.String({ minLength: 3 })),
  hasError: Type.Optional(Enum(['true', 'false'])),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  sortBy: Type.Optional(Enum(['createdAt'])),
  sortOrder: Type.Optional(Enum(['asc', 'desc']))
}, { additionalProperties: false })

export const KnowledgeBaseListResponse = Type.Object({
  success: Type.Boolean(),
  items: Type.Array(KnowledgeBaseEntry),
  total: Type.Integer()
})

// 200: deleted; 202: deletion accepted, with a message.
export const KnowledgeBaseDeletedResponse = Type.Object({ success: Type.Boolean() })
export const KnowledgeBaseDeletionAcceptedResponse = Type.Object({ success: Type.Boolean(), message: Type.String() })

export type KnowledgeBaseCreatedResponseT = Static<typeof KnowledgeBaseCreatedResponse>
export type KnowledgeBaseEntryResponseT = Static<typeof KnowledgeBaseEntryResponse>
export type KnowledgeBaseListResponseT = Static<typeof KnowledgeBaseListResponse>
export type KnowledgeBaseDeletedResponseT = Static<typeof KnowledgeBaseDeletedResponse>
