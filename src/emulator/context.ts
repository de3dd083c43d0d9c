import { randomUUID } from 'node:crypto'
import type { EventEmitter } from 'node:events'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { EmulatorState, EmuReplica } from './state.js'

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
  /** A raw answer body written as it is (with `status`, default 200, and `headers`): a hostile stream. */
  streamBody?: string | Buffer
  /** Write `streamBody` in pieces of this many bytes, each on its own tick. */
  chunkBytes?: number
  /** And wait this long between pieces (a trickling answer). */
  chunkDelayMs?: number
  times?: number
}

export interface EmulatorSettings {
  streamChunkDelayMs: number
  knowledgeStepMs: number
  latencyMs: number
  streamFormat: 'v4' | 'v5'
  streamBytes?: number
  streamChunks?: number
  checksPairs: boolean
}

/** What every resource's routes share: the state, the settings and Sensay's ways of answering. */
export interface EmuContext {
  state: EmulatorState
  settings: EmulatorSettings
  events: EventEmitter
  faultOf: WeakMap<FastifyRequest, Fault>
  /** The emulator's own address (for signed upload URLs). */
  url: () => string
  sendError: (request: FastifyRequest, reply: FastifyReply, status: number, error: string, errorCode?: string) => FastifyReply
  userOf: (request: FastifyRequest) => string | undefined
  /** The X-USER-ID, or a 401 sent (undefined). */
  requireUser: (request: FastifyRequest, reply: FastifyReply) => string | undefined
  /** The path's replica, or a 400/404 sent (undefined). */
  replicaOf: (request: FastifyRequest, reply: FastifyReply) => EmuReplica | undefined
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Sensay's error shape; 500s carry an inner_exception, as the real one does. */
export function sendSensayError (request: FastifyRequest, reply: FastifyReply, status: number, error: string, errorCode?: string, extra: Record<string, unknown> = {}): FastifyReply {
  const body: Record<string, unknown> = { success: false, error, request_id: request.id, fingerprint: randomUUID().replace(/-/g, ''), ...extra }
  if (errorCode) body.error_code = errorCode
  if (status >= 500 && !('inner_exception' in body)) {
    body.inner_exception = { name: 'Error', message: 'emulated failure', stack: 'Error: emulated failure\n    at handler (/srv/app/replicas.ts:42:7)' }
  }
  return reply.code(status).send(body)
}

export function createContext (state: EmulatorState, settings: EmulatorSettings, events: EventEmitter, faultOf: WeakMap<FastifyRequest, Fault>, url: () => string): EmuContext {
  const userOf = (request: FastifyRequest): string | undefined => {
    const id = request.headers['x-user-id']
    return typeof id === 'string' ? id : undefined
  }
  return {
    state,
    settings,
    events,
    faultOf,
    url,
    sendError: (request, reply, status, error, errorCode) => sendSensayError(request, reply, status, error, errorCode),
    userOf,
    requireUser: (request, reply) => {
      const id = userOf(request)
      if (!id) sendSensayError(request, reply, 401, 'This endpoint requires X-USER-ID', 'UNAUTHORIZED')
      return id
    },
    replicaOf: (request, reply) => {
      const { replicaUUID } = request.params as { replicaUUID: string }
      if (!UUID.test(replicaUUID)) {
        sendSensayError(request, reply, 400, 'replicaUUID must be a UUID', 'VALIDATION_ERROR')
        return undefined
      }
      const replica = state.replicas.get(replicaUUID.toLowerCase())
      if (!replica) sendSensayError(request, reply, 404, 'Replica not found')
      return replica
    }
  }
}

/** A page of a list, as Sensay's `page`/`pageSize` (or `page_index`/`page_size`) read it. */
export function pageOf<T> (items: T[], page: unknown, size: unknown, defaultSize = 24): T[] {
  const p = Math.max(1, Number(page ?? 1) || 1)
  const s = Math.max(1, Number(size ?? defaultSize) || defaultSize)
  return items.slice((p - 1) * s, p * s)
}
