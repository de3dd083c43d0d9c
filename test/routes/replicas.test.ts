import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_KEY, startHarness, UNKNOWN_UUID, type Harness } from '../helpers/harness.js'
import type { EmuReplica } from '../../src/emulator/state.js'
import { replicaListItem } from '../../src/emulator/views.js'

let h: Harness
let bobPublic: EmuReplica
let bobPrivate: EmuReplica

const validBody = {
  name: 'Alice Bot',
  shortDescription: 'Helps',
  greeting: 'Hi',
  slug: 'alice-bot',
  llm: { model: 'gpt-4o', systemMessage: 'be nice' }
}

beforeAll(async () => {
  h = await startHarness()
  h.emu.state.addUser('bob')
  bobPublic = h.emu.state.addReplica({ ownerID: 'bob', name: 'Bob Public', slug: 'bob-public', llm: { systemMessage: 'secret sauce' } as EmuReplica['llm'], distilledKnowledge: 'distilled' })
  bobPrivate = h.emu.state.addReplica({ ownerID: 'bob', name: 'Bob Private', slug: 'bob-private', private: true, whitelistEmails: ['Dana@Example.com'] })
})
afterAll(async () => h.close())
beforeEach(() => { h.emu.calls.length = 0 })

describe('GET /v1/replicas/:replicaUUID', () => {
  it('gives a non-owner the public projection only', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/replicas/${bobPublic.uuid}`, headers: await h.as('alice') })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ success: true, uuid: bobPublic.uuid, name: 'Bob Public', slug: 'bob-public' })
    for (const hidden of ['ownerID', 'whitelistEmails', 'distilledKnowledge', 'llm', 'systemMessage']) expect(body).not.toHaveProperty(hidden)
    expect(res.body).not.toContain('secret sauce')
  })

  it('gives the owner everything documented', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/replicas/${bobPublic.uuid}`, headers: await h.as('bob') })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ ownerID: 'bob', distilledKnowledge: 'distilled', llm: { systemMessage: 'secret sauce' } })
  })

  it('hides a private replica from others as 404', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/replicas/${bobPrivate.uuid}`, headers: await h.as('alice') })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toMatchObject({ success: false, status: 404, error_code: 'NOT_FOUND' })
  })

  it('shows a private replica to a verified allowlisted email (public projection)', async () => {
    const headers = await h.as('dana', { email: 'dana@example.com', email_verified: true })
    const res = await h.app.inject({ method: 'GET', url: `/v1/replicas/${bobPrivate.uuid}`, headers })
    expect(res.statusCode).toBe(200)
    expect(res.json()).not.toHaveProperty('whitelistEmails')
  })

  it('does not trust an unverified email', async () => {
    const headers = await h.as('dana2', { email: 'dana@example.com', email_verified: false })
    const res = await h.app.inject({ method: 'GET', url: `/v1/replicas/${bobPrivate.uuid}`, headers })
    expect(res.statusCode).toBe(404)
  })

  it('lets an admin key see private replicas in full', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/replicas/${bobPrivate.uuid}`, headers: { 'x-api-key': ADMIN_KEY } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ ownerID: 'bob', whitelistEmails: ['Dana@Example.com'] })
  })

  it('a missing replica and a private one answer the same 404: status, message and fields', async () => {
    const missing = await h.app.inject({ method: 'GET', url: `/v1/replicas/${UNKNOWN_UUID}`, headers: await h.as('alice') })
    const hidden = await h.app.inject({ method: 'GET', url: `/v1/replicas/${bobPrivate.uuid}`, headers: await h.as('alice') })
    expect(missing.statusCode).toBe(404)
    expect(hidden.statusCode).toBe(404)
    const { request_id: _a, ...missingBody } = missing.json()
    const { request_id: _b, ...hiddenBody } = hidden.json()
    expect(missingBody).toEqual({ success: false, status: 404, error_code: 'NOT_FOUND', error: 'Replica not found.', details: [] })
    expect(hiddenBody).toEqual(missingBody)
    expect(Object.keys(missing.headers).sort()).toEqual(Object.keys(hidden.headers).sort())
  })

  it.each([
    ['..%2F..%2Fusers'],
    ['not-a-uuid'],
    ['urn:uuid:00000000-0000-4000-8000-000000000000'],
    ['00000000-0000-4000-8000-00000000000g']
  ])('refuses replicaUUID %s with 400 before anything goes upstream', async (id) => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/replicas/${id}`, headers: await h.as('alice') })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ error_code: 'VALIDATION_FAILED', details: [{ in: 'path', field: 'replicaUUID' }] })
    expect(h.emu.calls).toHaveLength(0)
  })
})

describe('GET /v1/replicas', () => {
  it('lists as the user, projecting replicas the user does not own', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/replicas?page=1&page_size=10&tags=AI', headers: await h.as('alice') })
    expect(res.statusCode).toBe(200)
    const [call] = h.emu.callsTo('GET', '/v1/replicas')
    expect(call?.headers['x-user-id']).toBe('alice')
    expect(call?.query).toBe('page=1&page_size=10&tags=AI')

    const all = await h.app.inject({ method: 'GET', url: '/v1/replicas', headers: await h.as('alice') })
    const items = all.json().items as Array<Record<string, unknown>>
    expect(items.map((i) => i.name)).toContain('Bob Public')
    expect(items.map((i) => i.name)).not.toContain('Bob Private')
    for (const item of items) {
      expect(item).not.toHaveProperty('ownerID')
      expect(item).not.toHaveProperty('system_message')
      expect(item).not.toHaveProperty('discord_integration')
    }
  })

  it('drops another user\'s private replica even when upstream lists it', async () => {
    const listed = [bobPublic, bobPrivate].map((r) => replicaListItem(r, h.emu.state))
    // The next two list calls (alice's, then bob's) get both of bob's replicas.
    h.emu.faults.push({ method: 'GET', path: '/v1/replicas', status: 200, body: { success: true, type: 'array', items: listed, total: 2 }, times: 2 })
    const res = await h.app.inject({ method: 'GET', url: '/v1/replicas', headers: await h.as('alice') })
    expect(res.statusCode).toBe(200)
    expect(res.json().items.map((i: { name: string }) => i.name)).toEqual(['Bob Public'])

    const owner = await h.app.inject({ method: 'GET', url: '/v1/replicas', headers: await h.as('bob') })
    expect(owner.json().items.map((i: { name: string }) => i.name)).toEqual(['Bob Public', 'Bob Private'])
  })

  it('drops query parameters Sensay does not define (never forwarded, named in the log line); reads tags[] as tags', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/replicas?owner=bob&limit=20&offset=0&tags[]=AI&tags=Music&page_size=24', headers: await h.as('alice') })
    expect(res.statusCode).toBe(200)
    const [call] = h.emu.callsTo('GET', '/v1/replicas')
    const forwarded = new URLSearchParams(call!.query)
    expect([...forwarded.keys()].sort()).toEqual(['page_size', 'tags', 'tags'])
    expect(forwarded.getAll('tags').sort()).toEqual(['AI', 'Music'])
    const line = h.logLines().find((l) => l.reqId === res.headers['x-request-id'])
    expect(line?.droppedQuery).toEqual(['owner', 'limit', 'offset'])
  })

  it('a defined query parameter with a bad value is still a 400 naming it, with nothing sent', async () => {
    for (const url of ['/v1/replicas?tags[]=NotATag', '/v1/replicas?page_size=none', '/v1/replicas?sort=size']) {
      const res = await h.app.inject({ method: 'GET', url, headers: await h.as('alice') })
      expect(res.statusCode, url).toBe(400)
      expect(res.json().details[0].in, url).toBe('query')
    }
    expect(h.emu.callsTo('GET', '/v1/replicas')).toHaveLength(0)
  })

  it('accepts and forwards Sensay\'s own list parameters (page_index, owner filters, integration)', async () => {
    const url = '/v1/replicas?page_index=1&page_size=24&sort=name&ownerID=bob&owner_uuid=bob&integration=telegram&tags=AI'
    const res = await h.app.inject({ method: 'GET', url, headers: await h.as('alice') })
    expect(res.statusCode).toBe(200)
    const [call] = h.emu.callsTo('GET', '/v1/replicas')
    expect(Object.fromEntries(new URLSearchParams(call!.query))).toEqual({ page_index: '1', page_size: '24', sort: 'name', ownerID: 'bob', owner_uuid: 'bob', integration: 'telegram', tags: 'AI' })
  })

  it('an owner filter still lists only what the caller may see', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/replicas?ownerID=bob', headers: await h.as('alice') })
    expect(res.statusCode).toBe(200)
    const uuids = res.json().items.map((r: { uuid: string }) => r.uuid)
    expect(uuids).toContain(bobPublic.uuid)
    expect(uuids).not.toContain(bobPrivate.uuid)
  })

  it('refuses a tag Sensay does not define, naming it', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/replicas?tags=nope', headers: await h.as('alice') })
    expect(res.statusCode).toBe(400)
    expect(res.json().details[0]).toMatchObject({ in: 'query', field: 'tags.0' })
    expect(h.emu.callsTo('GET', '/v1/replicas')).toHaveLength(0)
  })
})

describe('POST /v1/replicas', () => {
  it('creates a replica owned by the session user', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: await h.as('alice'), payload: validBody })
    expect(res.statusCode).toBe(201)
    const { uuid } = res.json()
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/)
    const [call] = h.emu.callsTo('POST', '/v1/replicas')
    expect(call?.body).toMatchObject({ ...validBody, ownerID: 'alice' })
    expect(h.emu.state.replicas.get(uuid)?.ownerID).toBe('alice')
  })

  it('accepts ownerID naming the caller, and keys Sensay ignores in llm (dropped, not forwarded)', async () => {
    const payload = { ...validBody, slug: 'alice-guide', ownerID: 'alice', llm: { ...validBody.llm, provider: 'openai', memoryMode: 'rag-search' } }
    const res = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: await h.as('alice'), payload })
    expect(res.statusCode).toBe(201)
    const [call] = h.emu.callsTo('POST', '/v1/replicas')
    expect(call?.body).toMatchObject({ ownerID: 'alice', llm: { model: 'gpt-4o', systemMessage: 'be nice', memoryMode: 'rag-search' } })
    expect((call?.body as { llm: object }).llm).not.toHaveProperty('provider')
  })

  it('refuses ownerID naming someone else with 403, naming the field, and sends nothing', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: await h.as('alice'), payload: { ...validBody, slug: 'stolen', ownerID: 'bob' } })
    expect(res.statusCode).toBe(403)
    expect(res.json()).toMatchObject({ error_code: 'FORBIDDEN', details: [{ in: 'body', field: 'ownerID' }] })
    expect(res.json().error).toContain('ownerID')
    expect(h.emu.callsTo('POST', '/v1/replicas')).toHaveLength(0)
  })

  it.each(['usageLimits', 'elevenLabsID', 'isAccessibleByCustomerSupport', 'introductionAudioID'])('refuses a body with %s, naming it, and sends nothing', async (field) => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: await h.as('alice'), payload: { ...validBody, slug: 'x', [field]: 'bob' } })
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expect(body).toMatchObject({ error_code: 'VALIDATION_FAILED', details: [{ in: 'body', field, message: 'is not accepted' }] })
    expect(body.error).toContain(field)
    expect(h.emu.callsTo('POST', '/v1/replicas')).toHaveLength(0)
  })

  it('names a nested invalid field', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: await h.as('alice'), payload: { ...validBody, llm: { model: 'gpt-4o', memoryMode: 'x' } } })
    expect(res.statusCode).toBe(400)
    expect(res.json().details[0]).toMatchObject({ field: 'llm.memoryMode', message: 'must be one of "prompt-caching", "rag-search"' })
    expect(h.emu.callsTo('POST', '/v1/replicas')).toHaveLength(0)
  })

  it('names a missing field', async () => {
    const { name: _name, ...rest } = validBody
    const res = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: await h.as('alice'), payload: rest })
    expect(res.statusCode).toBe(400)
    expect(res.json().details[0]).toMatchObject({ field: 'name', message: 'is required' })
  })

  it('a slug conflict says the slug is unavailable, and nothing about whose it is', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: await h.as('alice'), payload: { ...validBody, slug: 'bob-private' } })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error_code: 'SLUG_UNAVAILABLE', error: 'This slug is unavailable; choose another.' })
    expect(res.body).not.toContain('bob-private')
    expect(res.body).not.toContain('already')
  })

  it('an admin key must name the owner', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: { 'x-api-key': ADMIN_KEY }, payload: { ...validBody, slug: 'admin-made' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().details[0]).toMatchObject({ in: 'body', field: 'ownerID' })
    expect(h.emu.callsTo('POST', '/v1/replicas')).toHaveLength(0)
  })

  it('an admin key may create for an existing user, not for one that does not exist', async () => {
    const made = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: { 'x-api-key': ADMIN_KEY }, payload: { ...validBody, slug: 'for-bob', ownerID: 'bob' } })
    expect(made.statusCode).toBe(201)
    expect(h.emu.state.replicas.get(made.json().uuid)?.ownerID).toBe('bob')
    const ghost = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: { 'x-api-key': ADMIN_KEY }, payload: { ...validBody, slug: 'for-ghost', ownerID: 'ghost/../x' } })
    expect(ghost.statusCode).toBe(400)
    expect(ghost.json().details[0]).toMatchObject({ in: 'body', field: 'ownerID', message: 'names no existing user' })
    expect(h.emu.callsTo('GET', '/v1/users/ghost%2F..%2Fx')).toHaveLength(1)
    expect(h.emu.callsTo('POST', '/v1/replicas')).toHaveLength(1)
  })
})

describe('PUT and DELETE /v1/replicas/:replicaUUID', () => {
  it('answers 403 to a non-owner and sends no PUT upstream', async () => {
    const res = await h.app.inject({ method: 'PUT', url: `/v1/replicas/${bobPublic.uuid}`, headers: await h.as('alice'), payload: { ...validBody, slug: 'hijack' } })
    expect(res.statusCode).toBe(403)
    expect(res.json()).toMatchObject({ error_code: 'FORBIDDEN' })
    expect(h.emu.callsTo('PUT', /^\/v1\/replicas\//)).toHaveLength(0)
    expect(h.emu.state.replicas.get(bobPublic.uuid)?.slug).toBe('bob-public')
  })

  it('answers 404 (not 403) on a private replica the caller cannot see', async () => {
    const res = await h.app.inject({ method: 'DELETE', url: `/v1/replicas/${bobPrivate.uuid}`, headers: await h.as('alice') })
    expect(res.statusCode).toBe(404)
    expect(h.emu.callsTo('DELETE', /^\/v1\/replicas\//)).toHaveLength(0)
  })

  it('lets the owner replace the replica, keeping the owner', async () => {
    const created = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: await h.as('erin'), payload: { ...validBody, slug: 'erin-bot' } })
    const { uuid } = created.json()
    // Warm the access cache, then check the update is seen at once.
    await h.app.inject({ method: 'GET', url: `/v1/replicas/${uuid}`, headers: await h.as('erin') })
    const res = await h.app.inject({ method: 'PUT', url: `/v1/replicas/${uuid}`, headers: await h.as('erin'), payload: { ...validBody, slug: 'erin-bot', name: 'Renamed', private: true } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ success: true })
    expect(h.emu.callsTo('PUT', `/v1/replicas/${uuid}`)[0]?.body).toMatchObject({ name: 'Renamed', ownerID: 'erin' })
    const other = await h.app.inject({ method: 'POST', url: `/v1/replicas/${uuid}/chat/completions`, headers: await h.as('alice'), payload: { content: 'hi' } })
    expect(other.statusCode).toBe(404)
  })

  it('refuses ownerID naming someone else in a PUT body (403, named), accepts the owner\'s own', async () => {
    const res = await h.app.inject({ method: 'PUT', url: `/v1/replicas/${bobPublic.uuid}`, headers: await h.as('bob'), payload: { ...validBody, ownerID: 'alice' } })
    expect(res.statusCode).toBe(403)
    expect(res.json().details[0]).toMatchObject({ in: 'body', field: 'ownerID' })
    expect(h.emu.callsTo('PUT', /^\/v1\/replicas\//)).toHaveLength(0)
    const own = await h.app.inject({ method: 'PUT', url: `/v1/replicas/${bobPublic.uuid}`, headers: await h.as('bob'), payload: { ...validBody, slug: 'bob-public', name: 'Bob Public', ownerID: 'bob' } })
    expect(own.statusCode).toBe(200)
    expect(h.emu.callsTo('PUT', `/v1/replicas/${bobPublic.uuid}`)[0]?.body).toMatchObject({ ownerID: 'bob' })
  })

  it('PUT llm is closed, as Sensay\'s is', async () => {
    const res = await h.app.inject({ method: 'PUT', url: `/v1/replicas/${bobPublic.uuid}`, headers: await h.as('bob'), payload: { ...validBody, llm: { provider: 'openai' } } })
    expect(res.statusCode).toBe(400)
    expect(res.json().details[0]).toMatchObject({ in: 'body', field: 'llm.provider', message: 'is not accepted' })
    expect(h.emu.callsTo('PUT', /^\/v1\/replicas\//)).toHaveLength(0)
  })

  it('lets an admin delete any replica', async () => {
    const victim = h.emu.state.addReplica({ ownerID: 'bob', name: 'Doomed', private: true })
    const res = await h.app.inject({ method: 'DELETE', url: `/v1/replicas/${victim.uuid}`, headers: { 'x-api-key': ADMIN_KEY } })
    expect(res.statusCode).toBe(200)
    expect(h.emu.state.replicas.has(victim.uuid)).toBe(false)
    const [call] = h.emu.callsTo('DELETE', `/v1/replicas/${victim.uuid}`)
    expect(call?.headers['x-user-id']).toBeUndefined()
  })

  it('lets the owner delete, and the replica is gone at once', async () => {
    const mine = h.emu.state.addReplica({ ownerID: 'bob', name: 'Short-lived' })
    const headers = await h.as('bob')
    await h.app.inject({ method: 'GET', url: `/v1/replicas/${mine.uuid}`, headers })
    const res = await h.app.inject({ method: 'DELETE', url: `/v1/replicas/${mine.uuid}`, headers })
    expect(res.statusCode).toBe(200)
    const after = await h.app.inject({ method: 'POST', url: `/v1/replicas/${mine.uuid}/chat/completions`, headers, payload: { content: 'still there?' } })
    expect(after.statusCode).toBe(404)
  })
})
