import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { EmuContext } from '../context.js'
import { pageOf } from '../context.js'
import type { EmuConversation, EmuReplica } from '../state.js'
import { chatItem, conversationItem, messageItem } from '../views.js'

type Params = { chatUUID?: string, conversationUUID?: string }

/** Conversations, chats (groups of conversations), mentions and analytics: what owners' dashboards read. */
export function conversationRoutes (app: FastifyInstance, ctx: EmuContext): void {
  const { state, settings, sendError, userOf, replicaOf } = ctx

  // The owner (or the organization) sees all; another user only their own.
  const conversationsOf = (replica: EmuReplica, request: FastifyRequest) => {
    const userId = userOf(request)
    return [...state.conversations.values()]
      .filter((c) => c.replicaUUID === replica.uuid && (userId === undefined || userId === replica.ownerID || c.userId === userId))
  }
  const inReplica = (c: EmuConversation | undefined, replica: EmuReplica) => c !== undefined && (!settings.checksPairs || c.replicaUUID === replica.uuid)
  const conversationOf = (request: FastifyRequest, reply: FastifyReply, replica: EmuReplica) => {
    const conversation = state.conversations.get(((request.params as Params).conversationUUID ?? '').toLowerCase())
    if (!inReplica(conversation, replica)) { sendError(request, reply, 404, 'Conversation not found'); return undefined }
    return conversation
  }
  const chatOf = (request: FastifyRequest, reply: FastifyReply, replica: EmuReplica) => {
    const uuid = ((request.params as Params).chatUUID ?? '').toLowerCase()
    const conversations = [...state.conversations.values()].filter((c) => c.chatUUID === uuid && inReplica(c, replica))
    if (conversations.length === 0) { sendError(request, reply, 404, 'Chat not found'); return undefined }
    return conversations
  }
  const messagesOf = (conversations: EmuConversation[], query: unknown) => {
    const uuids = new Set(conversations.map((c) => c.uuid))
    const limit = Number((query as { limit?: string }).limit ?? 20) || 20
    return state.messages.filter((m) => uuids.has(m.conversationUUID)).slice(-limit).map(messageItem)
  }
  const page = (items: unknown[], query: unknown) => {
    const q = query as { page?: string, pageSize?: string }
    return pageOf(items, q.page, q.pageSize)
  }

  app.get('/v1/replicas/:replicaUUID/conversations', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const items = conversationsOf(replica, request)
    return { success: true, items: page(items.map((c) => conversationItem(c, state)), request.query), total: items.length }
  })
  app.get('/v1/replicas/:replicaUUID/conversations/:conversationUUID', async (request, reply) => {
    const replica = replicaOf(request, reply)
    const conversation = replica && conversationOf(request, reply, replica)
    if (!conversation) return reply
    return { ...conversationItem(conversation, state), success: true }
  })
  app.patch('/v1/replicas/:replicaUUID/conversations/:conversationUUID', async (request, reply) => {
    const replica = replicaOf(request, reply)
    const conversation = replica && conversationOf(request, reply, replica)
    if (!conversation) return reply
    Object.assign(conversation, request.body)
    return { success: true }
  })
  app.get('/v1/replicas/:replicaUUID/conversations/:conversationUUID/messages', async (request, reply) => {
    const replica = replicaOf(request, reply)
    const conversation = replica && conversationOf(request, reply, replica)
    if (!conversation) return reply
    return { success: true, items: messagesOf([conversation], request.query) }
  })
  // Mentions: the replica's messages grouped, with a placeholder counting what lies between.
  app.get('/v1/replicas/:replicaUUID/conversations/:conversationUUID/mentions', async (request, reply) => {
    const replica = replicaOf(request, reply)
    const conversation = replica && conversationOf(request, reply, replica)
    if (!conversation) return reply
    const messages = messagesOf([conversation], request.query)
    const items = messages.length === 0 ? [] : [{ type: 'mention', messages: messages.slice(-2) }, ...(messages.length > 2 ? [{ type: 'placeholder', count: messages.length - 2 }] : [])]
    return { success: true, items, hasMore: false }
  })

  // Chats: the conversations of one chat (here, one per user and source).
  app.get('/v1/replicas/:replicaUUID/chats', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const chats = new Map<string, EmuConversation[]>()
    for (const c of conversationsOf(replica, request)) chats.set(c.chatUUID, [...(chats.get(c.chatUUID) ?? []), c])
    const items = [...chats.values()].map((group) => chatItem(group, state))
    return { success: true, items: page(items, request.query), total: items.length }
  })
  app.get('/v1/replicas/:replicaUUID/chats/:chatUUID', async (request, reply) => {
    const replica = replicaOf(request, reply)
    const chat = replica && chatOf(request, reply, replica)
    if (!chat) return reply
    return { success: true, chat: chatItem(chat, state) }
  })
  app.get('/v1/replicas/:replicaUUID/chats/:chatUUID/messages', async (request, reply) => {
    const replica = replicaOf(request, reply)
    const chat = replica && chatOf(request, reply, replica)
    if (!chat) return reply
    return { success: true, items: messagesOf(chat, request.query) }
  })
  app.get('/v1/replicas/:replicaUUID/chats/:chatUUID/conversations', async (request, reply) => {
    const replica = replicaOf(request, reply)
    const chat = replica && chatOf(request, reply, replica)
    if (!chat) return reply
    return { success: true, items: page(chat.map((c) => conversationItem(c, state)), request.query), total: chat.length }
  })
  const chatConversation = (request: FastifyRequest, reply: FastifyReply) => {
    const replica = replicaOf(request, reply)
    const chat = replica && chatOf(request, reply, replica)
    if (!chat) return undefined
    const uuid = ((request.params as Params).conversationUUID ?? '').toLowerCase()
    const conversation = settings.checksPairs ? chat.find((c) => c.uuid === uuid) : state.conversations.get(uuid)
    if (!conversation) sendError(request, reply, 404, 'Conversation not found')
    return conversation
  }
  app.get('/v1/replicas/:replicaUUID/chats/:chatUUID/conversations/:conversationUUID', async (request, reply) => {
    const conversation = chatConversation(request, reply)
    if (!conversation) return reply
    return { ...conversationItem(conversation, state), success: true }
  })
  app.get('/v1/replicas/:replicaUUID/chats/:chatUUID/conversations/:conversationUUID/messages', async (request, reply) => {
    const conversation = chatConversation(request, reply)
    if (!conversation) return reply
    return { success: true, items: messagesOf([conversation], request.query) }
  })

  // Analytics: conversations per day (cumulative) and per source.
  app.get('/v1/replicas/:replicaUUID/analytics/conversations/historical', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const days = new Map<string, number>()
    for (const c of conversationsOf(replica, request)) { const day = c.firstMessageAt.slice(0, 10); days.set(day, (days.get(day) ?? 0) + 1) }
    let total = 0
    const items = [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({ date, cumulativeConversations: (total += count) }))
    return { success: true, items }
  })
  app.get('/v1/replicas/:replicaUUID/analytics/conversations/sources', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const sources = new Map<string, number>()
    for (const c of conversationsOf(replica, request)) sources.set(c.source, (sources.get(c.source) ?? 0) + 1)
    return { success: true, items: [...sources.entries()].map(([source, conversations]) => ({ source, conversations })) }
  })
}
