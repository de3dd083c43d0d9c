import type { FastifyInstance } from 'fastify'
import type { EmuContext } from '../context.js'
import { pageOf } from '../context.js'
import type { EmuReplica } from '../state.js'
import { replicaListItem, replicaView } from '../views.js'

export function replicaRoutes (app: FastifyInstance, { state, sendError, userOf, replicaOf }: EmuContext): void {
  app.get('/v1/replicas', async (request) => {
    const q = request.query as Record<string, string | string[] | undefined>
    const userId = userOf(request)
    let items = [...state.replicas.values()].filter((r) => userId === undefined || !r.private || r.ownerID === userId)
    if (typeof q.slug === 'string') items = items.filter((r) => r.slug === q.slug)
    if (typeof q.search === 'string') { const s = q.search.toLowerCase(); items = items.filter((r) => r.name.toLowerCase().includes(s)) }
    if (q.tags !== undefined) { const tags = ([] as string[]).concat(q.tags); items = items.filter((r) => tags.every((t) => r.tags.includes(t))) }
    const owner = q.ownerID ?? q.owner_uuid
    if (typeof owner === 'string') items = items.filter((r) => r.ownerID === owner)
    items.sort((a, b) => a.name.localeCompare(b.name))
    return { success: true, type: 'array', items: pageOf(items, q.page ?? q.page_index, q.page_size).map((r) => replicaListItem(r, state)), total: items.length }
  })
  app.post('/v1/replicas', async (request, reply) => {
    const body = request.body as Partial<EmuReplica> & { ownerID: string, name: string, slug: string }
    if (!state.users.has(body.ownerID)) return sendError(request, reply, 404, `Owner ${body.ownerID} not found`, 'USER_NOT_FOUND')
    if ([...state.replicas.values()].some((r) => r.slug === body.slug)) return sendError(request, reply, 409, `Slug ${body.slug} is already taken`, 'SLUG_ALREADY_EXISTS')
    const replica = state.addReplica(body)
    return reply.code(201).send({ success: true, uuid: replica.uuid })
  })
  app.get('/v1/replicas/:replicaUUID', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    return { ...replicaView(replica), success: true }
  })
  app.put('/v1/replicas/:replicaUUID', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const body = request.body as Partial<EmuReplica>
    if (body.slug !== replica.slug && [...state.replicas.values()].some((r) => r.slug === body.slug)) {
      return sendError(request, reply, 409, `Slug ${body.slug} is already taken`, 'SLUG_ALREADY_EXISTS')
    }
    Object.assign(replica, body, { llm: { ...replica.llm, ...body.llm }, uuid: replica.uuid })
    return { success: true }
  })
  app.delete('/v1/replicas/:replicaUUID', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    state.replicas.delete(replica.uuid)
    return { success: true }
  })
  // Telegram integration: one per replica.
  app.post('/v1/replicas/:replicaUUID/integrations/telegram', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    if (replica.telegram) return sendError(request, reply, 409, 'The replica already has a Telegram integration', 'TELEGRAM_INTEGRATION_EXISTS')
    const { mention } = request.body as { mention: string }
    replica.telegram = { id: state.nextId(), mention }
    return { success: true, id: replica.telegram.id }
  })
  app.delete('/v1/replicas/:replicaUUID/integrations/telegram', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    if (!replica.telegram) return sendError(request, reply, 404, 'The replica has no Telegram integration')
    delete replica.telegram
    return { success: true }
  })
}
