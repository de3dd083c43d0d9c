import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { EmulatorState, type EmuReplica } from './state.js'
import { SensayOpenApi, describeErrors } from './openapi.js'
import { conversationItem, historyItem, knowledgeItem, messageItem, replicaListItem, replicaView } from './views.js'

/** One request as the emulator received it: what tests assert "reached upstream". */
export interface RecordedCall {
  method: string
  path: string
  query: string
  headers: Record<string, string | string[] | undefined>
  body?: unknown
}

/** Fault injection: the next matching call(s) get a status, a delay or a dropped connection. */
export interface Fault {
  method?: string
  path?: string | RegExp
  status?: number
  body?: Record<string, unknown>
  /** A raw body sent as application/json, for malformed answers. */
  raw?: string
  headers?: Record<string, string>
  delayMs?: number
  drop?: boolean
  /** On a streamed chat: reset the connection after this many text chunks. */
  streamResetAfter?: number
  /** On a streamed chat: stop writing (without ending) after this many text chunks. */
  streamStallAfter?: number
  times?: number
}

export interface EmulatorOptions {
  organizationSecret: string
  /** Delay between streamed chunks. */
  streamChunkDelayMs?: number
  /** Knowledge-base status moves one step per this many ms. */
  knowledgeStepMs?: number
  /** Added to every call (except the healthcheck). */
  latencyMs?: number
  /** AI SDK stream protocol: v4 data stream (`0:"text"`) or v5 UI message stream (SSE). */
  streamFormat?: 'v4' | 'v5'
  /** When set, a streamed answer is this many bytes of text, written as fast as the reader takes it. */
  streamBytes?: number
  /** When set, a streamed answer is this many short text parts (one per chunk delay): a long LLM answer. */
  streamChunks?: number
  /** Whether a knowledge-base entry or conversation must belong to the replica in the path (default true); false plays an upstream that does not check. */
  checksPairs?: boolean
  host?: string
  port?: number
  logger?: boolean
  /** Keep every call in `calls` (tests); off for benchmarks, where it would only grow. */
  recordCalls?: boolean
}

export interface Emulator {
  url: string
  state: EmulatorState
  calls: RecordedCall[]
  faults: Fault[]
  events: EventEmitter
  /** Settings tests may change while the emulator runs. */
  options: Required<Pick<EmulatorOptions, 'streamChunkDelayMs' | 'knowledgeStepMs' | 'latencyMs' | 'streamFormat' | 'checksPairs'>> & { streamBytes?: number, streamChunks?: number }
  /** Calls matching a method and a path (string: exact; RegExp: test). */
  callsTo: (method: string, path: string | RegExp) => RecordedCall[]
  close: () => Promise<void>
  app: FastifyInstance
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function pathMatches (pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true
  return typeof pattern === 'string' ? pattern === path : pattern.test(path)
}

function fingerprint (): string {
  return randomUUID().replace(/-/g, '')
}

/** Sensay's error shape; 500s carry an inner_exception, as the real one does. */
function sendSensayError (request: FastifyRequest, reply: FastifyReply, status: number, error: string, errorCode?: string, extra: Record<string, unknown> = {}) {
  const body: Record<string, unknown> = { success: false, error, request_id: request.id, fingerprint: fingerprint(), ...extra }
  if (errorCode) body.error_code = errorCode
  if (status >= 500 && !('inner_exception' in body)) {
    body.inner_exception = { name: 'Error', message: 'emulated failure', stack: 'Error: emulated failure\n    at handler (/srv/app/replicas.ts:42:7)' }
  }
  return reply.code(status).send(body)
}

function replyText (replica: EmuReplica, content: string): string {
  const question = content.length > 80 ? `${content.slice(0, 77)}...` : content
  return `Hi, I am ${replica.name}. You asked: "${question}". This answer comes from the Sensay emulator.`
}

/**
 * `EMULATOR_STREAM_FORMAT`: which AI SDK stream protocol the emulator speaks.
 * v4 (the data stream) by default: it is what Sensay documented for API
 * version 2025-03-25. Tests switch `options.streamFormat` per request.
 */
export function streamFormatFrom (value: string | undefined): 'v4' | 'v5' {
  if (value === undefined || value === '' || value === 'v4') return 'v4'
  if (value === 'v5') return 'v5'
  throw new Error(`EMULATOR_STREAM_FORMAT must be v4 or v5, not ${JSON.stringify(value)}`)
}

/** A Sensay API stand-in: a real HTTP server, faithful to spec/sensay-openapi.json. */
export async function startEmulator (options: EmulatorOptions): Promise<Emulator> {
  const spec = new SensayOpenApi()
  const state = new EmulatorState()
  const calls: RecordedCall[] = []
  const faults: Fault[] = []
  const events = new EventEmitter()
  const settings = {
    streamChunkDelayMs: options.streamChunkDelayMs ?? 5,
    knowledgeStepMs: options.knowledgeStepMs ?? 50,
    latencyMs: options.latencyMs ?? 0,
    streamFormat: options.streamFormat ?? 'v4',
    streamBytes: options.streamBytes,
    streamChunks: options.streamChunks,
    checksPairs: options.checksPairs ?? true
  }
  const faultOf = new WeakMap<FastifyRequest, Fault>()

  const app = Fastify({
    logger: options.logger ?? false,
    forceCloseConnections: true,
    genReqId: () => `emu::${randomUUID()}`,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array' } }
  })

  app.setErrorHandler((err: FastifyError, request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500
    return sendSensayError(request, reply, status, status >= 500 ? 'Internal server error' : err.message)
  })
  app.setNotFoundHandler((request, reply) => sendSensayError(request, reply, 404, 'Not found'))

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
    const path = request.url.split('?')[0] ?? ''
    if (options.recordCalls !== false) calls.push({ method: request.method, path, query: request.url.slice(path.length + 1), headers: { ...request.headers } })
    events.emit('request', request)
    const index = faults.findIndex((f) => (f.method === undefined || f.method === request.method) && pathMatches(f.path, path))
    const fault = index >= 0 ? faults[index] : undefined
    if (fault) {
      fault.times = (fault.times ?? 1) - 1
      if (fault.times <= 0) faults.splice(index, 1)
      faultOf.set(request, fault)
    }
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) events.emit('request-closed', { method: request.method, path })
    })
    const delay = (path === '/v1/healthcheck' ? 0 : settings.latencyMs) + (fault?.delayMs ?? 0)
    if (delay > 0) await sleep(delay)
    if (fault?.drop) {
      reply.hijack()
      request.raw.socket.destroy()
      return reply
    }
    if (fault?.status) {
      reply.headers(fault.headers ?? {})
      if (fault.raw !== undefined) return reply.code(fault.status).type('application/json').send(fault.raw)
      if (fault.body) return reply.code(fault.status).send(fault.body)
      return sendSensayError(request, reply, fault.status, fault.status >= 500 ? 'Internal server error' : 'Injected failure', fault.status === 429 ? 'CONVERSATION_QUOTA_EXCEEDED' : undefined)
    }
    if (path === '/v1/healthcheck') return
    if (request.headers['x-organization-secret'] !== options.organizationSecret) {
      return sendSensayError(request, reply, 401, 'Invalid organization secret', 'UNAUTHORIZED')
    }
    const userId = request.headers['x-user-id']
    if (typeof userId === 'string' && !state.users.has(userId)) {
      return sendSensayError(request, reply, 404, `User ${userId} not found`, 'USER_NOT_FOUND')
    }
  })

  // Every JSON body is checked against Sensay's own request schema.
  app.addHook('preValidation', async (request, reply) => {
    const last = calls[calls.length - 1]
    if (last && request.body !== undefined && options.recordCalls !== false) last.body = request.body
    const template = request.routeOptions.url
    if (!template || request.body === undefined) return
    const validate = spec.requestValidator(request.method, template.replace(/:(\w+)/g, '{$1}'))
    if (validate && !validate(request.body)) {
      return sendSensayError(request, reply, 400, `Invalid request body: ${describeErrors(validate)}`, 'VALIDATION_ERROR')
    }
  })

  const userOf = (request: FastifyRequest): string | undefined => {
    const id = request.headers['x-user-id']
    return typeof id === 'string' ? id : undefined
  }
  const requireUser = (request: FastifyRequest, reply: FastifyReply): string | undefined => {
    const id = userOf(request)
    if (!id) sendSensayError(request, reply, 401, 'This endpoint requires X-USER-ID', 'UNAUTHORIZED')
    return id
  }
  const replicaOf = (request: FastifyRequest, reply: FastifyReply): EmuReplica | undefined => {
    const { replicaUUID } = request.params as { replicaUUID: string }
    if (!UUID.test(replicaUUID)) {
      sendSensayError(request, reply, 400, 'replicaUUID must be a UUID', 'VALIDATION_ERROR')
      return undefined
    }
    const replica = state.replicas.get(replicaUUID.toLowerCase())
    if (!replica) sendSensayError(request, reply, 404, 'Replica not found')
    return replica
  }

  app.get('/v1/healthcheck', async () => ({
    success: true,
    time: Date.now(),
    services: Object.fromEntries(['supabase', 'qdrant', 'rabbitmq', 'vercel_kv'].map((s) => [s, { status: 200, message: 'ok' }]))
  }))

  // Users
  app.post('/v1/users', async (request, reply) => {
    const body = request.body as { id?: string, name?: string, email?: string }
    const id = body.id ?? randomUUID()
    if (state.users.has(id)) return sendSensayError(request, reply, 409, `User ${id} already exists`, 'USER_ALREADY_EXISTS')
    const user = state.addUser(id, { name: body.name, email: body.email })
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
    if (!user) return sendSensayError(request, reply, 404, `User ${userID} not found`, 'USER_NOT_FOUND')
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

  // Replicas
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
    const page = Math.max(1, Number(q.page ?? q.page_index ?? 1) || 1)
    const size = Math.max(1, Number(q.page_size ?? 24) || 24)
    return { success: true, type: 'array', items: items.slice((page - 1) * size, page * size).map((r) => replicaListItem(r, state)), total: items.length }
  })
  app.post('/v1/replicas', async (request, reply) => {
    const body = request.body as Partial<EmuReplica> & { ownerID: string, name: string, slug: string }
    if (!state.users.has(body.ownerID)) return sendSensayError(request, reply, 404, `Owner ${body.ownerID} not found`, 'USER_NOT_FOUND')
    if ([...state.replicas.values()].some((r) => r.slug === body.slug)) return sendSensayError(request, reply, 409, `Slug ${body.slug} is already taken`, 'SLUG_ALREADY_EXISTS')
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
      return sendSensayError(request, reply, 409, `Slug ${body.slug} is already taken`, 'SLUG_ALREADY_EXISTS')
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

  // Chat
  app.post('/v1/replicas/:replicaUUID/chat/completions', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const body = request.body as { content: string, skip_chat_history?: boolean, source?: string }
    const userId = userOf(request) ?? replica.ownerID
    const source = body.source ?? 'web'
    const text = replyText(replica, body.content)
    if (!body.skip_chat_history) {
      state.addMessage(replica, userId, source, 'user', body.content)
      state.addMessage(replica, userId, source, 'assistant', text)
    }
    const accept = request.headers.accept ?? ''
    if (!accept.includes('text/event-stream')) return { success: true, content: text }
    return streamAnswer(request, reply, text, { ...settings, fault: faultOf.get(request) }, events)
  })
  app.get('/v1/replicas/:replicaUUID/chat/history', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const userId = userOf(request)
    const items = state.messages.filter((m) => m.replicaUUID === replica.uuid && (userId === undefined || m.userId === userId))
    return { success: true, type: 'array', items: items.map(historyItem) }
  })

  // Knowledge base
  app.post('/v1/replicas/:replicaUUID/knowledge-base', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const body = request.body as { text?: string, url?: string, filename?: string, title?: string }
    if (body.url && [...state.knowledge.values()].some((k) => k.replicaUUID === replica.uuid && k.url === body.url)) {
      return sendSensayError(request, reply, 409, 'URL already exists in the knowledge base', 'KNOWLEDGE_BASE_URL_EXISTS')
    }
    const type = body.url ? (/youtu\.?be/.test(body.url) ? 'youtube' : 'website') : body.filename ? 'file' : 'text'
    const entry = state.addKnowledge({ replicaUUID: replica.uuid, type, title: body.title, url: body.url, filename: body.filename, rawText: body.text })
    const result: Record<string, unknown> = { type, enqueued: true, knowledgeBaseID: entry.id }
    if (type === 'file') result.signedURL = `${emulator.url}/uploads/${entry.id}`
    return reply.code(207).send({ success: true, results: [result] })
  })
  app.get('/v1/replicas/:replicaUUID/knowledge-base', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const q = request.query as { status?: string[], type?: string[], page?: string, pageSize?: string }
    let items = [...state.knowledge.values()].filter((k) => k.replicaUUID === replica.uuid).map((k) => knowledgeItem(k, settings.knowledgeStepMs, false))
    if (q.status) items = items.filter((i) => q.status!.includes(i.status as string))
    if (q.type) items = items.filter((i) => q.type!.includes(i.type as string))
    const page = Math.max(1, Number(q.page ?? 1) || 1)
    const size = Math.max(1, Number(q.pageSize ?? 24) || 24)
    return { success: true, items: items.slice((page - 1) * size, page * size), total: items.length }
  })
  const entryOf = (request: FastifyRequest, reply: FastifyReply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return undefined
    const id = Number((request.params as { knowledgeBaseID: string }).knowledgeBaseID)
    const entry = state.knowledge.get(id)
    if (!entry || (settings.checksPairs && entry.replicaUUID !== replica.uuid)) {
      sendSensayError(request, reply, 404, 'Knowledge base entry not found')
      return undefined
    }
    return entry
  }
  app.get('/v1/replicas/:replicaUUID/knowledge-base/:knowledgeBaseID', async (request, reply) => {
    const entry = entryOf(request, reply)
    if (!entry) return reply
    return { ...knowledgeItem(entry, settings.knowledgeStepMs, true), success: true }
  })
  app.patch('/v1/replicas/:replicaUUID/knowledge-base/:knowledgeBaseID', async (request, reply) => {
    const entry = entryOf(request, reply)
    if (!entry) return reply
    const body = request.body as { title?: string, rawText?: string, summary?: string }
    Object.assign(entry, body, { updatedAtMs: Date.now() })
    return { success: true }
  })
  app.delete('/v1/replicas/:replicaUUID/knowledge-base/:knowledgeBaseID', async (request, reply) => {
    const entry = entryOf(request, reply)
    if (!entry) return reply
    state.knowledge.delete(entry.id)
    return { success: true }
  })

  // Conversations: the owner (or the organization) sees all; another user only their own.
  app.get('/v1/replicas/:replicaUUID/conversations', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const userId = userOf(request)
    const items = [...state.conversations.values()]
      .filter((c) => c.replicaUUID === replica.uuid && (userId === undefined || userId === replica.ownerID || c.userId === userId))
    return { success: true, items: items.map((c) => conversationItem(c, state)), total: items.length }
  })
  app.get('/v1/replicas/:replicaUUID/conversations/:conversationUUID/messages', async (request, reply) => {
    const replica = replicaOf(request, reply)
    if (!replica) return reply
    const { conversationUUID } = request.params as { conversationUUID: string }
    const conversation = state.conversations.get(conversationUUID.toLowerCase())
    if (!conversation || (settings.checksPairs && conversation.replicaUUID !== replica.uuid)) return sendSensayError(request, reply, 404, 'Conversation not found')
    const limit = Number((request.query as { limit?: string }).limit ?? 20) || 20
    const items = state.messages.filter((m) => m.conversationUUID === conversation.uuid).slice(-limit)
    return { success: true, items: items.map(messageItem) }
  })

  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0, backlog: 4096 })
  const emulator: Emulator = {
    url: address.replace('[::1]', 'localhost'),
    state,
    calls,
    faults,
    events,
    options: settings,
    app,
    callsTo: (method, path) => calls.filter((c) => c.method === method && pathMatches(path, c.path)),
    close: () => app.close()
  }
  return emulator
}

interface StreamSettings {
  streamChunkDelayMs: number
  streamFormat: 'v4' | 'v5'
  streamBytes?: number
  streamChunks?: number
  fault?: Fault
}

/**
 * The AI SDK stream protocol, written over time: v4 data stream
 * (`0:"text"` lines) or v5 UI message stream (SSE `data:` events). It honours
 * backpressure, and emits events tests wait on: `chunk-written`,
 * `stream-blocked` (the reader is not keeping up) and `stream-closed`.
 */
async function streamAnswer (request: FastifyRequest, reply: FastifyReply, text: string, settings: StreamSettings, events: EventEmitter) {
  reply.hijack()
  const res = reply.raw
  const v4 = settings.streamFormat === 'v4'
  const messageId = `msg-${randomUUID()}`
  const kilobyte = 'x'.repeat(1024)
  const chunks = settings.streamBytes
    ? Array.from({ length: Math.ceil(settings.streamBytes / 1024) }, () => kilobyte)
    : settings.streamChunks
      ? Array.from({ length: settings.streamChunks }, (_, i) => `part${i} `)
      : text.split(/(?<= )/)
  let closed = false
  let bytes = 0
  res.on('close', () => {
    closed = true
    if (!res.writableFinished) events.emit('stream-closed', { aborted: true, bytes, request })
  })
  const write = async (data: string) => {
    bytes += Buffer.byteLength(data)
    if (!res.write(data) && !closed) {
      events.emit('stream-blocked', { bytes })
      await new Promise<void>((resolve) => {
        const done = () => { res.off('drain', done); res.off('close', done); resolve() }
        res.once('drain', done).once('close', done)
      })
    }
  }
  const usage = { promptTokens: 10, completionTokens: chunks.length }
  res.writeHead(200, v4
    ? { 'content-type': 'text/plain; charset=utf-8', 'x-vercel-ai-data-stream': 'v1', 'x-request-id': request.id }
    : { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1', 'x-request-id': request.id, 'cache-control': 'no-cache' })
  const sse = (obj: unknown) => `data: ${JSON.stringify(obj)}\n\n`
  await write(v4 ? `f:${JSON.stringify({ messageId })}\n` : sse({ type: 'start', messageId }) + sse({ type: 'text-start', id: '0' }))
  for (const [index, chunk] of chunks.entries()) {
    if (settings.streamChunkDelayMs > 0) await sleep(settings.streamChunkDelayMs)
    if (closed) return
    if (index === settings.fault?.streamResetAfter) return res.destroy()
    if (index === settings.fault?.streamStallAfter) return
    await write(v4 ? `0:${JSON.stringify(chunk)}\n` : sse({ type: 'text-delta', id: '0', delta: chunk }))
    events.emit('chunk-written', { index, total: chunks.length })
  }
  if (closed) return
  if (v4) {
    await write(`e:${JSON.stringify({ finishReason: 'stop', usage, isContinued: false })}\n`)
    res.end(`d:${JSON.stringify({ finishReason: 'stop', usage })}\n`)
  } else {
    res.end(sse({ type: 'text-end', id: '0' }) + sse({ type: 'finish' }) + 'data: [DONE]\n\n')
  }
  events.emit('stream-closed', { aborted: false, bytes, request })
}
