import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { EmuReplica } from '../../src/emulator/state.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'

// The organization-wide knowledge-base routes (hidden at Sensay, used by its
// CLI): an admin key as Sensay serves them, a user only what their replicas hold.

let h: Harness
let mine: EmuReplica
let theirs: EmuReplica
let own: number
let foreign: number
const admin = { 'x-api-key': ADMIN_KEY }

beforeAll(async () => {
  h = await startHarness()
  for (const user of ['kim', 'lee']) h.emu.state.addUser(user)
  mine = h.emu.state.addReplica({ ownerID: 'kim', name: 'Kim', slug: 'org-kb-kim' })
  theirs = h.emu.state.addReplica({ ownerID: 'lee', name: 'Lee', slug: 'org-kb-lee' })
  own = h.emu.state.addKnowledge({ replicaUUID: mine.uuid, type: 'text', rawText: 'kim' }).id
  foreign = h.emu.state.addKnowledge({ replicaUUID: theirs.uuid, type: 'text', rawText: 'lee' }).id
})
afterAll(async () => h.close())
beforeEach(() => { h.emu.calls.length = 0 })

describe('GET /v1/knowledge-base', () => {
  it('an admin key lists every entry, as Sensay does', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/knowledge-base?pageSize=100', headers: admin })
    expect(res.statusCode).toBe(200)
    expect(res.json().items.map((e: { id: number }) => e.id)).toEqual(expect.arrayContaining([own, foreign]))
    expect(res.json().total).toBe(h.emu.state.knowledge.size)
  })

  it('a user gets only the entries of replicas they own, total counting what is returned; an entry whose replica is gone is left out', async () => {
    const gone = h.emu.state.addKnowledge({ replicaUUID: '11111111-2222-4333-8444-555555555555', type: 'text', rawText: 'orphan' }).id
    const res = await h.app.inject({ method: 'GET', url: '/v1/knowledge-base?pageSize=100&limit=5', headers: await h.as('kim') })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ success: true, total: 1, items: [{ id: own, replicaUUID: mine.uuid }] })
    expect(new URLSearchParams(h.emu.callsTo('GET', '/v1/knowledge-base')[0]!.query).get('limit')).toBeNull()
    h.emu.state.knowledge.delete(gone)
  })
})

describe('/v1/knowledge-base/:knowledgeBaseID', () => {
  it('the owner of the entry\'s replica reads, changes and deletes it', async () => {
    const headers = await h.as('kim')
    expect((await h.app.inject({ method: 'GET', url: `/v1/knowledge-base/${own}`, headers })).json()).toMatchObject({ id: own, rawText: 'kim' })
    expect((await h.app.inject({ method: 'PATCH', url: `/v1/knowledge-base/${own}`, headers, payload: { title: 'Kim\'s' } })).statusCode).toBe(200)
    expect(h.emu.state.knowledge.get(own)?.title).toBe('Kim\'s')
  })

  it('someone else\'s entry is the same 404 as a missing one, and nothing is written', async () => {
    const headers = await h.as('kim')
    const other = await h.app.inject({ method: 'GET', url: `/v1/knowledge-base/${foreign}`, headers })
    const missing = await h.app.inject({ method: 'GET', url: '/v1/knowledge-base/999999', headers })
    expect([other.statusCode, missing.statusCode]).toEqual([404, 404])
    expect(other.json().error).toBe(missing.json().error)
    for (const method of ['PATCH', 'DELETE'] as const) {
      const res = await h.app.inject({ method, url: `/v1/knowledge-base/${foreign}`, headers, ...(method === 'PATCH' ? { payload: { title: 'taken' } } : {}) })
      expect(res.statusCode).toBe(404)
    }
    expect(h.emu.calls.filter((c) => c.method !== 'GET')).toEqual([])
    expect(h.emu.state.knowledge.get(foreign)?.title).toBeUndefined()
  })

  it('an answer for another entry than the one asked for is a 404, nothing written', async () => {
    h.emu.faults.push({ method: 'GET', path: `/v1/knowledge-base/${own}`, status: 200, body: { success: true, id: foreign, replicaUUID: mine.uuid, type: 'text', status: 'READY', createdAt: 'x', updatedAt: 'x' } })
    const res = await h.app.inject({ method: 'DELETE', url: `/v1/knowledge-base/${own}`, headers: await h.as('kim') })
    expect(res.statusCode).toBe(404)
    expect(h.emu.callsTo('DELETE', `/v1/knowledge-base/${own}`)).toEqual([])
  })

  it('an admin key acts on any entry', async () => {
    expect((await h.app.inject({ method: 'PATCH', url: `/v1/knowledge-base/${foreign}`, headers: admin, payload: { status: 'NEW' } })).statusCode).toBe(200)
    expect(h.emu.callsTo('PATCH', `/v1/knowledge-base/${foreign}`)[0]?.body).toEqual({ status: 'NEW' })
    const deleted = await h.app.inject({ method: 'DELETE', url: `/v1/knowledge-base/${foreign}`, headers: admin })
    expect(deleted.statusCode).toBe(200)
    expect(h.emu.state.knowledge.has(foreign)).toBe(false)
  })
})
