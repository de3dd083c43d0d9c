import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import OpenAI from 'openai'
import { ChatOpenAI } from '@langchain/openai'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import type { EmuReplica } from '../../src/emulator/state.js'
import { USER_KEY, baseConfig, captureStream, startHarness, type Harness } from '../helpers/harness.js'

// The official OpenAI SDK and LangChain's ChatOpenAI, unchanged but for baseURL and
// apiKey, against the BFF's OpenAI door on a real socket and the emulator behind it.
let h: Harness
let baseURL: string
let bobPublic: EmuReplica
let bobPrivate: EmuReplica
let carolPrivate: EmuReplica
let carolToken: string
const extra: FastifyInstance[] = []

/** What the emulator answers a question with: the text every client must see, whatever the stream format. */
const answerTo = (replica: EmuReplica, question: string) => `Hi, I am ${replica.name}. You asked: "${question}". This answer comes from the Sensay emulator.`
const client = (apiKey: string, url = baseURL) => new OpenAI({ baseURL: url, apiKey, maxRetries: 0 })
type ApiError = InstanceType<typeof OpenAI.APIError>

/** The error a call must fail with. */
async function failure (call: Promise<unknown>): Promise<ApiError> {
  try {
    await call
  } catch (err) {
    return err as ApiError
  }
  throw new Error('the call succeeded')
}

beforeAll(async () => {
  h = await startHarness({ emulator: { streamChunkDelayMs: 1 } })
  h.emu.state.addUser('bob')
  h.emu.state.addUser('carol')
  bobPublic = h.emu.state.addReplica({ ownerID: 'bob', name: 'Ada', slug: 'ada-public' })
  bobPrivate = h.emu.state.addReplica({ ownerID: 'bob', name: 'Secret', private: true })
  carolPrivate = h.emu.state.addReplica({ ownerID: 'carol', name: 'Carols', private: true })
  baseURL = `${await h.app.listen({ host: '127.0.0.1', port: 0 })}/openai/v1`
  carolToken = await h.token('carol')
})
afterAll(async () => {
  await Promise.all(extra.map((app) => app.close()))
  await h.close()
})

describe('the openai SDK', () => {
  it('lists as models exactly the replicas the caller may see', async () => {
    const ids: string[] = []
    for await (const model of client(carolToken).models.list()) ids.push(model.id)
    expect(ids).toContain(bobPublic.uuid)
    expect(ids).toContain(carolPrivate.uuid)
    expect(ids).not.toContain(bobPrivate.uuid)
    const own = (await client(carolToken).models.list()).data.find((m) => m.id === carolPrivate.uuid)
    expect(own).toMatchObject({ object: 'model', owned_by: 'carol' })
  })

  it('chats as JSON (by UUID and by slug), with an API key as the bearer too', async () => {
    const completion = await client(carolToken).chat.completions.create({ model: bobPublic.uuid, messages: [{ role: 'system', content: 'Be kind.' }, { role: 'user', content: 'Hello JSON' }] })
    expect(completion.choices[0]!.message.content).toBe(answerTo(bobPublic, 'Hello JSON'))
    expect(completion.object).toBe('chat.completion')
    expect(completion.model).toBe(bobPublic.uuid)
    const bySlug = await client(USER_KEY).chat.completions.create({ model: 'ada-public', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello slug' }] }] })
    expect(bySlug.choices[0]!.message.content).toBe(answerTo(bobPublic, 'Hello slug'))
    // The API key acts for its user; the system message is not sent (Sensay has the replica's own).
    const call = h.emu.calls.filter((c) => c.path === `/v1/replicas/${bobPublic.uuid}/chat/completions`).at(-1)!
    expect(call.headers['x-user-id']).toBe('carol')
    expect(call.body).toEqual({ content: 'Hello slug', source: 'web' })
  })

  it.each(['v4', 'v5'] as const)('streams chunk by chunk from Sensay\'s %s stream: the text is Sensay\'s, [DONE] ends it, usage when asked', async (format) => {
    h.emu.options.streamFormat = format
    try {
      const stream = await client(carolToken).chat.completions.create({ model: bobPublic.uuid, messages: [{ role: 'user', content: 'Hello stream' }], stream: true, stream_options: { include_usage: true } })
      let text = ''
      let chunks = 0
      let finish: string | null = null
      let usage: OpenAI.CompletionUsage | undefined | null
      for await (const chunk of stream) {
        chunks++
        expect(chunk.object).toBe('chat.completion.chunk')
        text += chunk.choices[0]?.delta.content ?? ''
        finish = chunk.choices[0]?.finish_reason ?? finish
        usage = chunk.usage ?? usage
      }
      expect(text).toBe(answerTo(bobPublic, 'Hello stream'))
      expect(chunks).toBeGreaterThan(5)
      expect(finish).toBe('stop')
      // The v4 data stream reports token counts; the v5 UI message stream has none, and none are made up.
      if (format === 'v4') expect(usage).toMatchObject({ prompt_tokens: 10, completion_tokens: expect.any(Number) })
      else expect(usage ?? null).toBeNull()
    } finally {
      h.emu.options.streamFormat = 'v4'
    }
  })

  it('store: false keeps the exchange out of the history (skip_chat_history upstream)', async () => {
    await client(carolToken).chat.completions.create({ model: bobPublic.uuid, messages: [{ role: 'user', content: 'Forget me' }], store: false })
    const call = h.emu.calls.filter((c) => c.path === `/v1/replicas/${bobPublic.uuid}/chat/completions`).at(-1)!
    expect(call.body).toEqual({ content: 'Forget me', skip_chat_history: true, source: 'web' })
  })

  it('aborting mid-stream aborts the upstream call', async () => {
    h.emu.options.streamChunkDelayMs = 50
    try {
      const controller = new AbortController()
      const stream = await client(carolToken).chat.completions.create({ model: bobPublic.uuid, messages: [{ role: 'user', content: 'A long answer please' }], stream: true }, { signal: controller.signal })
      const closed = once(h.emu.events, 'stream-closed') as Promise<[{ aborted: boolean }]>
      const iterator = stream[Symbol.asyncIterator]()
      await iterator.next()
      controller.abort()
      // The SDK ends the iteration (or throws an abort error, depending on timing).
      const next = await iterator.next().catch((err: unknown) => ({ done: true, err }))
      expect(next.done).toBe(true)
      const [event] = await closed
      expect(event.aborted).toBe(true)
    } finally {
      h.emu.options.streamChunkDelayMs = 1
    }
  })

  it('raises OpenAI\'s error classes: 401 invalid_api_key, 404 model_not_found (the same for hidden and missing), 400 naming tools', async () => {
    const unauthorized = await failure(client('not-a-key').models.list())
    expect(unauthorized).toBeInstanceOf(OpenAI.AuthenticationError)
    expect(unauthorized.code).toBe('invalid_api_key')

    const ask = (model: string) => failure(client(carolToken).chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }] }))
    const hidden = await ask(bobPrivate.uuid)
    const missing = await ask('00000000-0000-4000-8000-000000000000')
    for (const err of [hidden, missing]) {
      expect(err).toBeInstanceOf(OpenAI.NotFoundError)
      expect(err.code).toBe('model_not_found')
      expect(err.param).toBe('model')
      expect(err.headers?.get('x-request-id')).toMatch(/./)
    }
    expect(hidden.message.replace(bobPrivate.uuid, 'X')).toBe(missing.message.replace('00000000-0000-4000-8000-000000000000', 'X'))
    expect(h.emu.calls.some((c) => c.path === `/v1/replicas/${bobPrivate.uuid}/chat/completions`)).toBe(false)

    const tools = await failure(client(carolToken).chat.completions.create({
      model: bobPublic.uuid,
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }]
    }))
    expect(tools).toBeInstanceOf(OpenAI.BadRequestError)
    expect(tools.param).toBe('tools')
    const image = await failure(client(carolToken).chat.completions.create({
      model: bobPublic.uuid,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] }]
    }))
    expect(image).toBeInstanceOf(OpenAI.BadRequestError)
    expect(image.param).toBe('messages[0].content[1]')
  })

  it('a 429 carries Retry-After, which the SDK reads', async () => {
    const base = baseConfig(h.emu.url)
    const limited = await buildApp({ ...base, rateLimit: { ...base.rateLimit, chatMax: 2 } }, { logStream: captureStream([]), upstreamKeepAliveMs: 500 })
    extra.push(limited)
    const url = `${await limited.listen({ host: '127.0.0.1', port: 0 })}/openai/v1`
    const token = await h.token(`limited-${Date.now()}`)
    const ask = () => client(token, url).chat.completions.create({ model: bobPublic.uuid, messages: [{ role: 'user', content: 'again' }] })
    await ask()
    await ask()
    const err = await failure(ask())
    expect(err).toBeInstanceOf(OpenAI.RateLimitError)
    expect(err.code).toBe('rate_limit_exceeded')
    expect(Number(err.headers?.get('retry-after'))).toBeGreaterThan(0)
  })
})

describe('LangChain ChatOpenAI', () => {
  it.each(['v4', 'v5'] as const)('invokes and streams (Sensay\'s %s stream), with the text Sensay answered', async (format) => {
    h.emu.options.streamFormat = format
    try {
      const llm = new ChatOpenAI({ model: bobPublic.uuid, apiKey: carolToken, configuration: { baseURL }, maxRetries: 0 })
      const answer = await llm.invoke('Hello LangChain')
      expect(answer.content).toBe(answerTo(bobPublic, 'Hello LangChain'))
      let text = ''
      for await (const chunk of await llm.stream('Hello again')) text += typeof chunk.content === 'string' ? chunk.content : ''
      expect(text).toBe(answerTo(bobPublic, 'Hello again'))
    } finally {
      h.emu.options.streamFormat = 'v4'
    }
  })
})
