import { existsSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js'
import { SPEC_URL, SensayOpenApi, describeErrors } from '../../src/emulator/openapi.js'

const SECRET = 'emulator-secret'
const spec = new SensayOpenApi()
let emu: Emulator

beforeAll(async () => { emu = await startEmulator({ organizationSecret: SECRET, streamChunkDelayMs: 0, knowledgeStepMs: 10 }) })
afterAll(async () => emu.close())

async function call (method: string, path: string, options: { user?: string, body?: unknown, secret?: string, accept?: string } = {}) {
  const headers: Record<string, string> = { 'x-organization-secret': options.secret ?? SECRET, 'x-api-version': '2025-03-25', accept: options.accept ?? 'application/json' }
  if (options.user) headers['x-user-id'] = options.user
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const res = await request(`${emu.url}${path}`, { method: method as 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) })
  const text = await res.body.text()
  const isJson = String(res.headers['content-type']).startsWith('application/json')
  return { status: res.statusCode, headers: res.headers, text, json: isJson && text ? JSON.parse(text) as Record<string, unknown> : undefined }
}

/** The answer must be documented for that status and match its schema. */
function conforms (method: string, template: string, res: { status: number, json?: unknown }) {
  expect(spec.hasResponse(method, template, res.status), `${method} ${template} documents ${res.status}`).toBe(true)
  const validate = spec.responseValidator(method, template, res.status)
  if (!validate) return
  const ok = validate(res.json)
  expect(ok, `${method} ${template} ${res.status}: ${describeErrors(validate)}`).toBe(true)
}

describe('the emulator follows Sensay\'s OpenAPI schema', () => {
  it('ships the same schema as shared/upstream', () => {
    const shared = new URL('../../../shared/upstream/sensay-openapi.json', SPEC_URL)
    if (!existsSync(shared)) return expect(existsSync(SPEC_URL)).toBe(true)
    expect(readFileSync(SPEC_URL, 'utf8')).toBe(readFileSync(shared, 'utf8'))
  })

  it('has validators that can fail', () => {
    const validate = spec.responseValidator('GET', '/v1/replicas/{replicaUUID}', 200)!
    expect(validate({ success: true })).toBe(false)
    expect(validate({ success: true, name: 'n', shortDescription: 's', greeting: 'g', ownerID: 'o', slug: 's', llm: {}, uuid: '00000000-0000-4000-8000-000000000000', extra: 1 })).toBe(false)
  })

  it('answers every emulated route in a documented shape', async () => {
    conforms('GET', '/v1/healthcheck', await call('GET', '/v1/healthcheck', { secret: '' }))
    conforms('POST', '/v1/users', await call('POST', '/v1/users', { body: { id: 'u1' } }))
    conforms('POST', '/v1/users', await call('POST', '/v1/users', { body: { id: 'u1' } }))
    conforms('GET', '/v1/users/me', await call('GET', '/v1/users/me', { user: 'u1' }))
    conforms('PUT', '/v1/users/me', await call('PUT', '/v1/users/me', { user: 'u1', body: { id: 'u1', name: 'U One' } }))
    conforms('GET', '/v1/users/me/usage', await call('GET', '/v1/users/me/usage', { user: 'u1' }))

    const created = await call('POST', '/v1/replicas', { body: { name: 'R', shortDescription: 's', greeting: 'g', ownerID: 'u1', slug: 'r', llm: { model: 'gpt-4o' } } })
    conforms('POST', '/v1/replicas', created)
    const uuid = created.json!.uuid as string
    conforms('POST', '/v1/replicas', await call('POST', '/v1/replicas', { body: { name: 'R', shortDescription: 's', greeting: 'g', ownerID: 'u1', slug: 'r', llm: {} } }))
    conforms('GET', '/v1/replicas', await call('GET', '/v1/replicas', { user: 'u1' }))
    conforms('GET', '/v1/replicas/{replicaUUID}', await call('GET', `/v1/replicas/${uuid}`))
    conforms('GET', '/v1/replicas/{replicaUUID}', await call('GET', '/v1/replicas/00000000-0000-4000-8000-000000000000'))
    conforms('PUT', '/v1/replicas/{replicaUUID}', await call('PUT', `/v1/replicas/${uuid}`, { body: { name: 'R2', shortDescription: 's', greeting: 'g', ownerID: 'u1', slug: 'r', llm: { model: 'gpt-4o' } } }))

    conforms('POST', '/v1/replicas/{replicaUUID}/chat/completions', await call('POST', `/v1/replicas/${uuid}/chat/completions`, { user: 'u1', body: { content: 'hi', source: 'web' } }))
    conforms('GET', '/v1/replicas/{replicaUUID}/chat/history', await call('GET', `/v1/replicas/${uuid}/chat/history`, { user: 'u1' }))

    const kb = await call('POST', `/v1/replicas/${uuid}/knowledge-base`, { body: { text: 'facts', title: 't' } })
    conforms('POST', '/v1/replicas/{replicaUUID}/knowledge-base', kb)
    const id = (kb.json!.results as Array<{ knowledgeBaseID: number }>)[0]!.knowledgeBaseID
    conforms('POST', '/v1/replicas/{replicaUUID}/knowledge-base', await call('POST', `/v1/replicas/${uuid}/knowledge-base`, { body: { url: 'https://example.com/about' } }))
    conforms('POST', '/v1/replicas/{replicaUUID}/knowledge-base', await call('POST', `/v1/replicas/${uuid}/knowledge-base`, { body: { url: 'https://example.com/about' } }))
    conforms('GET', '/v1/replicas/{replicaUUID}/knowledge-base', await call('GET', `/v1/replicas/${uuid}/knowledge-base`))
    conforms('GET', '/v1/replicas/{replicaUUID}/knowledge-base/{knowledgeBaseID}', await call('GET', `/v1/replicas/${uuid}/knowledge-base/${id}`))
    conforms('PATCH', '/v1/replicas/{replicaUUID}/knowledge-base/{knowledgeBaseID}', await call('PATCH', `/v1/replicas/${uuid}/knowledge-base/${id}`, { body: { rawText: 'more' } }))
    conforms('DELETE', '/v1/replicas/{replicaUUID}/knowledge-base/{knowledgeBaseID}', await call('DELETE', `/v1/replicas/${uuid}/knowledge-base/${id}`))
    conforms('DELETE', '/v1/replicas/{replicaUUID}/knowledge-base/{knowledgeBaseID}', await call('DELETE', `/v1/replicas/${uuid}/knowledge-base/${id}`))

    const conversations = await call('GET', `/v1/replicas/${uuid}/conversations`, { user: 'u1' })
    conforms('GET', '/v1/replicas/{replicaUUID}/conversations', conversations)
    const conversation = (conversations.json!.items as Array<{ uuid: string }>)[0]!.uuid
    conforms('GET', '/v1/replicas/{replicaUUID}/conversations/{conversationUUID}/messages', await call('GET', `/v1/replicas/${uuid}/conversations/${conversation}/messages`))

    conforms('DELETE', '/v1/replicas/{replicaUUID}', await call('DELETE', `/v1/replicas/${uuid}`))
    conforms('DELETE', '/v1/users/me', await call('DELETE', '/v1/users/me', { user: 'u1' }))
  })

  it('answers the routes of owners\' dashboards, the CLI and the history writers in documented shapes', async () => {
    conforms('GET', '/v1/users/{userID}', await call('GET', '/v1/users/u2'))
    conforms('POST', '/v1/users', await call('POST', '/v1/users', { body: { id: 'u2', name: 'U Two', email: 'u2@example.com' } }))
    conforms('GET', '/v1/users/{userID}', await call('GET', '/v1/users/u2'))
    const uuid = (await call('POST', '/v1/replicas', { body: { name: 'D', shortDescription: 's', greeting: 'g', ownerID: 'u2', slug: 'dash', llm: {} } })).json!.uuid as string
    const r = `/v1/replicas/${uuid}`
    conforms('POST', '/v1/replicas/{replicaUUID}/chat/history', await call('POST', `${r}/chat/history`, { user: 'u2', body: { content: 'saved', source: 'web' } }))
    conforms('POST', '/v1/replicas/{replicaUUID}/chat/completions', await call('POST', `${r}/chat/completions`, { user: 'u2', body: { content: 'hi' } }))
    for (const source of ['web', 'embed', 'telegram', 'discord']) {
      conforms('GET', `/v1/replicas/{replicaUUID}/chat/history/${source}`, await call('GET', `${r}/chat/history/${source}`, { user: 'u2' }))
    }
    conforms('POST', '/v1/experimental/replicas/{replicaUUID}/chat/completions', await call('POST', `/v1/experimental${r}/chat/completions`, { user: 'u2', body: { messages: [{ role: 'user', content: 'hi' }] } }))

    const conversations = await call('GET', `${r}/conversations`, { user: 'u2' })
    const { uuid: conversation, chatUUID: chat } = (conversations.json!.items as Array<{ uuid: string, chatUUID: string }>)[0]!
    const c = `${r}/conversations/${conversation}`
    conforms('GET', '/v1/replicas/{replicaUUID}/conversations/{conversationUUID}', await call('GET', c))
    conforms('PATCH', '/v1/replicas/{replicaUUID}/conversations/{conversationUUID}', await call('PATCH', c, { body: { summary: 'sum', commonQuestions: ['q'], commonTopics: ['t'] } }))
    conforms('GET', '/v1/replicas/{replicaUUID}/conversations/{conversationUUID}/mentions', await call('GET', `${c}/mentions?limit=20&minimumMessagesInPlaceholder=3`))
    conforms('GET', '/v1/replicas/{replicaUUID}/chats', await call('GET', `${r}/chats`))
    conforms('GET', '/v1/replicas/{replicaUUID}/chats/{chatUUID}', await call('GET', `${r}/chats/${chat}`))
    conforms('GET', '/v1/replicas/{replicaUUID}/chats/{chatUUID}', await call('GET', `${r}/chats/00000000-0000-4000-8000-000000000000`))
    conforms('GET', '/v1/replicas/{replicaUUID}/chats/{chatUUID}/messages', await call('GET', `${r}/chats/${chat}/messages`))
    conforms('GET', '/v1/replicas/{replicaUUID}/chats/{chatUUID}/conversations', await call('GET', `${r}/chats/${chat}/conversations`))
    conforms('GET', '/v1/replicas/{replicaUUID}/chats/{chatUUID}/conversations/{conversationUUID}', await call('GET', `${r}/chats/${chat}/conversations/${conversation}`))
    conforms('GET', '/v1/replicas/{replicaUUID}/chats/{chatUUID}/conversations/{conversationUUID}/messages', await call('GET', `${r}/chats/${chat}/conversations/${conversation}/messages`))
    conforms('GET', '/v1/replicas/{replicaUUID}/analytics/conversations/historical', await call('GET', `${r}/analytics/conversations/historical`))
    conforms('GET', '/v1/replicas/{replicaUUID}/analytics/conversations/sources', await call('GET', `${r}/analytics/conversations/sources`))
    conforms('POST', '/v1/replicas/{replicaUUID}/integrations/telegram', await call('POST', `${r}/integrations/telegram`, { body: { telegram_token: 't', mention: '@b' } }))
    conforms('DELETE', '/v1/replicas/{replicaUUID}/integrations/telegram', await call('DELETE', `${r}/integrations/telegram`))

    conforms('GET', '/v1/knowledge-base/file-types', await call('GET', '/v1/knowledge-base/file-types'))
    const id = ((await call('POST', `${r}/knowledge-base`, { body: { filename: 'a.txt' } })).json!.results as Array<{ knowledgeBaseID: number }>)[0]!.knowledgeBaseID
    conforms('GET', '/v1/knowledge-base', await call('GET', '/v1/knowledge-base?page=1&pageSize=10'))
    conforms('GET', '/v1/knowledge-base/{knowledgeBaseID}', await call('GET', `/v1/knowledge-base/${id}`))
    conforms('PATCH', '/v1/knowledge-base/{knowledgeBaseID}', await call('PATCH', `/v1/knowledge-base/${id}`, { body: { status: 'NEW' } }))
    conforms('DELETE', '/v1/knowledge-base/{knowledgeBaseID}', await call('DELETE', `/v1/knowledge-base/${id}`))
    conforms('GET', '/v1/knowledge-base/{knowledgeBaseID}', await call('GET', `/v1/knowledge-base/${id}`))
  })

  it('refuses a request body its schema refuses, in Sensay\'s error shape', async () => {
    const res = await call('POST', '/v1/replicas', { body: { name: 'R', shortDescription: 's', greeting: 'g', ownerID: 'u1', slug: 'r', llm: {}, hacked: true } })
    expect(res.status).toBe(400)
    conforms('POST', '/v1/replicas', res)
    expect(res.json).toMatchObject({ success: false, request_id: expect.any(String), fingerprint: expect.any(String) })
    expect(res.json!.error).toContain('hacked')
  })

  it('checks the organization secret on every call, and puts inner_exception on 500s', async () => {
    const refused = await call('GET', '/v1/replicas', { secret: 'wrong' })
    expect(refused.status).toBe(401)
    conforms('GET', '/v1/replicas', refused)
    emu.faults.push({ path: '/v1/replicas', status: 500 })
    const failed = await call('GET', '/v1/replicas')
    expect(failed.status).toBe(500)
    conforms('GET', '/v1/replicas', failed)
    expect(failed.json).toHaveProperty('inner_exception')
  })

  it('streams chat in the AI SDK data stream protocol (v4) and UI message stream (v5)', async () => {
    emu.state.addUser('s1')
    const replica = emu.state.addReplica({ ownerID: 's1', name: 'S' })
    const v4 = await call('POST', `/v1/replicas/${replica.uuid}/chat/completions`, { user: 's1', body: { content: 'hi' }, accept: 'text/event-stream' })
    expect(v4.headers['x-vercel-ai-data-stream']).toBe('v1')
    expect(v4.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(v4.text.split('\n').filter(Boolean).map((l) => l.slice(0, 2))).toEqual(expect.arrayContaining(['f:', '0:', 'e:', 'd:']))
    emu.options.streamFormat = 'v5'
    const v5 = await call('POST', `/v1/replicas/${replica.uuid}/chat/completions`, { user: 's1', body: { content: 'hi' }, accept: 'text/event-stream' })
    emu.options.streamFormat = 'v4'
    expect(v5.headers['x-vercel-ai-ui-message-stream']).toBe('v1')
    expect(v5.text).toContain('data: {"type":"text-delta"')
    expect(v5.text.trim().endsWith('data: [DONE]')).toBe(true)
  })
})
