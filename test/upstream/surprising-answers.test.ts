import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { SECRET, baseConfig, startHarness, type Harness } from '../helpers/harness.js'
import type { EmuReplica } from '../../src/emulator/state.js'

// Every JSON route against Sensay answers nobody here wrote: a real answer
// taken from the emulator, then rewritten (a field missing, null, of another
// type, an extra field, a malformed list item, an empty or cut body...). The
// BFF may answer 200 with honest data, 404 where a malformed answer fails a
// visibility or pairing check closed, or 502 UPSTREAM_ERROR; never a 500,
// and never anything it was not meant to pass on.

const CANARY = 'CANARY-d41d8cd9'
let h: Harness
let replica: EmuReplica
let entryId: number
let conversationUUID: string
let chatUUID: string
let headers: Record<string, string>

interface Route {
  name: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** The BFF's URL; upstream is the same path (and the fault's target). */
  url: () => string
  payload?: () => Record<string, unknown>
  /** The body the BFF sends upstream, to take a real answer from the emulator. */
  upstreamBody?: () => Record<string, unknown>
}

const routes: Route[] = [
  { name: 'GET /v1/users/me', method: 'GET', url: () => '/v1/users/me' },
  { name: 'PUT /v1/users/me', method: 'PUT', url: () => '/v1/users/me', payload: () => ({ name: 'Owner' }), upstreamBody: () => ({ id: 'owner', name: 'Owner' }) },
  { name: 'GET /v1/users/me/usage', method: 'GET', url: () => '/v1/users/me/usage' },
  { name: 'GET /v1/replicas', method: 'GET', url: () => '/v1/replicas' },
  { name: 'GET /v1/replicas/:id', method: 'GET', url: () => `/v1/replicas/${replica.uuid}` },
  { name: 'POST /v1/replicas', method: 'POST', url: () => '/v1/replicas', payload: () => ({ name: 'N', shortDescription: 's', greeting: 'g', slug: `s-${Math.random().toString(36).slice(2)}`, llm: {} }), upstreamBody: () => ({ name: 'N', shortDescription: 's', greeting: 'g', slug: `u-${Math.random().toString(36).slice(2)}`, ownerID: 'owner', llm: {} }) },
  { name: 'POST chat (JSON)', method: 'POST', url: () => `/v1/replicas/${replica.uuid}/chat/completions`, payload: () => ({ content: 'hi', skip_chat_history: true }), upstreamBody: () => ({ content: 'hi', skip_chat_history: true, source: 'web' }) },
  { name: 'GET chat history', method: 'GET', url: () => `/v1/replicas/${replica.uuid}/chat/history` },
  { name: 'POST knowledge base', method: 'POST', url: () => `/v1/replicas/${replica.uuid}/knowledge-base`, payload: () => ({ text: 'fact' }) },
  { name: 'GET knowledge base', method: 'GET', url: () => `/v1/replicas/${replica.uuid}/knowledge-base` },
  { name: 'GET knowledge base entry', method: 'GET', url: () => `/v1/replicas/${replica.uuid}/knowledge-base/${entryId}` },
  { name: 'GET conversations', method: 'GET', url: () => `/v1/replicas/${replica.uuid}/conversations` },
  { name: 'GET messages', method: 'GET', url: () => `/v1/replicas/${replica.uuid}/conversations/${conversationUUID}/messages` },
  // The routes of the mirrored table, and the hand-written ones that came with them.
  { name: 'GET /v1/users/:userID', method: 'GET', url: () => '/v1/users/owner' },
  { name: 'GET chat history (web)', method: 'GET', url: () => `/v1/replicas/${replica.uuid}/chat/history/web` },
  { name: 'POST chat history', method: 'POST', url: () => `/v1/replicas/${replica.uuid}/chat/history`, payload: () => ({ content: 'saved' }), upstreamBody: () => ({ content: 'saved', source: 'web' }) },
  { name: 'POST experimental chat', method: 'POST', url: () => `/v1/experimental/replicas/${replica.uuid}/chat/completions`, payload: () => ({ messages: [{ role: 'user', content: 'hi' }], store: false }), upstreamBody: () => ({ messages: [{ role: 'user', content: 'hi' }], store: false, source: 'web' }) },
  { name: 'GET chats', method: 'GET', url: () => `/v1/replicas/${replica.uuid}/chats` },
  { name: 'GET chat', method: 'GET', url: () => `/v1/replicas/${replica.uuid}/chats/${chatUUID}` },
  { name: 'GET chat messages', method: 'GET', url: () => `/v1/replicas/${replica.uuid}/chats/${chatUUID}/messages` },
  { name: 'GET conversation', method: 'GET', url: () => `/v1/replicas/${replica.uuid}/conversations/${conversationUUID}` },
  { name: 'GET mentions', method: 'GET', url: () => `/v1/replicas/${replica.uuid}/conversations/${conversationUUID}/mentions` },
  { name: 'GET analytics (historical)', method: 'GET', url: () => `/v1/replicas/${replica.uuid}/analytics/conversations/historical` },
  { name: 'GET file types', method: 'GET', url: () => '/v1/knowledge-base/file-types' },
  { name: 'GET org-wide knowledge base', method: 'GET', url: () => '/v1/knowledge-base' },
  { name: 'GET org-wide knowledge base entry', method: 'GET', url: () => `/v1/knowledge-base/${entryId}` }
]

/** A real answer for the route, straight from the emulator. */
async function realAnswer (route: Route): Promise<Record<string, unknown>> {
  const body = route.upstreamBody?.() ?? route.payload?.()
  const res = await request(`${h.emu.url}${route.url()}`, {
    method: route.method,
    headers: { 'x-organization-secret': SECRET, 'x-user-id': 'owner', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  expect(res.statusCode, `${route.name} answers upstream`).toBeLessThan(300)
  return await res.body.json() as Record<string, unknown>
}

function wrongType (value: unknown): unknown {
  if (typeof value === 'string') return 42
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return { 0: value[0] }
  return 'x'
}

/** The rewrites of one answer: [what, a JSON body or a raw text]. */
function rewrites (answer: Record<string, unknown>): Array<[string, { body?: Record<string, unknown>, raw?: string }]> {
  const out: Array<[string, { body?: Record<string, unknown>, raw?: string }]> = []
  for (const key of Object.keys(answer)) {
    const { [key]: value, ...rest } = answer
    out.push([`${key} missing`, { body: rest }])
    out.push([`${key} null`, { body: { ...rest, [key]: null } }])
    out.push([`${key} of another type`, { body: { ...rest, [key]: wrongType(value) } }])
    if (Array.isArray(value) && value.length > 0) {
      out.push([`${key}[0] null`, { body: { ...rest, [key]: [null, ...value.slice(1)] } }])
      out.push([`${key}[0] a number`, { body: { ...rest, [key]: [42, ...value.slice(1)] } }])
      const first = value[0] as Record<string, unknown>
      if (typeof first === 'object' && first !== null) {
        out.push([`${key}[0] with an extra field`, { body: { ...rest, [key]: [{ ...first, internal: CANARY }, ...value.slice(1)] } }])
        for (const inner of Object.keys(first)) {
          const { [inner]: innerValue, ...innerRest } = first
          out.push([`${key}[0].${inner} missing`, { body: { ...rest, [key]: [innerRest, ...value.slice(1)] } }])
          out.push([`${key}[0].${inner} of another type`, { body: { ...rest, [key]: [{ ...innerRest, [inner]: wrongType(innerValue) }, ...value.slice(1)] } }])
        }
      }
    }
  }
  out.push(['an extra field', { body: { ...answer, internal: CANARY, inner_exception: { stack: CANARY } } }])
  out.push(['private as the string "true"', { body: { ...answer, private: 'true' } }])
  out.push(['an empty body', { raw: '' }])
  out.push(['a cut body', { raw: JSON.stringify(answer).slice(0, 12) }])
  out.push(['not JSON', { raw: '<html>oops</html>' }])
  out.push(['a JSON array', { raw: '[]' }])
  out.push(['JSON null', { raw: 'null' }])
  return out
}

beforeAll(async () => {
  // Hundreds of requests from one user: the limits are not what is tested here.
  h = await startHarness({ config: { rateLimit: { ...baseConfig('http://127.0.0.1:1').rateLimit, max: 1_000_000, chatMax: 1_000_000 } } })
  h.emu.state.addUser('owner')
  replica = h.emu.state.addReplica({ ownerID: 'owner', name: 'Target', tags: ['AI'] })
  entryId = h.emu.state.addKnowledge({ replicaUUID: replica.uuid, type: 'text', rawText: 'known' }).id
  h.emu.state.addMessage(replica, 'owner', 'web', 'user', 'hello')
  h.emu.state.addMessage(replica, 'owner', 'web', 'assistant', 'hi')
  const conversation = [...h.emu.state.conversations.values()].find((c) => c.replicaUUID === replica.uuid)!
  conversationUUID = conversation.uuid
  chatUUID = conversation.chatUUID
  headers = await h.as('owner')
  // The user is provisioned and the replica known before any answer is rewritten.
  await h.app.inject({ method: 'GET', url: `/v1/replicas/${replica.uuid}`, headers })
})
afterAll(async () => h.close())

describe('surprising upstream answers on every JSON route', () => {
  for (const route of routes) {
    it(route.name, async () => {
      const answer = await realAnswer(route)
      const outcomes = new Map<number, string[]>()
      for (const [what, rewrite] of rewrites(answer)) {
        const path = route.url()
        h.emu.faults.push({ method: route.method, path, status: route.method === 'POST' && path === '/v1/replicas' ? 201 : 200, ...rewrite })
        const res = await h.app.inject({ method: route.method, url: path, headers, payload: route.payload?.() })
        h.emu.faults.length = 0
        const where = `${route.name}, ${what}: ${res.statusCode} ${res.body.slice(0, 200)}`
        expect([200, 201, 207, 404, 502], where).toContain(res.statusCode)
        expect(res.body, where).not.toContain(CANARY)
        expect(res.body, where).not.toContain('inner_exception')
        if (res.statusCode === 502) expect(res.json().error_code, where).toBe('UPSTREAM_ERROR')
        if (res.statusCode < 300) expect(res.body, where).not.toBe('')
        outcomes.set(res.statusCode, [...(outcomes.get(res.statusCode) ?? []), what])
      }
      // Broken answers are caught, not passed on: an empty or cut body is never a success.
      expect(outcomes.get(502)).toEqual(expect.arrayContaining(['an empty body', 'a cut body', 'not JSON', 'a JSON array', 'JSON null']))
    })
  }
})

describe('what those rewrites used to break', () => {
  it('chat history without items (Sensay makes it optional) is a 200', async () => {
    h.emu.faults.push({ method: 'GET', path: `/v1/replicas/${replica.uuid}/chat/history`, status: 200, body: { success: true, type: 'array' } })
    const res = await h.app.inject({ method: 'GET', url: `/v1/replicas/${replica.uuid}/chat/history`, headers })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ success: true, type: 'array' })
  })

  it('no quiet conversions: a name of 42 or null is a 502 naming the route and field in the log, not "42" or ""', async () => {
    for (const name of [42, null]) {
      h.emu.faults.push({ method: 'GET', path: '/v1/users/me', status: 200, body: { success: true, id: 'owner', name } })
      const res = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers })
      expect(res.statusCode).toBe(502)
      expect(res.json()).toMatchObject({ error_code: 'UPSTREAM_ERROR', request_id: res.headers['x-request-id'] })
      const line = h.logLines().find((l) => l.reqId === res.headers['x-request-id'] || l.requestId === res.headers['x-request-id'])
      expect(JSON.stringify(line)).toContain('GET /v1/users/me')
      expect(JSON.stringify(line)).toContain('name must be string')
    }
  })

  it('a list with one malformed item serves the well-formed ones; a private of "yes" counts as private, shown to its owner only as private: true', async () => {
    h.emu.state.addUser('viewer')
    const good = { uuid: '11111111-1111-4111-8111-111111111111', name: 'Good', slug: 'good', shortDescription: 's', greeting: 'g', ownerID: 'someone', private: false }
    const odd = { uuid: '22222222-2222-4222-8222-222222222222', name: 'Odd', slug: 'odd-yes', shortDescription: 's', greeting: 'g', ownerID: 'owner', private: 'yes' }
    const broken = { uuid: '33333333-3333-4333-8333-333333333333', name: 42, slug: 'broken', shortDescription: 's', greeting: 'g', ownerID: 'someone' }
    const list = { success: true, type: 'array', items: [good, broken, odd, 'not an object'], total: 4 }
    for (const [user, expected] of [['viewer', ['Good']], ['owner', ['Good', 'Odd']]] as const) {
      h.emu.faults.push({ method: 'GET', path: '/v1/replicas', status: 200, body: list })
      const res = await h.app.inject({ method: 'GET', url: '/v1/replicas', headers: await h.as(user) })
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json().items.map((r: { name: string }) => r.name)).toEqual(expected)
      if (user === 'owner') expect(res.json().items[1].private).toBe(true)
      const warned = h.logLines().find((l) => l.reqId === res.headers['x-request-id'] && l.malformed !== undefined)
      expect(warned?.malformed).toBe(2)
    }
  })

  it('a replica whose private is "true" is neither shown nor listed to others', async () => {
    h.emu.state.addUser('stranger')
    const odd = h.emu.state.addReplica({ ownerID: 'owner', name: 'Odd', slug: 'odd' })
    ;(odd as unknown as { private: unknown }).private = 'true'
    const stranger = await h.as('stranger')
    expect((await h.app.inject({ method: 'GET', url: `/v1/replicas/${odd.uuid}`, headers: stranger })).statusCode).toBe(404)
    const list = await h.app.inject({ method: 'GET', url: '/v1/replicas', headers: stranger })
    expect(list.statusCode).toBe(200)
    expect(list.json().items.map((r: { uuid: string }) => r.uuid)).not.toContain(odd.uuid)
  })
})
