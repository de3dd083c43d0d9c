import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import type { EmuReplica } from '../../src/emulator/state.js'

let h: Harness
let base: string
let publicReplica: EmuReplica
let privateReplica: EmuReplica

beforeAll(async () => {
  h = await startHarness({ emulator: { streamChunkDelayMs: 15 } })
  h.emu.state.addUser('bob')
  publicReplica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Ada' })
  privateReplica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Hidden', private: true, whitelistEmails: ['vip@example.com'] })
  base = await h.app.listen({ host: '127.0.0.1', port: 0 })
})
afterAll(async () => h.close())
beforeEach(() => { h.emu.calls.length = 0 })

const chatUrl = (uuid: string) => `/v1/replicas/${uuid}/chat/completions`

describe('POST /v1/replicas/:replicaUUID/chat/completions', () => {
  it('answers JSON and forces source web', async () => {
    const res = await h.app.inject({ method: 'POST', url: chatUrl(publicReplica.uuid), headers: await h.as('alice'), payload: { content: 'Hello', skip_chat_history: false } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ success: true, content: expect.stringContaining('Ada') })
    const [call] = h.emu.callsTo('POST', chatUrl(publicReplica.uuid))
    expect(call?.body).toEqual({ content: 'Hello', skip_chat_history: false, source: 'web' })
    expect(call?.headers['x-user-id']).toBe('alice')
  })

  it('accepts source "web", as Sensay\'s own CLI sends it', async () => {
    const res = await h.app.inject({ method: 'POST', url: chatUrl(publicReplica.uuid), headers: await h.as('alice'), payload: { content: 'Hello', source: 'web' } })
    expect(res.statusCode).toBe(200)
    expect(h.emu.callsTo('POST', chatUrl(publicReplica.uuid))[0]?.body).toEqual({ content: 'Hello', source: 'web' })
  })

  it('refuses any other source, naming it', async () => {
    const res = await h.app.inject({ method: 'POST', url: chatUrl(publicReplica.uuid), headers: await h.as('alice'), payload: { content: 'x', source: 'telegram' } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ error: 'body.source must be "web"', details: [{ in: 'body', field: 'source', message: 'must be "web"' }] })
    expect(h.emu.calls.filter((c) => c.path.endsWith('/chat/completions'))).toHaveLength(0)
  })

  it.each([
    ['usageLimits', { conversations: { monthlyQuota: 1e9 } }],
    ['discord_data', { channel_id: '1', channel_name: 'c', author_id: 'a', author_name: 'n', message_id: 'm' }]
  ])('refuses %s (the organization\'s to set), naming it', async (field, value) => {
    const res = await h.app.inject({ method: 'POST', url: chatUrl(publicReplica.uuid), headers: await h.as('alice'), payload: { content: 'x', [field]: value } })
    expect(res.statusCode).toBe(400)
    expect(res.json().details).toEqual([{ in: 'body', field, message: 'is not accepted' }])
    expect(h.emu.calls.filter((c) => c.path.endsWith('/chat/completions'))).toHaveLength(0)
  })

  it('takes an OpenAI-style {messages} (no AI SDK id) as Sensay\'s shape: a 400, never a stream', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: chatUrl(publicReplica.uuid),
      headers: { ...await h.as('alice'), accept: 'application/json' },
      payload: { messages: [{ role: 'user', content: 'Hello' }] }
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.json().details[0]).toMatchObject({ in: 'body' })
    expect(h.emu.calls.filter((c) => c.path.endsWith('/chat/completions'))).toHaveLength(0)
  })

  it('refuses an empty message', async () => {
    const res = await h.app.inject({ method: 'POST', url: chatUrl(publicReplica.uuid), headers: await h.as('alice'), payload: { content: '' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().details[0]).toMatchObject({ field: 'content' })
  })

  it('is a 404 on a private replica for a stranger, and nothing is sent', async () => {
    const res = await h.app.inject({ method: 'POST', url: chatUrl(privateReplica.uuid), headers: await h.as('alice'), payload: { content: 'let me in' } })
    expect(res.statusCode).toBe(404)
    expect(h.emu.callsTo('POST', chatUrl(privateReplica.uuid))).toHaveLength(0)
  })

  it('lets an allowlisted, verified email chat with a private replica', async () => {
    const headers = await h.as('vip', { email: 'VIP@example.com', email_verified: true })
    const res = await h.app.inject({ method: 'POST', url: chatUrl(privateReplica.uuid), headers, payload: { content: 'hi' } })
    expect(res.statusCode).toBe(200)
  })

  it('answers 403 to an admin key: chat is for users', async () => {
    const res = await h.app.inject({ method: 'POST', url: chatUrl(publicReplica.uuid), headers: { 'x-api-key': ADMIN_KEY }, payload: { content: 'hi' } })
    expect(res.statusCode).toBe(403)
    expect(h.emu.calls).toHaveLength(0)
  })

  it('needs one upstream call per turn once the replica is known', async () => {
    const headers = await h.as('alice')
    await h.app.inject({ method: 'POST', url: chatUrl(publicReplica.uuid), headers, payload: { content: 'one' } })
    h.emu.calls.length = 0
    await h.app.inject({ method: 'POST', url: chatUrl(publicReplica.uuid), headers, payload: { content: 'two' } })
    expect(h.emu.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`POST ${chatUrl(publicReplica.uuid)}`])
  })

  it('streams the AI SDK data stream through a real socket as it is written', async () => {
    const headers = { ...(await h.as('alice')), accept: 'text/event-stream', 'content-type': 'application/json' }
    const started = Date.now()
    const res = await request(`${base}${chatUrl(publicReplica.uuid)}`, { method: 'POST', headers, body: JSON.stringify({ content: 'Tell me a long story please' }) })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(res.headers['x-vercel-ai-data-stream']).toBe('v1')
    expect(res.headers['cache-control']).toBe('no-cache, no-transform')
    expect(res.headers['x-accel-buffering']).toBe('no')
    expect(res.headers['x-request-id']).toBeTruthy()
    const arrivals: number[] = []
    let text = ''
    for await (const chunk of res.body) {
      arrivals.push(Date.now() - started)
      text += String(chunk)
    }
    const lines = text.trim().split('\n')
    expect(lines[0]).toMatch(/^f:\{"messageId":"msg-/)
    expect(lines.filter((l) => l.startsWith('0:')).length).toBeGreaterThan(5)
    expect(lines.at(-1)).toMatch(/^d:/)
    const words = lines.filter((l) => l.startsWith('0:')).map((l) => JSON.parse(l.slice(2)) as string).join('')
    expect(words).toContain('Ada')
    // Chunks arrive spread over the upstream's writing time, not in one lump at the end.
    expect(arrivals.length).toBeGreaterThan(3)
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThan(3 * 15)
    const [call] = h.emu.callsTo('POST', chatUrl(publicReplica.uuid))
    expect(call?.headers.accept).toBe('text/event-stream')
  })

  it('aborts the upstream stream when the client goes away', async () => {
    const closed = new Promise<{ aborted: boolean }>((resolve) => h.emu.events.once('stream-closed', resolve))
    const headers = { ...(await h.as('alice')), accept: 'text/event-stream', 'content-type': 'application/json' }
    const controller = new AbortController()
    const res = await request(`${base}${chatUrl(publicReplica.uuid)}`, { method: 'POST', headers, body: JSON.stringify({ content: 'a b c d e f g h i j k l m n o p' }), signal: controller.signal })
    const reader = res.body[Symbol.asyncIterator]()
    await reader.next()
    controller.abort()
    expect(await closed).toEqual(expect.objectContaining({ aborted: true }))
  })

  it('aborts a JSON chat upstream when the client goes away while Sensay is still answering', async () => {
    h.emu.faults.push({ method: 'POST', path: chatUrl(publicReplica.uuid), delayMs: 5_000 })
    const headers = { ...(await h.as('alice')), 'content-type': 'application/json' }
    const controller = new AbortController()
    const arrived = new Promise((resolve) => {
      const onRequest = (request: { url: string }) => {
        if (request.url.endsWith('/chat/completions')) { h.emu.events.off('request', onRequest); resolve(undefined) }
      }
      h.emu.events.on('request', onRequest)
    })
    const closed = new Promise<number>((resolve) => h.emu.events.once('request-closed', () => resolve(Date.now())))
    request(`${base}${chatUrl(publicReplica.uuid)}`, { method: 'POST', headers, body: JSON.stringify({ content: 'never mind' }), signal: controller.signal }).catch(() => {})
    await arrived
    const abortedAt = Date.now()
    controller.abort()
    expect(await closed - abortedAt).toBeLessThan(1_000)
  })

  it('maps an upstream error before the stream starts to the contract shape', async () => {
    h.emu.faults.push({ method: 'POST', path: chatUrl(publicReplica.uuid), status: 429 })
    const headers = { ...(await h.as('alice')), accept: 'text/event-stream', 'content-type': 'application/json' }
    const res = await request(`${base}${chatUrl(publicReplica.uuid)}`, { method: 'POST', headers, body: JSON.stringify({ content: 'hi' }) })
    expect(res.statusCode).toBe(429)
    const body = await res.body.json() as Record<string, unknown>
    expect(body).toMatchObject({ success: false, status: 429, error_code: 'CONVERSATION_QUOTA_EXCEEDED' })
    expect(res.headers['retry-after']).toBeDefined()
  })
})

describe('GET /v1/replicas/:replicaUUID/chat/history', () => {
  it('returns the session user\'s history only, narrowed', async () => {
    const headers = await h.as('frank')
    await h.app.inject({ method: 'POST', url: chatUrl(publicReplica.uuid), headers, payload: { content: 'remember me' } })
    const res = await h.app.inject({ method: 'GET', url: `/v1/replicas/${publicReplica.uuid}/chat/history`, headers })
    expect(res.statusCode).toBe(200)
    const items = res.json().items as Array<Record<string, unknown>>
    expect(items.map((i) => i.role)).toEqual(['user', 'assistant'])
    expect(items[0]).toMatchObject({ content: 'remember me', source: 'web' })
    const [call] = h.emu.callsTo('GET', `/v1/replicas/${publicReplica.uuid}/chat/history`)
    expect(call?.headers['x-user-id']).toBe('frank')
  })

  it('is a 404 for a private replica the user cannot see', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/replicas/${privateReplica.uuid}/chat/history`, headers: await h.as('alice') })
    expect(res.statusCode).toBe(404)
  })
})
