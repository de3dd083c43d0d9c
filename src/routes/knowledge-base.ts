import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { upstreamUserId, type Identity } from '../auth/identity.js'
import { errors, ifMissing } from '../errors/app-error.js'
import { KnowledgeBaseParams, ReplicaParams, SuccessOnly, errorResponses } from '../schemas/common.js'
import { declaredOnly } from '../schemas/declared.js'
import {
  KnowledgeBaseCreateInput, KnowledgeBaseCreatedResponse, KnowledgeBaseDeletedResponse, KnowledgeBaseDeletionAcceptedResponse, KnowledgeBaseEntryResponse,
  KnowledgeBaseListQuery, KnowledgeBaseListResponse, KnowledgeBaseUpdateInput,
  type KnowledgeBaseCreatedResponseT, type KnowledgeBaseDeletedResponseT, type KnowledgeBaseEntryResponseT, type KnowledgeBaseListResponseT
} from '../schemas/knowledge-base.js'
import { callContext } from '../upstream/sensay-plugin.js'

const tags = ['Knowledge base']

const entryNotFound = () => errors.notFound('Knowledge base entry not found.')

/** A replica's knowledge base: its owner's and admins' only. */
/** The caller's tier's entry quota, enforced by Sensay itself (only the organization may set it). */
function withKnowledgeBaseLimits (app: FastifyInstance, identity: Identity, body: object): object {
  const usageLimits = identity.kind === 'user' ? app.quotas.knowledgeBaseLimits(identity) : undefined
  return usageLimits === undefined ? body : { ...body, usageLimits }
}

export const knowledgeBaseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const owned = (request: FastifyRequest & { params: { replicaUUID: string } }) =>
    app.replicaAccess.owned(request.identity!, request.params.replicaUUID, callContext(request))

  /**
   * The entry, if it belongs to the replica in the path. Sensay also serves
   * entries by id alone, so the pair is checked here rather than trusted: an
   * answer that does not name this replica is a 404, and nothing is written.
   */
  const pairedEntry = async (request: FastifyRequest & { params: { replicaUUID: string, knowledgeBaseID: string } }) => {
    const { replicaUUID, knowledgeBaseID } = request.params
    // A missing entry and another replica's answer alike.
    const { body } = await ifMissing(app.sensay.json<KnowledgeBaseEntryResponseT>({
      method: 'GET', path: `/v1/replicas/${replicaUUID}/knowledge-base/${knowledgeBaseID}`, userId: upstreamUserId(request.identity!)
    }, callContext(request)), () => { throw entryNotFound() })
    const owner = body.replicaUUID
    if (typeof owner !== 'string' || owner.toLowerCase() !== replicaUUID.toLowerCase() || String(body.id) !== knowledgeBaseID) throw entryNotFound()
    return body
  }

  app.post('/replicas/:replicaUUID/knowledge-base', {
    schema: { tags, summary: 'Add a knowledge base entry', params: ReplicaParams, body: KnowledgeBaseCreateInput, response: { 200: KnowledgeBaseCreatedResponse, 207: KnowledgeBaseCreatedResponse, ...errorResponses } }
  }, async (request, reply) => {
    await owned(request)
    const { status, body } = await app.sensay.json<KnowledgeBaseCreatedResponseT>({
      method: 'POST', path: `/v1/replicas/${request.params.replicaUUID}/knowledge-base`, userId: upstreamUserId(request.identity!), body: withKnowledgeBaseLimits(app, request.identity!, request.body)
    }, callContext(request))
    return reply.code(status === 200 ? 200 : 207).send(body)
  })

  app.get('/replicas/:replicaUUID/knowledge-base', {
    schema: { tags, summary: 'List knowledge base entries', params: ReplicaParams, querystring: KnowledgeBaseListQuery, response: { 200: KnowledgeBaseListResponse, ...errorResponses } }
  }, async (request) => {
    await owned(request)
    const { body } = await app.sensay.json<KnowledgeBaseListResponseT>({
      method: 'GET', path: `/v1/replicas/${request.params.replicaUUID}/knowledge-base`, userId: upstreamUserId(request.identity!), query: request.query
    }, callContext(request))
    return body
  })

  app.get('/replicas/:replicaUUID/knowledge-base/:knowledgeBaseID', {
    schema: { tags, summary: 'A knowledge base entry', params: KnowledgeBaseParams, response: { 200: KnowledgeBaseEntryResponse, ...errorResponses } }
  }, async (request) => {
    await owned(request)
    return pairedEntry(request)
  })

  app.patch('/replicas/:replicaUUID/knowledge-base/:knowledgeBaseID', {
    schema: { tags, summary: 'Update a knowledge base entry', params: KnowledgeBaseParams, body: KnowledgeBaseUpdateInput, response: { 200: SuccessOnly, ...errorResponses } }
  }, async (request) => {
    await owned(request)
    await pairedEntry(request)
    const { replicaUUID, knowledgeBaseID } = request.params
    const { body } = await app.sensay.json<{ success: boolean }>({
      method: 'PATCH', path: `/v1/replicas/${replicaUUID}/knowledge-base/${knowledgeBaseID}`, userId: upstreamUserId(request.identity!), body: declaredOnly(KnowledgeBaseUpdateInput, request.body)
    }, callContext(request))
    return body
  })

  app.delete('/replicas/:replicaUUID/knowledge-base/:knowledgeBaseID', {
    schema: { tags, summary: 'Delete a knowledge base entry', params: KnowledgeBaseParams, response: { 200: KnowledgeBaseDeletedResponse, 202: KnowledgeBaseDeletionAcceptedResponse, ...errorResponses } }
  }, async (request, reply) => {
    await owned(request)
    await pairedEntry(request)
    const { replicaUUID, knowledgeBaseID } = request.params
    const { status, body } = await app.sensay.json<KnowledgeBaseDeletedResponseT>({
      method: 'DELETE', path: `/v1/replicas/${replicaUUID}/knowledge-base/${knowledgeBaseID}`, userId: upstreamUserId(request.identity!)
    }, callContext(request))
    return reply.code(status === 202 ? 202 : 200).send(body)
  })
}
