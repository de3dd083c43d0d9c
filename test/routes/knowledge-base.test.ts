import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import type { EmuReplica } from '../../src/emulator/state.js'

let h: Harness
let replica: EmuReplica
const kb = (id?: string | number) => `/v1/replicas/${replica.uuid}/knowledge-base${id === undefined ? '' : `/${id}`}`

beforeAll(async () => {
  h = await startHarness()
  h.emu.state.addUser('olga')
  replica = h.emu.state.addReplica({ ownerID: 'olga', name: 'Olga Bot' })
})
afterAll(async () => h.close())
beforeEach(() => { h.emu.calls.length = 0 })

describe('knowledge base', () => {
  it('lets the owner add an entry (207) and watch it become READY', async () => {
    const headers = await h.as('olga')
    const res = await h.app.inject({ method: 'POST', url: kb(), headers, payload: { text: 'We open at 9.', title: 'Hours' } })
    expect(res.statusCode).toBe(207)
    const body = res.json()
    expect(body).toMatchObject({ success: true, results: [{ type: 'text', enqueued: true }] })
    const id = body.results[0].knowledgeBaseID as number

    // Poll as a client would: the emulator moves one step every 40 ms.
    const statuses = new Set<string>()
    for (let i = 0; i < 50 && !statuses.has('READY'); i++) {
      const entry = await h.app.inject({ method: 'GET', url: kb(id), headers })
      expect(entry.statusCode).toBe(200)
      statuses.add(entry.json().status)
      if (!statuses.has('READY')) await new Promise((resolve) => setTimeout(resolve, 15))
    }
    expect(statuses.has('NEW')).toBe(true)
    expect(statuses.has('READY')).toBe(true)
  })

  it('narrows entries: no vector internals', async () => {
    const headers = await h.as('olga')
    await h.app.inject({ method: 'POST', url: kb(), headers, payload: { text: 'Fact two.' } })
    const list = await h.app.inject({ method: 'GET', url: `${kb()}?status=NEW&status=READY&pageSize=10`, headers })
    expect(list.statusCode).toBe(200)
    const { items, total } = list.json()
    expect(total).toBeGreaterThan(0)
    for (const item of items) {
      expect(item).not.toHaveProperty('vectorEntryID')
      expect(item).not.toHaveProperty('qdrantPoints')
    }
    expect(h.emu.callsTo('GET', kb())[0]?.query).toBe('status=NEW&status=READY&pageSize=10')
  })

  it('updates and deletes an entry', async () => {
    const headers = await h.as('olga')
    const created = await h.app.inject({ method: 'POST', url: kb(), headers, payload: { text: 'Old.' } })
    const id = created.json().results[0].knowledgeBaseID
    const patched = await h.app.inject({ method: 'PATCH', url: kb(id), headers, payload: { rawText: 'New.' } })
    expect(patched.statusCode).toBe(200)
    expect(h.emu.state.knowledge.get(id)?.rawText).toBe('New.')
    const deleted = await h.app.inject({ method: 'DELETE', url: kb(id), headers })
    expect(deleted.statusCode).toBe(200)
    expect(h.emu.state.knowledge.has(id)).toBe(false)
  })

  it.each([
    ['usageLimits', { text: 'x', usageLimits: { knowledgeBaseEntries: { totalUserQuota: 1e9 } } }],
    ['status', { status: 'READY' }],
    ['qdrantPoints', { qdrantPoints: ['p'] }]
  ])('refuses %s from a client', async (field, payload) => {
    const headers = await h.as('olga')
    const method = field === 'usageLimits' ? 'POST' : 'PATCH'
    const res = await h.app.inject({ method, url: method === 'POST' ? kb() : kb(1000), headers, payload })
    expect(res.statusCode).toBe(400)
    expect(res.json().details[0]).toMatchObject({ field })
    expect(h.emu.calls.filter((c) => c.path.includes('knowledge-base'))).toHaveLength(0)
  })

  it('answers 403 to a user who can see the replica but does not own it, and sends nothing', async () => {
    const headers = await h.as('mallory')
    for (const [method, url] of [['POST', kb()], ['GET', kb()], ['GET', kb(1000)], ['PATCH', kb(1000)], ['DELETE', kb(1000)]] as const) {
      const res = await h.app.inject({ method, url, headers, payload: method === 'POST' ? { text: 'spam' } : method === 'PATCH' ? { rawText: 'x' } : undefined })
      expect(res.statusCode, `${method} ${url}`).toBe(403)
    }
    expect(h.emu.calls.filter((c) => c.path.includes('knowledge-base'))).toHaveLength(0)
  })

  it('lets an admin key manage any knowledge base, as the organization', async () => {
    const res = await h.app.inject({ method: 'GET', url: kb(), headers: { 'x-api-key': ADMIN_KEY } })
    expect(res.statusCode).toBe(200)
    expect(h.emu.callsTo('GET', kb())[0]?.headers['x-user-id']).toBeUndefined()
  })

  it.each(['0', '-1', '1.5', '1e3', 'abc', '0x10'])('refuses knowledgeBaseID %s before anything goes upstream', async (id) => {
    const res = await h.app.inject({ method: 'GET', url: kb(id), headers: await h.as('olga') })
    expect(res.statusCode).toBe(400)
    expect(res.json().details[0]).toMatchObject({ in: 'path', field: 'knowledgeBaseID' })
    expect(h.emu.calls.filter((c) => c.path.includes('knowledge-base'))).toHaveLength(0)
  })

  it('passes an unknown entry through as 404', async () => {
    const res = await h.app.inject({ method: 'GET', url: kb(999999), headers: await h.as('olga') })
    expect(res.statusCode).toBe(404)
  })
})

describe('entry and replica pairs, against an upstream that does not check them', () => {
  it('another replica\'s entry, asked for under your replica, is a 404 on GET, PATCH and DELETE, and nothing is written', async () => {
    h.emu.state.addUser('rival')
    const theirs = h.emu.state.addReplica({ ownerID: 'rival', name: 'Rival Bot' })
    const entry = h.emu.state.addKnowledge({ replicaUUID: theirs.uuid, type: 'text', rawText: 'their secret notes' })
    h.emu.options.checksPairs = false
    try {
      const headers = await h.as('olga')
      const read = await h.app.inject({ method: 'GET', url: kb(entry.id), headers })
      expect(read.statusCode).toBe(404)
      expect(read.json()).toMatchObject({ error_code: 'NOT_FOUND', error: 'Knowledge base entry not found.' })
      expect(read.body).not.toContain('their secret notes')
      const patch = await h.app.inject({ method: 'PATCH', url: kb(entry.id), headers, payload: { rawText: 'overwritten' } })
      expect(patch.statusCode).toBe(404)
      const del = await h.app.inject({ method: 'DELETE', url: kb(entry.id), headers })
      expect(del.statusCode).toBe(404)
      expect(h.emu.calls.filter((c) => c.method === 'PATCH' || c.method === 'DELETE')).toEqual([])
      expect(h.emu.state.knowledge.get(entry.id)?.rawText).toBe('their secret notes')
    } finally {
      h.emu.options.checksPairs = true
    }
  })

  it('an answer that does not name its replica is not trusted either', async () => {
    const headers = await h.as('olga')
    const entry = h.emu.state.addKnowledge({ replicaUUID: replica.uuid, type: 'text', rawText: 'mine' })
    h.emu.faults.push({ method: 'GET', path: kb(entry.id), status: 200, body: { success: true, id: entry.id, type: 'text', status: 'READY', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' } })
    const res = await h.app.inject({ method: 'GET', url: kb(entry.id), headers })
    expect(res.statusCode).toBe(404)
  })
})
