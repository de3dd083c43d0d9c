import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { processDataStream } from '@ai-sdk/ui-utils'
import { parseJsonEventStream, readUIMessageStream, uiMessageChunkSchema, type UIMessage, type UIMessageChunk } from 'ai'
import { startHarness, type Harness } from '../helpers/harness.js'
import type { EmuReplica } from '../../src/emulator/state.js'

// The BFF's streams, parsed by the Vercel AI SDK's own client code for each protocol.
let h: Harness
let base: string
let replica: EmuReplica
let headers: Record<string, string>

beforeAll(async () => {
  h = await startHarness({ emulator: { streamChunkDelayMs: 1 } })
  h.emu.state.addUser('bob')
  replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Compat' })
  base = await h.app.listen({ host: '127.0.0.1', port: 0 })
  headers = { ...(await h.as('sdk-user')), accept: 'text/event-stream', 'content-type': 'application/json' }
})
afterAll(async () => h.close())

async function chatStream (content: string) {
  const res = await request(`${base}/v1/replicas/${replica.uuid}/chat/completions`, { method: 'POST', headers, body: JSON.stringify({ content }) })
  expect(res.statusCode).toBe(200)
  return { res, web: Readable.toWeb(res.body) as unknown as ReadableStream<Uint8Array> }
}

describe('Vercel AI SDK clients', () => {
  it('v4 data stream: processDataStream gets the full text and the finish', async () => {
    h.emu.options.streamFormat = 'v4'
    const { res, web } = await chatStream('Hello SDK v4')
    expect(res.headers['x-vercel-ai-data-stream']).toBe('v1')
    let text = ''
    let finishReason: string | undefined
    await processDataStream({
      stream: web,
      onTextPart: (part) => { text += part },
      onFinishMessagePart: (part) => { finishReason = part.finishReason }
    })
    expect(text).toBe('Hi, I am Compat. You asked: "Hello SDK v4". This answer comes from the Sensay emulator.')
    expect(finishReason).toBe('stop')
  })

  it('v5 UI message stream: readUIMessageStream builds the full message', async () => {
    h.emu.options.streamFormat = 'v5'
    const { res, web } = await chatStream('Hello SDK v5')
    expect(res.headers['x-vercel-ai-ui-message-stream']).toBe('v1')
    expect(res.headers['content-type']).toBe('text/event-stream')
    const chunks = parseJsonEventStream({ stream: web as unknown as WebReadableStream<Uint8Array> as never, schema: uiMessageChunkSchema })
      .pipeThrough(new TransformStream({
        transform (part, controller) {
          if (!part.success) throw part.error
          controller.enqueue(part.value as UIMessageChunk)
        }
      }))
    let last: UIMessage | undefined
    for await (const message of readUIMessageStream({ stream: chunks })) last = message
    const text = last?.parts.filter((p) => p.type === 'text').map((p) => (p as { text: string }).text).join('')
    expect(text).toBe('Hi, I am Compat. You asked: "Hello SDK v5". This answer comes from the Sensay emulator.')
  })

  it('v4: an upstream reset surfaces as an SDK error part, not a hang', async () => {
    h.emu.options.streamFormat = 'v4'
    h.emu.faults.push({ path: `/v1/replicas/${replica.uuid}/chat/completions`, streamResetAfter: 2 })
    const { web } = await chatStream('break please')
    const errors: string[] = []
    await processDataStream({ stream: web, onErrorPart: (message) => { errors.push(message) } })
    expect(errors).toEqual(['The Sensay API stream broke off.'])
  })

  it('v5: an upstream reset surfaces as an SDK error chunk', async () => {
    h.emu.options.streamFormat = 'v5'
    h.emu.faults.push({ path: `/v1/replicas/${replica.uuid}/chat/completions`, streamResetAfter: 2 })
    const { web } = await chatStream('break please')
    const types: string[] = []
    const reader = parseJsonEventStream({ stream: web as never, schema: uiMessageChunkSchema }).getReader()
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      if (next.value.success) types.push(next.value.value.type)
    }
    expect(types.at(-1)).toBe('error')
  })
})
