import { once } from 'node:events'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Agent, fetch as undiciFetch } from 'undici'
import { processDataStream } from '@ai-sdk/ui-utils'
import { DefaultChatTransport, readUIMessageStream, type UIMessage } from 'ai'
import { startHarness, UNKNOWN_UUID, type Harness } from '../helpers/harness.js'
import type { EmuReplica } from '../../src/emulator/state.js'

// The chat route as the AI SDK's `useChat` meets it: the SDK's own default
// transport and stream readers, pointed at the BFF over a real socket, with
// the emulator streaming either protocol. Nothing here parses by hand.

let h: Harness
let base: string
let replica: EmuReplica
let authorization: string

beforeAll(async () => {
  h = await startHarness({ emulator: { streamChunkDelayMs: 1 } })
  h.emu.state.addUser('bob')
  replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Compat' })
  base = await h.app.listen({ host: '127.0.0.1', port: 0 })
  authorization = (await h.as('sdk-user')).authorization!
})
// The page's connections: a browser closes them when the tab goes; here the agent is destroyed
// before the BFF closes, since an aborted fetch can leave a keep-alive socket the server waits on.
const browser = new Agent({ keepAliveTimeout: 1_000 })
const fetch = ((url: string, init?: RequestInit) => undiciFetch(url, { ...(init as object), dispatcher: browser })) as unknown as typeof globalThis.fetch
afterAll(async () => {
  await browser.destroy()
  await h.close()
})
beforeEach(() => { h.emu.calls.length = 0 })

const answer = (question: string) => `Hi, I am Compat. You asked: "${question}". This answer comes from the Sensay emulator.`

function userMessage (text: string, id = 'u1'): UIMessage {
  return { id, role: 'user', parts: [{ type: 'text', text }] }
}

/** What `useChat` does on send: the default transport, then the SDK's reader builds the message. */
async function sendWithUseChatTransport (messages: UIMessage[], options: { replicaUUID?: string, abort?: AbortController, onError?: (e: unknown) => void } = {}) {
  const transport = new DefaultChatTransport<UIMessage>({ api: `${base}/v1/replicas/${options.replicaUUID ?? replica.uuid}/chat/completions`, headers: { authorization }, fetch })
  const stream = await transport.sendMessages({ chatId: 'chat-1', messages, trigger: 'submit-message', messageId: undefined, abortSignal: options.abort?.signal })
  let last: UIMessage | undefined
  for await (const message of readUIMessageStream({ stream, onError: options.onError })) last = message
  return last
}

const textOf = (message: UIMessage | undefined) => message?.parts.filter((p) => p.type === 'text').map((p) => (p as { text: string }).text).join('')

describe.each(['v4', 'v5'] as const)('useChat (AI SDK 5+) with Sensay streaming %s', (format) => {
  beforeEach(() => { h.emu.options.streamFormat = format })

  it('streams the answer into one assistant message; only the last user text goes upstream, as source web', async () => {
    const history: UIMessage[] = [userMessage('first question', 'u0'), { id: 'a0', role: 'assistant', parts: [{ type: 'text', text: 'old answer' }] }, userMessage(`Hello ${format}`)]
    const message = await sendWithUseChatTransport(history)
    expect(message?.role).toBe('assistant')
    expect(textOf(message)).toBe(answer(`Hello ${format}`))
    const [call] = h.emu.callsTo('POST', `/v1/replicas/${replica.uuid}/chat/completions`)
    expect(call?.body).toEqual({ content: `Hello ${format}`, source: 'web' })
    expect(call?.headers.accept).toBe('text/event-stream')
  })

  it('surfaces a stream broken mid-way as an error, after the text that arrived', async () => {
    h.emu.faults.push({ path: `/v1/replicas/${replica.uuid}/chat/completions`, streamResetAfter: 3 })
    const errors: Error[] = []
    const message = await sendWithUseChatTransport([userMessage('break please')], { onError: (e) => errors.push(e as Error) })
    expect(errors.map((e) => e.message)).toEqual(['The Sensay API stream broke off.'])
    expect(textOf(message)?.length).toBeGreaterThan(0)
  })
})

describe('useChat (AI SDK 5+): errors and stop()', () => {
  it('a replica that does not exist: the transport throws with our 404 error text', async () => {
    const error = await sendWithUseChatTransport([userMessage('hi')], { replicaUUID: UNKNOWN_UUID }).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect(JSON.parse((error as Error).message)).toMatchObject({ success: false, status: 404, error_code: 'NOT_FOUND' })
    expect(h.emu.callsTo('POST', `/v1/replicas/${UNKNOWN_UUID}/chat/completions`)).toHaveLength(0)
  })

  it('a quota 429 from Sensay reaches the client with its status and code', async () => {
    h.emu.faults.push({ path: `/v1/replicas/${replica.uuid}/chat/completions`, status: 429 })
    const error = await sendWithUseChatTransport([userMessage('hi')]).catch((e: Error) => e)
    expect(JSON.parse((error as Error).message)).toMatchObject({ status: 429, error_code: 'CONVERSATION_QUOTA_EXCEEDED' })
  })

  it('a Sensay 5xx before the stream starts is a 502 in the contract shape', async () => {
    h.emu.faults.push({ path: `/v1/replicas/${replica.uuid}/chat/completions`, status: 500 })
    const error = await sendWithUseChatTransport([userMessage('hi')]).catch((e: Error) => e)
    expect(JSON.parse((error as Error).message)).toMatchObject({ status: 502, error_code: 'UPSTREAM_ERROR' })
  })

  it.each(['v4', 'v5'] as const)('stop() aborts the upstream call (Sensay streaming %s)', async (format) => {
    h.emu.options.streamFormat = format
    h.emu.options.streamChunkDelayMs = 50
    try {
      const abort = new AbortController()
      const upstreamClosed = once(h.emu.events, 'stream-closed')
      h.emu.events.once('chunk-written', () => abort.abort())
      const message = await sendWithUseChatTransport([userMessage('a long answer please')], { abort }).catch(() => undefined)
      const [closed] = await upstreamClosed as [{ aborted: boolean }]
      expect(closed.aborted).toBe(true)
      expect(textOf(message)?.length ?? 0).toBeLessThan(answer('a long answer please').length)
    } finally {
      h.emu.options.streamChunkDelayMs = 1
    }
  })

  it('a body without a user message is a 400 naming messages, and nothing goes upstream', async () => {
    const res = await fetch(`${base}/v1/replicas/${replica.uuid}/chat/completions`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'c', messages: [{ id: 'a', role: 'assistant', parts: [{ type: 'text', text: 'hi' }] }], trigger: 'submit-message' })
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { details: unknown[] }).details[0]).toMatchObject({ in: 'body', field: 'messages' })
    expect(h.emu.calls.filter((c) => c.path.endsWith('/chat/completions'))).toHaveLength(0)
  })
})

describe.each(['v4', 'v5'] as const)('useChat (AI SDK 4) with Sensay streaming %s', (format) => {
  beforeEach(() => { h.emu.options.streamFormat = format })

  /** What AI SDK 4's `useChat` posts. */
  const v4Post = (content: string, replicaUUID = replica.uuid, signal?: AbortSignal) => fetch(`${base}/v1/replicas/${replicaUUID}/chat/completions`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'chat-4', messages: [{ id: 'm1', role: 'user', content, parts: [{ type: 'text', text: content }], createdAt: new Date().toISOString() }] }),
    signal
  })

  /** ... read with AI SDK 4's own data stream parser. */
  async function v4Chat (content: string) {
    const res = await v4Post(content)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-vercel-ai-data-stream')).toBe('v1')
    const parts = { text: '', messageIds: [] as string[], finish: undefined as string | undefined, errors: [] as string[] }
    await processDataStream({
      stream: res.body!,
      onTextPart: (text) => { parts.text += text },
      onStartStepPart: ({ messageId }) => { parts.messageIds.push(messageId) },
      onFinishMessagePart: ({ finishReason }) => { parts.finish = finishReason },
      onErrorPart: (message) => { parts.errors.push(message) }
    })
    return parts
  }

  it('answers in the data stream, with a message id and a finish', async () => {
    const parts = await v4Chat(`Hello v4 client, ${format} upstream`)
    expect(parts.text).toBe(answer(`Hello v4 client, ${format} upstream`))
    expect(parts.messageIds).toHaveLength(1)
    expect(parts.messageIds[0]).toMatch(/^msg-/)
    expect(parts.finish).toBe('stop')
    expect(parts.errors).toEqual([])
  })

  it('a mid-stream break becomes a data stream error part', async () => {
    h.emu.faults.push({ path: `/v1/replicas/${replica.uuid}/chat/completions`, streamResetAfter: 2 })
    const parts = await v4Chat('break please')
    expect(parts.errors).toEqual(['The Sensay API stream broke off.'])
  })

  it('a 404 before the stream is our JSON error with its status', async () => {
    const res = await v4Post('hi', UNKNOWN_UUID)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ status: 404, error_code: 'NOT_FOUND' })
  })

  it('stop() (an aborted fetch) aborts the upstream call', async () => {
    h.emu.options.streamChunkDelayMs = 50
    try {
      const abort = new AbortController()
      const upstreamClosed = once(h.emu.events, 'stream-closed')
      const res = await v4Post('a long answer please', replica.uuid, abort.signal)
      const reader = res.body!.getReader()
      await reader.read()
      abort.abort()
      const [closed] = await upstreamClosed as [{ aborted: boolean }]
      expect(closed.aborted).toBe(true)
    } finally {
      h.emu.options.streamChunkDelayMs = 1
    }
  })
})

describe('CORS for browser clients of the AI SDK', () => {
  it('exposes the protocol headers and WWW-Authenticate to the page', async () => {
    const cors = await startHarness({ config: { corsOrigins: ['https://app.example'] } })
    try {
      const res = await cors.app.inject({ method: 'GET', url: '/v1/users/me', headers: { origin: 'https://app.example' } })
      const exposed = String(res.headers['access-control-expose-headers']).toLowerCase()
      for (const header of ['x-vercel-ai-ui-message-stream', 'x-vercel-ai-data-stream', 'www-authenticate']) expect(exposed).toContain(header)
    } finally {
      await cors.close()
    }
  })

  it('sends the headers its hooks set (CORS, request id, rate limits) on a streamed answer too, which is written past Fastify', async () => {
    const cors = await startHarness({ config: { corsOrigins: ['https://app.example'] }, emulator: { streamChunkDelayMs: 1 } })
    try {
      cors.emu.state.addUser('owner')
      const own = cors.emu.state.addReplica({ ownerID: 'owner', name: 'Cors' })
      const res = await cors.app.inject({
        method: 'POST',
        url: `/v1/replicas/${own.uuid}/chat/completions`,
        headers: { ...(await cors.as('owner')), origin: 'https://app.example', 'content-type': 'application/json' },
        payload: { id: 'chat-1', messages: [userMessage('Hi')], trigger: 'submit-message' }
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['access-control-allow-origin']).toBe('https://app.example')
      expect(String(res.headers['access-control-expose-headers']).toLowerCase()).toContain('x-vercel-ai-ui-message-stream')
      expect(res.headers['x-request-id']).toMatch(/\S/)
      expect(res.headers['ratelimit-policy']).toBeDefined()
      expect(res.headers['x-vercel-ai-ui-message-stream']).toBe('v1')
      expect(res.body.endsWith('data: [DONE]\n\n')).toBe(true)
    } finally {
      await cors.close()
    }
  })
})
