import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { upstreamUserId } from '../auth/identity.js'
import { errors } from '../errors/app-error.js'
import { ReplicaParams, errorResponses } from '../schemas/common.js'
import {
  ConversationListQuery, ConversationListResponse, ConversationParams, MessageListQuery, MessageListResponse,
  type ConversationListResponseT, type MessageListResponseT
} from '../schemas/conversations.js'
import { callContext } from '../upstream/sensay-plugin.js'

const tags = ['Conversations']

/** A replica's conversations: its owner's and admins' only. */
export const conversationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/replicas/:replicaUUID/conversations', {
    schema: { tags, summary: 'A replica\'s conversations', params: ReplicaParams, querystring: ConversationListQuery, response: { 200: ConversationListResponse, ...errorResponses } }
  }, async (request) => {
    const identity = request.identity!
    const { replicaUUID } = request.params
    await app.replicaAccess.owned(identity, replicaUUID, callContext(request))
    const { body } = await app.sensay.json<ConversationListResponseT>({
      method: 'GET', path: `/v1/replicas/${replicaUUID}/conversations`, userId: upstreamUserId(identity), query: request.query
    }, callContext(request))
    return body
  })

  app.get('/replicas/:replicaUUID/conversations/:conversationUUID/messages', {
    schema: { tags, summary: 'Messages of a conversation', params: ConversationParams, querystring: MessageListQuery, response: { 200: MessageListResponse, ...errorResponses } }
  }, async (request) => {
    const identity = request.identity!
    const { replicaUUID, conversationUUID } = request.params
    await app.replicaAccess.owned(identity, replicaUUID, callContext(request))
    const { body } = await app.sensay.json<MessageListResponseT>({
      method: 'GET', path: `/v1/replicas/${replicaUUID}/conversations/${conversationUUID}/messages`, userId: upstreamUserId(identity), query: request.query
    }, callContext(request))
    // Each message names its replica: one from another replica means the conversation is not
    // this replica's, whatever Sensay checked. (Malformed lists are the response check's: 502.)
    const replica = replicaUUID.toLowerCase()
    if (Array.isArray(body.items) && body.items.some((m: unknown) => typeof m === 'object' && m !== null && String((m as { replicaUUID?: unknown }).replicaUUID).toLowerCase() !== replica)) {
      throw errors.notFound('Conversation not found.')
    }
    return body
  })
}
