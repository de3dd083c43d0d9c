import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireUser } from '../auth/identity.js'
import { ReplicaAccess } from '../auth/replica-access.js'
import { ReplicaParams, errorResponses } from '../schemas/common.js'
import { ChatCompletionResponse, ChatHistoryResponse, ChatRequestBody, type ChatCompletionResponseT, type ChatHistoryResponseT } from '../schemas/chat.js'
import { fromChatBody } from '../streams/ai-sdk-request.js'
import { callContext } from '../upstream/sensay-plugin.js'
import { relayStream } from '../upstream/stream-relay.js'
import { unanswered } from '../quotas/quotas-plugin.js'

const tags = ['Chat']

function wantsStream (accept: string | undefined): boolean {
  return accept !== undefined && accept.includes('text/event-stream')
}

export interface ChatOptions {
  streamIdleTimeoutMs: number
  streamMaxDurationMs: number
  streamMaxPartBytes: number
  streamMaxPerUser: number
}

export const chatRoutes: FastifyPluginAsyncTypebox<ChatOptions> = async (app, { streamIdleTimeoutMs, streamMaxDurationMs, streamMaxPartBytes, streamMaxPerUser }) => {
  app.post('/replicas/:replicaUUID/chat/completions', {
    config: { chatLimit: true },
    schema: {
      tags,
      summary: 'Chat with a replica',
      description: 'Sensay\'s body: JSON by default; with `Accept: text/event-stream` Sensay\'s stream passed through as it arrives. ' +
        'The AI SDK `useChat` bodies: answered in the stream protocol that client reads (v5+: UI message stream; v4: data stream), translated part by part when Sensay streams the other one.',
      params: ReplicaParams,
      body: ChatRequestBody,
      response: { 200: ChatCompletionResponse, ...errorResponses }
    }
  }, async (request, reply) => {
    const user = requireUser(request.identity)
    const { replicaUUID } = request.params
    const chat = fromChatBody(request.body)
    // The caller's tier's conversation quota, enforced by Sensay itself (only the organization may set it).
    const usageLimits = app.quotas.chatLimits(user)
    const call = {
      method: 'POST' as const,
      path: `/v1/replicas/${replicaUUID}/chat/completions`,
      userId: user.userId,
      // The BFF is a web client: the source is not the caller's to choose.
      body: { content: chat.content, skip_chat_history: chat.skipChatHistory, source: 'web', ...(usageLimits === undefined ? {} : { usageLimits }) }
    }
    const ctx = callContext(request)
    ctx.model = ReplicaAccess.modelOf(await app.replicaAccess.visible(user, replicaUUID, ctx))
    // A client that goes away aborts the upstream call, JSON or streamed, before
    // or after the first chunk: an LLM answer nobody reads still costs.
    ctx.client = reply.raw
    const charge = await app.quotas.admit(request, reply, user)
    if (chat.protocol === undefined && !wantsStream(request.headers.accept)) {
      try {
        const { body } = await app.sensay.json<ChatCompletionResponseT>(call, ctx)
        return body
      } catch (err) {
        if (unanswered(err)) charge.refund()
        throw err
      }
    }
    let release: (() => void) | undefined
    try {
      release = app.openStreams.reserve(user.userId, streamMaxPerUser)
      const upstream = await app.sensay.stream({ ...call, accept: 'text/event-stream' }, ctx, streamIdleTimeoutMs)
      return await relayStream(request, reply, upstream, { maxDurationMs: streamMaxDurationMs, maxPartBytes: streamMaxPartBytes, openStreams: app.openStreams, clientProtocol: chat.protocol, release })
    } catch (err) {
      release?.()
      // Refused before a stream began (too many open, or Sensay never answered): not counted.
      if (release === undefined || unanswered(err)) charge.refund()
      throw err
    }
  })

  app.get('/replicas/:replicaUUID/chat/history', {
    schema: { tags, summary: 'The session user\'s chat history with a replica', params: ReplicaParams, response: { 200: ChatHistoryResponse, ...errorResponses } }
  }, async (request) => {
    const user = requireUser(request.identity)
    const { replicaUUID } = request.params
    await app.replicaAccess.visible(user, replicaUUID, callContext(request))
    const { body } = await app.sensay.json<ChatHistoryResponseT>({
      method: 'GET', path: `/v1/replicas/${replicaUUID}/chat/history`, userId: user.userId
    }, callContext(request))
    return body
  })
}
