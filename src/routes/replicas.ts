import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { requireUser, upstreamUserId } from '../auth/identity.js'
import { ReplicaAccess } from '../auth/replica-access.js'
import { errors } from '../errors/app-error.js'
import { ReplicaParams, SuccessOnly, errorResponses } from '../schemas/common.js'
import {
  ReplicaCreatedResponse, ReplicaInput, ReplicaListQuery, ReplicaListResponse, ReplicaResponse,
  type ReplicaCreatedResponseT, type ReplicaListResponseT
} from '../schemas/replicas.js'
import { callContext } from '../upstream/sensay-plugin.js'

const tags = ['Replicas']

export const replicasRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const access = app.replicaAccess

  app.get('/replicas', {
    schema: { tags, summary: 'Replicas the caller may see', querystring: ReplicaListQuery, response: { 200: ReplicaListResponse, ...errorResponses } }
  }, async (request) => {
    const identity = request.identity!
    const { body } = await app.sensay.json<ReplicaListResponseT>({
      method: 'GET', path: '/v1/replicas', userId: upstreamUserId(identity), query: request.query
    }, callContext(request))
    const items = Array.isArray(body.items) ? body.items : []
    // Sensay already lists only public and own replicas for X-USER-ID; checked again
    // here, so that an upstream change cannot list another user's private replica.
    return { ...body, items: items.filter((replica) => ReplicaAccess.canSee(identity, replica)).map((replica) => ReplicaAccess.project(identity, replica)) }
  })

  app.post('/replicas', {
    schema: { tags, summary: 'Create a replica owned by the session user', body: ReplicaInput, response: { 201: ReplicaCreatedResponse, ...errorResponses } }
  }, async (request, reply) => {
    if (request.identity?.kind === 'admin') throw errors.forbidden('A replica needs an owner; create it with a user identity.')
    const user = requireUser(request.identity)
    const { body } = await app.sensay.json<ReplicaCreatedResponseT>({
      method: 'POST', path: '/v1/replicas', userId: user.userId, body: { ...request.body, ownerID: user.userId }
    }, callContext(request))
    return reply.code(201).send(body)
  })

  app.get('/replicas/:replicaUUID', {
    schema: { tags, summary: 'A replica (public projection unless owner)', params: ReplicaParams, response: { 200: ReplicaResponse, ...errorResponses } }
  }, async (request) => {
    const identity = request.identity!
    // Always fresh: this read refreshes the cache the other routes check against.
    const replica = await access.visible(identity, request.params.replicaUUID, callContext(request), true)
    return { success: true, ...ReplicaAccess.project(identity, replica) }
  })

  app.put('/replicas/:replicaUUID', {
    schema: { tags, summary: 'Replace a replica (owner or admin)', params: ReplicaParams, body: ReplicaInput, response: { 200: SuccessOnly, ...errorResponses } }
  }, async (request) => {
    const identity = request.identity!
    const { replicaUUID } = request.params
    const replica = await access.owned(identity, replicaUUID, callContext(request))
    try {
      // Sensay's PUT replaces the whole replica; the owner never changes here.
      const { body } = await app.sensay.json<{ success: boolean }>({
        method: 'PUT', path: `/v1/replicas/${replicaUUID}`, userId: upstreamUserId(identity), body: { ...request.body, ownerID: replica.ownerID }
      }, callContext(request))
      return body
    } finally {
      access.invalidate(replicaUUID)
    }
  })

  app.delete('/replicas/:replicaUUID', {
    schema: { tags, summary: 'Delete a replica (owner or admin)', params: ReplicaParams, response: { 200: SuccessOnly, ...errorResponses } }
  }, async (request) => {
    const identity = request.identity!
    const { replicaUUID } = request.params
    await access.owned(identity, replicaUUID, callContext(request))
    try {
      const { body } = await app.sensay.json<{ success: boolean }>({
        method: 'DELETE', path: `/v1/replicas/${replicaUUID}`, userId: upstreamUserId(identity)
      }, callContext(request))
      return body
    } finally {
      access.invalidate(replicaUUID)
    }
  })
}
