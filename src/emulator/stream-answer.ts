import { randomUUID } from 'node:crypto'
import type { EventEmitter } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Fault } from './context.js'

export interface StreamSettings {
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
export async function streamAnswer (request: FastifyRequest, reply: FastifyReply, text: string, settings: StreamSettings, events: EventEmitter) {
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
