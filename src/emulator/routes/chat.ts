import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { sendSensayError, type EmuContext } from '../context.js'
import type { EmuReplica } from '../state.js'
import { streamAnswer } from '../stream-answer.js'
import { historyItem } from '../views.js'

function replyText (replica: EmuReplica, content: string): string {
  const question = content.length > 80 ? `${content.slice(0, 77)}...` : content
  return `Hi, I am ${replica.name}. You asked: "${question}". This answer comes from the Sensay emulator.`
}

export function chatRoutes (app: FastifyInstance, ctx: EmuContext): void {
  const { state, settings, events, faultOf, userOf, replicaOf } = ctx
  const conversations = new Map<string, number>()

  app.post('/v1/replicas/:replicaUUID/chat/completions', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const body = request.body as { content: string, skip_chat_history?: boolean, source?: string, usageLimits?: { conversations?: { monthlyQuota: number } } }
    const userId = userOf(request) ?? replica.ownerID
    const source = body.source ?? 'web'
    // Sensay enforces the organization's per-user quota when the request carries one
    // (conversations counted here as chats, per user and calendar month).
    const quota = body.usageLimits?.conversations?.monthlyQuota
    const month = new Date().toISOString().slice(0, 7)
    const used = conversations.get(`${userId} ${month}`) ?? 0
    if (quota !== undefined && used >= quota) {
      return sendSensayError(request, reply, 429, `You have reached your quota of ${quota} conversations this month`, 'CONVERSATION_QUOTA_EXCEEDED')
    }
    conversations.set(`${userId} ${month}`, used + 1)
    const text = replyText(replica, body.content)
    if (!body.skip_chat_history) {
      state.addMessage(replica, userId, source, 'user', body.content)
      state.addMessage(replica, userId, source, 'assistant', text)
    }
    const accept = request.headers.accept ?? ''
    if (!accept.includes('text/event-stream')) return { success: true, content: text }
    return streamAnswer(request, reply, text, { ...settings, fault: faultOf.get(request) }, events)
  })

  // Sensay's beta OpenAI-style chat: only the last message is answered.
  app.post('/v1/experimental/replicas/:replicaUUID/chat/completions', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const body = request.body as { messages: Array<{ role: string, content: string }>, store?: boolean, source?: string }
    const last = body.messages[body.messages.length - 1]?.content ?? ''
    const userId = userOf(request) ?? replica.ownerID
    const text = replyText(replica, last)
    if (body.store !== false) {
      state.addMessage(replica, userId, body.source ?? 'web', 'user', last)
      state.addMessage(replica, userId, body.source ?? 'web', 'assistant', text)
    }
    const completionTokens = text.split(' ').length
    return {
      id: `chatcmpl-${randomUUID()}`,
      created: Math.floor(Date.now() / 1000),
      object: 'chat.completion',
      model: replica.llm.model,
      choices: [{ index: 0, message: { role: 'assistant', content: text }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: completionTokens, total_tokens: 10 + completionTokens }
    }
  })

  const history = (source?: string) => async (request: FastifyRequest, reply: FastifyReply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const userId = userOf(request)
    const items = state.messages.filter((m) => m.replicaUUID === replica.uuid && (userId === undefined || m.userId === userId) && (source === undefined || m.source === source))
    return { success: true, type: 'array', items: items.map(historyItem) }
  }
  app.get('/v1/replicas/:replicaUUID/chat/history', history())
  for (const source of ['web', 'embed', 'telegram', 'discord']) app.get(`/v1/replicas/:replicaUUID/chat/history/${source}`, history(source))

  // A message saved to the history without an answer (an app that chats elsewhere).
  app.post('/v1/replicas/:replicaUUID/chat/history', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const body = request.body as { content: string, source?: string }
    state.addMessage(replica, userOf(request) ?? replica.ownerID, body.source ?? 'web', 'user', body.content)
    return { success: true }
  })
}
