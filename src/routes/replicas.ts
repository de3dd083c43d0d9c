import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { requireUser, upstreamUserId, type Identity } from '../auth/identity.js'
import { ReplicaAccess } from '../auth/replica-access.js'
import { AppError, errors, ifMissing } from '../errors/app-error.js'
import { ReplicaParams, SuccessOnly, errorResponses } from '../schemas/common.js'
import { declaredOnly } from '../schemas/declared.js'
import {
  ReplicaCreateInput, ReplicaCreatedResponse, ReplicaListQuery, ReplicaListResponse, ReplicaReplaceInput, ReplicaResponse, ReplicaView,
  type ReplicaCreatedResponseT, type ReplicaListResponseT, type ReplicaViewT
} from '../schemas/replicas.js'
import { createAjv } from '../schemas/ajv.js'
import { callContext } from '../upstream/sensay-plugin.js'
import { requestFields } from '../logging/request-log.js'
import type { CallContext, QueryValue, SensayClient } from '../upstream/sensay-client.js'

const tags = ['Replicas']

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value)

// Each listed replica is checked on its own: one malformed item is left out, not the whole list a 502.
const ajv = createAjv({ coerceTypes: false, removeAdditional: false, useDefaults: false, addUsedSchema: false })
const isReplicaView = ajv.compile(ReplicaView)

/**
 * A listed replica as the contract reads it: a `private` that is not a
 * boolean counts as private (and is served as `true`); an item that still
 * does not fit the replica's schema is left out (the caller learns the count
 * from the log, not the data).
 */
function listedReplica (item: Record<string, unknown>): Record<string, unknown> | undefined {
  const replica = item.private === undefined || typeof item.private === 'boolean' ? item : { ...item, private: true }
  return isReplicaView(replica) ? replica : undefined
}

/**
 * Sensay's slug conflict names the slug and says it exists, which confirms a
 * private replica's slug to anyone who guesses it: the client hears only that
 * the slug cannot be used.
 */
async function slugConflictsHidden<T> (call: Promise<T>): Promise<T> {
  try {
    return await call
  } catch (err) {
    if (err instanceof AppError && err.statusCode === 409) {
      throw new AppError(409, 'SLUG_UNAVAILABLE', 'This slug is unavailable; choose another.', { cause: err })
    }
    throw err
  }
}

/**
 * Who the new replica belongs to. A user creates for themselves (`ownerID`,
 * when sent, must name them); an admin key names an existing Sensay user.
 */
async function ownerForCreate (identity: Identity, ownerID: string | undefined, sensay: SensayClient, ctx: CallContext): Promise<string> {
  if (identity.kind !== 'admin') {
    const user = requireUser(identity)
    if (ownerID !== undefined && ownerID !== user.userId) throw errors.forbiddenField('body', 'ownerID', 'must be your own user id')
    return user.userId
  }
  if (ownerID === undefined) throw errors.invalidField('body', 'ownerID', 'is required with an admin key (the replica needs an owner)')
  await ifMissing(sensay.json({ method: 'GET', path: `/v1/users/${encodeURIComponent(ownerID)}` }, ctx), () => { throw errors.invalidField('body', 'ownerID', 'names no existing user') })
  return ownerID
}

export interface ListedReplica {
  /** The replica as listed (checked against the replica schema). */
  replica: ReplicaViewT
  /** What the caller is shown of it. */
  view: ReplicaViewT
}

/**
 * One page of Sensay's replica list, as the caller may see it. Sensay already
 * lists only public and own replicas for X-USER-ID; each item is checked again
 * here, so that an upstream change (or an owner filter) cannot list another
 * user's private replica. `listed` is how many items upstream sent (for paging).
 */
export async function visibleReplicas (app: FastifyInstance, request: FastifyRequest, query: Record<string, QueryValue>, ctx: CallContext): Promise<{ body: ReplicaListResponseT, shown: ListedReplica[], listed: number }> {
  const identity = request.identity!
  const { body } = await app.sensay.json<ReplicaListResponseT>({ method: 'GET', path: '/v1/replicas', userId: upstreamUserId(identity), query }, ctx)
  const items: unknown[] = body.items
  if (!Array.isArray(items)) {
    throw errors.upstreamError({ cause: new Error('GET /v1/replicas: upstream items is not a list') })
  }
  const shown: ListedReplica[] = []
  let malformed = 0
  for (const item of items) {
    const replica = isObject(item) ? listedReplica(item as Record<string, unknown>) as ReplicaViewT | undefined : undefined
    if (replica === undefined) malformed++
    else if (ReplicaAccess.canSee(identity, replica)) shown.push({ replica, view: ReplicaAccess.project(identity, replica) })
  }
  if (malformed > 0) request.log.warn({ ...requestFields(request), route: 'GET /v1/replicas', malformed }, 'upstream listed replicas that do not fit the replica schema: left out')
  return { body, shown, listed: items.length }
}

export const replicasRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const access = app.replicaAccess

  app.get('/replicas', {
    schema: { tags, summary: 'Replicas the caller may see', querystring: ReplicaListQuery, response: { 200: ReplicaListResponse, ...errorResponses } }
  }, async (request) => {
    const { body, shown } = await visibleReplicas(app, request, request.query, callContext(request))
    return { ...body, items: shown.map((entry) => entry.view) }
  })

  app.post('/replicas', {
    schema: { tags, summary: 'Create a replica owned by the caller', body: ReplicaCreateInput, response: { 201: ReplicaCreatedResponse, ...errorResponses } }
  }, async (request, reply) => {
    const identity = request.identity!
    const ownerID = await ownerForCreate(identity, request.body.ownerID, app.sensay, callContext(request))
    const { body } = await slugConflictsHidden(app.sensay.json<ReplicaCreatedResponseT>({
      method: 'POST', path: '/v1/replicas', userId: upstreamUserId(identity), body: { ...declaredOnly(ReplicaCreateInput, request.body), ownerID }
    }, callContext(request)))
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
    schema: { tags, summary: 'Replace a replica (owner or admin)', params: ReplicaParams, body: ReplicaReplaceInput, response: { 200: SuccessOnly, ...errorResponses } }
  }, async (request) => {
    const identity = request.identity!
    const { replicaUUID } = request.params
    const replica = await access.owned(identity, replicaUUID, callContext(request))
    // Sensay's PUT replaces the whole replica; the owner never changes here.
    if (request.body.ownerID !== undefined && request.body.ownerID !== replica.ownerID) {
      throw errors.forbiddenField('body', 'ownerID', 'must be the replica\'s current owner (ownership is not transferred)')
    }
    // Dropped before and after the write: a lookup racing the change must not cache the old state.
    access.invalidate(replicaUUID)
    try {
      const { body } = await slugConflictsHidden(app.sensay.json<{ success: boolean }>({
        method: 'PUT', path: `/v1/replicas/${replicaUUID}`, userId: upstreamUserId(identity), body: { ...request.body, ownerID: replica.ownerID }
      }, callContext(request)))
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
    access.invalidate(replicaUUID)
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
