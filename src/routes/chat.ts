import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireUser } from '../auth/identity.js'
import { ReplicaParams, errorResponses } from '../schemas/common.js'
import { ChatCompletionInput, ChatCompletionResponse, ChatHistoryResponse, type ChatCompletionResponseT, type ChatHistoryResponseT } from '../schemas/chat.js'
import { callContext } from '../upstream/sensay-plugin.js'
import { relayStream } from '../upstream/stream-relay.js'

const tags = ['Chat']

function wantsStream (accept: string | undefined): boolean {
  return accept !== undefined && accept.includes('text/event-stream')
}

export interface ChatOptions {
  streamIdleTimeoutMs: number
  streamMaxDurationMs: number
}

export const chatRoutes: FastifyPluginAsyncTypebox<ChatOptions> = async (app, { streamIdleTimeoutMs, streamMaxDurationMs }) => {
  app.post('/replicas/:replicaUUID/chat/completions', {
    config: { chatLimit: true },
    schema: {
      tags,
      summary: 'Chat with a replica',
      description: 'JSON by default. With `Accept: text/event-stream` the answer streams in the Vercel AI SDK stream protocol, passed through as it arrives.',
      params: ReplicaParams,
      body: ChatCompletionInput,
      response: { 200: ChatCompletionResponse, ...errorResponses }
    }
  }, async (request, reply) => {
    const user = requireUser(request.identity)
    const { replicaUUID } = request.params
    const call = {
      method: 'POST' as const,
      path: `/v1/replicas/${replicaUUID}/chat/completions`,
      userId: user.userId,
      // The BFF is a web client: the source is not the caller's to choose.
      body: { ...request.body, source: 'web' }
    }
    const ctx = callContext(request)
    await app.replicaAccess.visible(user, replicaUUID, ctx)
    // A client that goes away aborts the upstream call, JSON or streamed, before
    // or after the first chunk: an LLM answer nobody reads still costs.
    ctx.client = reply.raw
    if (!wantsStream(request.headers.accept)) {
      const { body } = await app.sensay.json<ChatCompletionResponseT>(call, ctx)
      return body
    }
    const upstream = await app.sensay.stream({ ...call, accept: 'text/event-stream' }, ctx, streamIdleTimeoutMs)
    return relayStream(request, reply, upstream, { maxDurationMs: streamMaxDurationMs, openStreams: app.openStreams })
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
