import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EmuReplica } from '../../src/emulator/state.js'
import { startHarness, type Harness } from '../helpers/harness.js'

// The OpenAI door through app.inject(): the shapes and refusals its clients rely on.
let h: Harness
let replica: EmuReplica
let headers: Record<string, string>

beforeAll(async () => {
  h = await startHarness({ config: { corsOrigins: ['https://app.example'] } })
  h.emu.state.addUser('bob')
  replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Ada', slug: 'ada' })
  headers = { ...(await h.as('door-user')), 'content-type': 'application/json' }
})
afterAll(async () => h.close())

const chat = (body: unknown, extra: Record<string, string> = {}) =>
  h.app.inject({ method: 'POST', url: '/openai/v1/chat/completions', headers: { ...headers, ...extra }, payload: JSON.stringify(body) })
const upstreamChats = () => h.emu.calls.filter((c) => c.path.endsWith('/chat/completions')).length

describe('the OpenAI door', () => {
  it('answers every error in OpenAI\'s shape with the BFF\'s status and a request id, including its own 404 and 401', async () => {
    const unknown = await h.app.inject({ method: 'GET', url: '/openai/v1/embeddings', headers })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toEqual({ error: { message: expect.stringContaining('/openai/v1/embeddings'), type: 'invalid_request_error', param: null, code: 'not_found' } })
    expect(unknown.headers['x-request-id']).toMatch(/./)
    const anonymous = await h.app.inject({ method: 'GET', url: '/openai/v1/models' })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json().error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key' })
    expect(anonymous.headers['www-authenticate']).toBe('Bearer')
  })

  it('names the field at fault in `param`, before anything reaches upstream', async () => {
    const before = upstreamChats()
    const cases: Array<[unknown, string]> = [
      [{ messages: [{ role: 'user', content: 'hi' }] }, 'model'],
      [{ model: replica.uuid, messages: [] }, 'messages'],
      [{ model: replica.uuid, messages: [{ role: 'system', content: 'only a system prompt' }] }, 'messages'],
      [{ model: replica.uuid, messages: [{ role: 'user', content: '   ' }] }, 'messages[0].content'],
      [{ model: replica.uuid, messages: [{ role: 'user', content: 'hi' }], n: 2 }, 'n'],
      [{ model: replica.uuid, messages: [{ role: 'user', content: 'hi' }], logprobs: true }, 'logprobs'],
      [{ model: replica.uuid, messages: [{ role: 'user', content: 'hi' }], response_format: { type: 'json_object' } }, 'response_format'],
      [{ model: replica.uuid, messages: [{ role: 'user', content: 'hi' }], tool_choice: 'required' }, 'tool_choice'],
      [{ model: replica.uuid, messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: '', format: 'wav' } }] }] }, 'messages[0].content[0]'],
      [{ model: replica.uuid, messages: [{ role: 'user', content: 'hi' }], modalities: ['text', 'audio'] }, 'modalities']
    ]
    for (const [body, param] of cases) {
      const res = await chat(body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(res.json().error, JSON.stringify(body)).toMatchObject({ type: 'invalid_request_error', param })
    }
    expect(upstreamChats()).toBe(before)
  })

  it('accepts what OpenAI clients send that a replica does not use (temperature, max_tokens, user, metadata, unknown keys)', async () => {
    const res = await chat({ model: 'ada', messages: [{ role: 'user', content: 'hi' }], temperature: 0.2, max_tokens: 50, top_p: 1, user: 'someone-else', seed: 1, metadata: { a: 'b' }, n: 1, parallel_tool_calls: false, brand_new_option: true })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ object: 'chat.completion', model: 'ada', choices: [{ index: 0, message: { role: 'assistant' }, finish_reason: 'stop' }] })
    // `user` is never an identity.
    expect(h.emu.calls.at(-1)!.headers['x-user-id']).toBe('door-user')
  })

  it('a slug that is not a replica, or not a slug at all, is model_not_found without a chat upstream', async () => {
    const before = upstreamChats()
    for (const model of ['no-such-slug', '../v1/users', 'gpt-4o mini']) {
      const res = await chat({ model, messages: [{ role: 'user', content: 'hi' }] })
      expect(res.statusCode).toBe(404)
      expect(res.json().error).toMatchObject({ code: 'model_not_found', param: 'model' })
    }
    expect(upstreamChats()).toBe(before)
  })

  it('lists models across every upstream page', async () => {
    for (let i = 0; i < 130; i++) h.emu.state.addReplica({ ownerID: 'bob', name: `Many ${i}` })
    const res = await h.app.inject({ method: 'GET', url: '/openai/v1/models', headers })
    expect(res.statusCode).toBe(200)
    const ids = (res.json().data as Array<{ id: string }>).map((m) => m.id)
    expect(ids.length).toBeGreaterThanOrEqual(131)
    expect(new Set(ids).size).toBe(ids.length)
    expect(h.emu.calls.filter((c) => c.path === '/v1/replicas' && c.query.includes('page_size=100')).length).toBeGreaterThanOrEqual(2)
  })

  it('a streamed answer whose upstream breaks off ends with an error event and no [DONE]', async () => {
    h.emu.faults.push({ method: 'POST', path: `/v1/replicas/${replica.uuid}/chat/completions`, streamBody: '0:"Hello "\n3:"Error: boom at /srv/app.ts:1"\n', headers: { 'content-type': 'text/plain; charset=utf-8', 'x-vercel-ai-data-stream': 'v1' } })
    const res = await chat({ model: replica.uuid, messages: [{ role: 'user', content: 'hi' }], stream: true })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8')
    expect(res.body).toContain('"content":"Hello "')
    expect(res.body).not.toContain('[DONE]')
    expect(res.body).not.toContain('/srv/app.ts')
    expect(res.body.trim().split('\n\n').at(-1)).toBe('data: {"error":{"message":"The Sensay API failed to answer.","type":"api_error","param":null,"code":"upstream_error"}}')
  })

  it('is in the OpenAPI document', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> }
    expect(Object.keys(doc.paths['/openai/v1/chat/completions'] ?? {})).toContain('post')
    expect(Object.keys(doc.paths['/openai/v1/models'] ?? {})).toContain('get')
  })

  it('lets browser pages that use the OpenAI SDK through CORS preflight (its x-stainless-* headers)', async () => {
    const origin = 'https://app.example'
    const res = await h.app.inject({ method: 'OPTIONS', url: '/openai/v1/chat/completions', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-stainless-os,x-stainless-lang,x-stainless-retry-count' } })
    expect(res.statusCode).toBe(204)
    expect(res.headers['access-control-allow-headers']).toMatch(/X-Stainless-OS/i)
  })
})
