import { Type, type Static } from '@sinclair/typebox'
import { Enum, Uuid } from './common.js'

export const ConversationParams = Type.Object({ replicaUUID: Uuid, conversationUUID: Uuid }, { additionalProperties: false })

export const ConversationListQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  sortBy: Type.Optional(Enum(['replicaReplies', 'firstMessageAt', 'lastReplicaReplyAt'])),
  sortOrder: Type.Optional(Enum(['asc', 'desc']))
}, { additionalProperties: false })

export const ConversationListResponse = Type.Object({
  success: Type.Boolean(),
  total: Type.Number(),
  items: Type.Array(Type.Object({
    uuid: Type.String(),
    chatUUID: Type.String(),
    source: Type.String(),
    messageCount: Type.Number(),
    replicaReplyCount: Type.Number(),
    firstMessageAt: Type.Optional(Type.String()),
    lastMessageAt: Type.Optional(Type.String()),
    lastReplicaReplyAt: Type.Optional(Type.String()),
    conversationName: Type.Optional(Type.String()),
    conversationImageURL: Type.Optional(Type.String()),
    conversationType: Type.String()
  }))
})

export const MessageListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  afterUUID: Type.Optional(Uuid),
  beforeUUID: Type.Optional(Uuid)
}, { additionalProperties: false })

export const MessageListResponse = Type.Object({
  success: Type.Boolean(),
  items: Type.Array(Type.Object({
    uuid: Type.String(),
    createdAt: Type.String(),
    content: Type.String(),
    role: Type.String(),
    senderName: Type.Optional(Type.String()),
    senderProfileImageURL: Type.Optional(Type.String()),
    source: Type.String(),
    replicaUUID: Type.String()
  }))
})

export type ConversationListResponseT = Static<typeof ConversationListResponse>
export type MessageListResponseT = Static<typeof MessageListResponse>
