import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify'
import { EmulatorState } from './state.js'
import { SensayOpenApi, describeErrors } from './openapi.js'
import { createContext, sendSensayError, type Fault } from './context.js'
import { userRoutes } from './routes/users.js'
import { replicaRoutes } from './routes/replicas.js'
import { chatRoutes } from './routes/chat.js'
import { knowledgeBaseRoutes } from './routes/knowledge-base.js'
import { conversationRoutes } from './routes/conversations.js'

/** One request as the emulator received it: what tests assert "reached upstream". */
export interface RecordedCall {
  method: string
  path: string
  query: string
  headers: Record<string, string | string[] | undefined>
  body?: unknown
}

export type { Fault } from './context.js'

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

function pathMatches (pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true
  return typeof pattern === 'string' ? pattern === path : pattern.test(path)
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
  // Uploads to a signed URL carry the file's own type.
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))

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
    if (fault?.streamBody !== undefined) {
      reply.hijack()
      const res = reply.raw
      res.writeHead(fault.status ?? 200, { 'x-request-id': request.id, ...fault.headers })
      const body = Buffer.from(fault.streamBody)
      const size = fault.chunkBytes ?? Math.max(body.length, 1)
      for (let at = 0; at < body.length && !res.destroyed; at += size) {
        if (!res.write(body.subarray(at, at + size))) await new Promise((resolve) => res.once('drain', resolve))
        if (fault.chunkDelayMs !== undefined) await sleep(fault.chunkDelayMs)
        else if (fault.chunkBytes !== undefined) await new Promise((resolve) => setImmediate(resolve))
      }
      res.end()
      return reply
    }
    if (fault?.status) {
      reply.headers(fault.headers ?? {})
      if (fault.raw !== undefined) return reply.code(fault.status).type('application/json').send(fault.raw)
      if (fault.body) return reply.code(fault.status).send(fault.body)
      return sendSensayError(request, reply, fault.status, fault.status >= 500 ? 'Internal server error' : 'Injected failure', fault.status === 429 ? 'CONVERSATION_QUOTA_EXCEEDED' : undefined)
    }
    // The healthcheck is open; a signed upload URL carries its own authorization.
    if (path === '/v1/healthcheck' || path.startsWith('/uploads/')) return
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
    if (!template?.startsWith('/v1/') || request.body === undefined) return
    const validate = spec.requestValidator(request.method, template.replace(/:(\w+)/g, '{$1}'))
    if (validate && !validate(request.body)) {
      return sendSensayError(request, reply, 400, `Invalid request body: ${describeErrors(validate)}`, 'VALIDATION_ERROR')
    }
  })

  const ctx = createContext(state, settings, events, faultOf, () => emulator.url)
  app.get('/v1/healthcheck', async () => ({
    success: true,
    time: Date.now(),
    services: Object.fromEntries(['supabase', 'qdrant', 'rabbitmq', 'vercel_kv'].map((s) => [s, { status: 200, message: 'ok' }]))
  }))
  userRoutes(app, ctx)
  replicaRoutes(app, ctx)
  chatRoutes(app, ctx)
  knowledgeBaseRoutes(app, ctx)
  conversationRoutes(app, ctx)

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
