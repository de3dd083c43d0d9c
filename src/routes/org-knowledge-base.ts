import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { upstreamUserId } from '../auth/identity.js'
import { ReplicaAccess } from '../auth/replica-access.js'
import { errors, ifMissing } from '../errors/app-error.js'
import { KnowledgeBaseId, SuccessOnly, errorResponses } from '../schemas/common.js'
import { declaredOnly } from '../schemas/declared.js'
import {
  KnowledgeBaseDeletedResponse, KnowledgeBaseDeletionAcceptedResponse, KnowledgeBaseEntryResponse, KnowledgeBaseListQuery, KnowledgeBaseListResponse, KnowledgeBaseUpdateInput,
  type KnowledgeBaseEntryResponseT, type KnowledgeBaseListResponseT
} from '../schemas/knowledge-base.js'
import { callContext } from '../upstream/sensay-plugin.js'

const tags = ['Knowledge base']
const EntryParams = Type.Object({ knowledgeBaseID: KnowledgeBaseId }, { additionalProperties: false })
const entryNotFound = () => errors.notFound('Knowledge base entry not found.')
// An id from Sensay's answer goes into a lookup path: it must be a UUID first, like any path id.
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/**
 * The organization-wide knowledge-base routes Sensay's CLI uses (hidden in
 * Sensay's document). An admin key gets them as Sensay serves them; a user
 * only the entries of replicas they own: the list is filtered, and a single
 * entry whose replica is not theirs is a 404, with nothing written.
 */
export const orgKnowledgeBaseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ownsReplica = async (request: FastifyRequest, replicaUUID: unknown): Promise<boolean> => {
    if (typeof replicaUUID !== 'string' || !UUID.test(replicaUUID)) return false
    const replica = await ifMissing(app.replicaAccess.lookup(replicaUUID, callContext(request)), () => undefined)
    return replica !== undefined && ReplicaAccess.isOwner(request.identity!, replica)
  }

  /** The entry, read by id, if the caller may act on it: admin, or owner of its replica. */
  const ownedEntry = async (request: FastifyRequest & { params: { knowledgeBaseID: string } }) => {
    const { knowledgeBaseID } = request.params
    // Missing and not yours answer alike.
    const { body } = await ifMissing(app.sensay.json<KnowledgeBaseEntryResponseT>({
      method: 'GET', path: `/v1/knowledge-base/${knowledgeBaseID}`, userId: upstreamUserId(request.identity!)
    }, callContext(request)), () => { throw entryNotFound() })
    if (String(body.id) !== knowledgeBaseID) throw entryNotFound()
    if (request.identity!.kind !== 'admin' && !await ownsReplica(request, body.replicaUUID)) throw entryNotFound()
    return body
  }

  app.get('/knowledge-base', {
    schema: { tags, summary: 'Knowledge base entries across replicas (admin: all; users: of replicas they own)', querystring: KnowledgeBaseListQuery, response: { 200: KnowledgeBaseListResponse, ...errorResponses } }
  }, async (request) => {
    const identity = request.identity!
    const { body } = await app.sensay.json<KnowledgeBaseListResponseT>({
      method: 'GET', path: '/v1/knowledge-base', userId: upstreamUserId(identity), query: request.query
    }, callContext(request))
    if (identity.kind === 'admin' || !Array.isArray(body.items)) return body
    // One lookup per distinct replica on the page (cached, shared): bounded by the page size.
    const replicas = [...new Set(body.items.map((item) => typeof item?.replicaUUID === 'string' ? item.replicaUUID.toLowerCase() : ''))]
    const owned = new Set<string>()
    await Promise.all(replicas.map(async (uuid) => { if (await ownsReplica(request, uuid)) owned.add(uuid) }))
    const items = body.items.filter((item) => typeof item?.replicaUUID === 'string' && owned.has(item.replicaUUID.toLowerCase()))
    return { ...body, items, total: items.length }
  })

  app.get('/knowledge-base/:knowledgeBaseID', {
    schema: { tags, summary: 'A knowledge base entry by id (of a replica the caller owns)', params: EntryParams, response: { 200: KnowledgeBaseEntryResponse, ...errorResponses } }
  }, async (request) => ownedEntry(request))

  app.patch('/knowledge-base/:knowledgeBaseID', {
    schema: { tags, summary: 'Update a knowledge base entry by id (of a replica the caller owns)', params: EntryParams, body: KnowledgeBaseUpdateInput, response: { 200: SuccessOnly, ...errorResponses } }
  }, async (request) => {
    await ownedEntry(request)
    const { body } = await app.sensay.json<{ success: boolean }>({
      method: 'PATCH', path: `/v1/knowledge-base/${request.params.knowledgeBaseID}`, userId: upstreamUserId(request.identity!), body: declaredOnly(KnowledgeBaseUpdateInput, request.body)
    }, callContext(request))
    return body
  })

  app.delete('/knowledge-base/:knowledgeBaseID', {
    schema: { tags, summary: 'Delete a knowledge base entry by id (of a replica the caller owns)', params: EntryParams, response: { 200: KnowledgeBaseDeletedResponse, 202: KnowledgeBaseDeletionAcceptedResponse, ...errorResponses } }
  }, async (request, reply) => {
    await ownedEntry(request)
    const { status, body } = await app.sensay.json<{ success: boolean }>({
      method: 'DELETE', path: `/v1/knowledge-base/${request.params.knowledgeBaseID}`, userId: upstreamUserId(request.identity!)
    }, callContext(request))
    return reply.code(status === 202 ? 202 : 200).send(body)
  })
}
