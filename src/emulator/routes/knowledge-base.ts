import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { EmuContext } from '../context.js'
import { pageOf } from '../context.js'
import type { EmuKnowledge } from '../state.js'
import { knowledgeItem } from '../views.js'

const FILE_TYPES = [
  { label: 'Documents', mediaType: 'document', fileTypes: [{ mimeTypes: ['application/pdf'], extensions: ['pdf'], supportLevel: 'production' }, { mimeTypes: ['text/plain'], extensions: ['txt'], supportLevel: 'production' }] },
  { label: 'Images', mediaType: 'image', limitation: 'Text in images is read; pictures are described.', fileTypes: [{ mimeTypes: ['image/png'], extensions: ['png'], supportLevel: 'preview' }] }
]

export function knowledgeBaseRoutes (app: FastifyInstance, ctx: EmuContext): void {
  const { state, settings, sendError, replicaOf } = ctx

  const list = (entries: EmuKnowledge[], q: { status?: string[], type?: string[], page?: string, pageSize?: string }) => {
    let items = entries.map((k) => knowledgeItem(k, settings.knowledgeStepMs, false))
    if (q.status) items = items.filter((i) => q.status!.includes(i.status as string))
    if (q.type) items = items.filter((i) => q.type!.includes(i.type as string))
    return { success: true, items: pageOf(items, q.page, q.pageSize), total: items.length }
  }

  app.post('/v1/replicas/:replicaUUID/knowledge-base', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const body = request.body as { text?: string, url?: string, filename?: string, title?: string }
    if (body.url && [...state.knowledge.values()].some((k) => k.replicaUUID === replica.uuid && k.url === body.url)) {
      return sendError(request, reply, 409, 'URL already exists in the knowledge base', 'KNOWLEDGE_BASE_URL_EXISTS')
    }
    const type = body.url ? (/youtu\.?be/.test(body.url) ? 'youtube' : 'website') : body.filename ? 'file' : 'text'
    const entry = state.addKnowledge({ replicaUUID: replica.uuid, type, title: body.title, url: body.url, filename: body.filename, rawText: body.text })
    const result: Record<string, unknown> = { type, enqueued: true, knowledgeBaseID: entry.id }
    if (type === 'file') result.signedURL = `${ctx.url()}/uploads/${entry.id}`
    return reply.code(207).send({ success: true, results: [result] })
  })
  // Where a file entry's signed URL points: the upload itself.
  app.put('/uploads/:id', async (request, reply) => {
    const entry = state.knowledge.get(Number((request.params as { id: string }).id))
    if (!entry) return reply.code(404).send()
    entry.uploaded = true
    entry.createdAtMs = Date.now()
    return reply.code(200).send()
  })
  app.get('/v1/replicas/:replicaUUID/knowledge-base', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    return list([...state.knowledge.values()].filter((k) => k.replicaUUID === replica.uuid), request.query as Record<string, never>)
  })
  const entryOf = (request: FastifyRequest, reply: FastifyReply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return undefined
    const id = Number((request.params as { knowledgeBaseID: string }).knowledgeBaseID)
    const entry = state.knowledge.get(id)
    if (!entry || (settings.checksPairs && entry.replicaUUID !== replica.uuid)) {
      sendError(request, reply, 404, 'Knowledge base entry not found')
      return undefined
    }
    return entry
  }
  const update = (entry: EmuKnowledge, body: { title?: string, rawText?: string, summary?: string, status?: string }) => {
    const { status, ...fields } = body
    Object.assign(entry, fields, { updatedAtMs: Date.now() })
    // Retrain: processing starts over.
    if (status === 'NEW') entry.createdAtMs = Date.now()
  }
  // One entry, read, changed or deleted: under its replica's path, or by id alone (org-wide).
  const entryRoutes = (path: string, find: (request: FastifyRequest, reply: FastifyReply) => EmuKnowledge | undefined) => {
    app.get(path, async (request, reply) => {
      const entry = find(request, reply)
      return entry ? { ...knowledgeItem(entry, settings.knowledgeStepMs, true), success: true } : reply
    })
    app.patch(path, async (request, reply) => {
      const entry = find(request, reply)
      if (!entry) return reply
      update(entry, request.body as Record<string, string>)
      return { success: true }
    })
    app.delete(path, async (request, reply) => {
      const entry = find(request, reply)
      if (!entry) return reply
      state.knowledge.delete(entry.id)
      return { success: true }
    })
  }
  entryRoutes('/v1/replicas/:replicaUUID/knowledge-base/:knowledgeBaseID', entryOf)

  // The organization-wide routes (hidden in Sensay's document; Sensay's CLI uses them).
  app.get('/v1/knowledge-base/file-types', async () => ({ success: true, mediaGroups: FILE_TYPES }))
  app.get('/v1/knowledge-base', async (request) => list([...state.knowledge.values()], request.query as Record<string, never>))
  const byId = (request: FastifyRequest, reply: FastifyReply) => {
    const entry = state.knowledge.get(Number((request.params as { knowledgeBaseID: string }).knowledgeBaseID))
    if (!entry) sendError(request, reply, 404, 'Knowledge base entry not found')
    return entry
  }
  entryRoutes('/v1/knowledge-base/:knowledgeBaseID', byId)
}
