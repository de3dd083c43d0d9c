import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { EmuContext } from '../context.js'
import type { EmuUser } from '../state.js'

export function userRoutes (app: FastifyInstance, { state, sendError, requireUser }: EmuContext): void {
  app.post('/v1/users', async (request, reply) => {
    const body = request.body as { id?: string, name?: string, email?: string, linkedAccounts?: EmuUser['linkedAccounts'] }
    const id = body.id ?? randomUUID()
    if (state.users.has(id)) return sendError(request, reply, 409, `User ${id} already exists`, 'USER_ALREADY_EXISTS')
    const user = state.addUser(id, { name: body.name, email: body.email, linkedAccounts: body.linkedAccounts ?? [] })
    return { success: true, ...user }
  })
  app.get('/v1/users/me', async (request, reply) => {
    const id = requireUser(request, reply)
    if (!id) return reply
    return { success: true, ...state.users.get(id) }
  })
  app.get('/v1/users/:userID', async (request, reply) => {
    const { userID } = request.params as { userID: string }
    const user = state.users.get(userID)
    if (!user) return sendError(request, reply, 404, `User ${userID} not found`, 'USER_NOT_FOUND')
    return { success: true, ...user }
  })
  app.put('/v1/users/me', async (request, reply) => {
    const id = requireUser(request, reply)
    if (!id) return reply
    const body = request.body as { id: string, name?: string, email?: string }
    const user = state.users.get(id)!
    if (body.name !== undefined) user.name = body.name
    if (body.email !== undefined) user.email = body.email
    return { success: true, ...user }
  })
  app.delete('/v1/users/me', async (request, reply) => {
    const id = requireUser(request, reply)
    if (!id) return reply
    state.users.delete(id)
    return reply.code(204).send()
  })
  app.get('/v1/users/me/usage', async (request, reply) => {
    const id = requireUser(request, reply)
    if (!id) return reply
    const owned = [...state.replicas.values()].filter((r) => r.ownerID === id)
    const byReplica = Object.fromEntries(owned.map((r) => [r.uuid, [...state.conversations.values()].filter((c) => c.replicaUUID === r.uuid).length]))
    const kbByReplica = Object.fromEntries(owned.map((r) => [r.uuid, [...state.knowledge.values()].filter((k) => k.replicaUUID === r.uuid).length]))
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0)
    return {
      success: true,
      conversations: { currentMonthTotal: sum(byReplica), currentMonthByReplica: byReplica },
      knowledgeBaseEntries: { total: sum(kbByReplica), byReplica: kbByReplica }
    }
  })
}
