import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { SECRET, startHarness, type Harness } from '../helpers/harness.js'
import { ReplicaAccess } from '../../src/auth/replica-access.js'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
  h.emu.state.addUser('owner')
})
afterAll(async () => h.close())

describe('no stale authorization', () => {
  it('a lookup in flight while the owner makes the replica private does not refill the cache with the old state', async () => {
    const replica = h.emu.state.addReplica({ ownerID: 'owner', name: 'Soon private', slug: 'soon-private' })
    const owner = await h.as('owner')
    const visitor = await h.as('visitor')
    expect((await h.app.inject({ method: 'GET', url: `/v1/replicas/${replica.uuid}`, headers: owner })).statusCode).toBe(200)
    // Sensay answers the visitor's read with the state before the change, but late.
    const before = await request(`${h.emu.url}/v1/replicas/${replica.uuid}`, { headers: { 'x-organization-secret': SECRET } })
    h.emu.faults.push({ method: 'GET', path: `/v1/replicas/${replica.uuid}`, status: 200, body: await before.body.json() as Record<string, unknown>, delayMs: 400 })
    const arrived = once(h.emu.events, 'request')
    const slowRead = h.app.inject({ method: 'GET', url: `/v1/replicas/${replica.uuid}`, headers: visitor })
    await arrived
    const change = await h.app.inject({ method: 'PUT', url: `/v1/replicas/${replica.uuid}`, headers: owner, payload: { name: 'Soon private', shortDescription: '', greeting: '', slug: 'soon-private', llm: {}, private: true } })
    expect(change.statusCode).toBe(200)
    expect((await slowRead).statusCode).toBe(200) // answered from the old state: it was in flight
    const after = await h.app.inject({ method: 'POST', url: `/v1/replicas/${replica.uuid}/chat/completions`, headers: visitor, payload: { content: 'still here?' } })
    expect(after.statusCode).toBe(404)
    expect(h.emu.callsTo('POST', `/v1/replicas/${replica.uuid}/chat/completions`)).toHaveLength(0)
  })
})

describe('visibility from upstream data that is not well-formed fails closed', () => {
  const user = { kind: 'user', userId: 'u', email: 'u@example.com', via: 'jwt' } as const
  it.each([
    ['private "true"', { ownerID: 'o', private: 'true' }],
    ['private null', { ownerID: 'o', private: null }],
    ['private 1', { ownerID: 'o', private: 1 }],
    ['an allowlist that is a string', { ownerID: 'o', private: true, whitelistEmails: 'u@example.com' }],
    ['an ownerID that is not a string', { ownerID: ['u'], private: true }]
  ])('%s is private and not the caller\'s', (_what, replica) => {
    expect(ReplicaAccess.canSee(user, replica)).toBe(false)
    expect(ReplicaAccess.isOwner(user, replica)).toBe(false)
  })

  it('an allowlist match is ASCII case-insensitive only: a Kelvin sign does not match a k', () => {
    const kelvin = { kind: 'user', userId: 'k', email: '\u212Aarl@example.com', via: 'jwt' } as const
    expect(ReplicaAccess.canSee(kelvin, { ownerID: 'o', private: true, whitelistEmails: ['karl@example.com'] })).toBe(false)
    const karl = { kind: 'user', userId: 'k', email: 'karl@example.com', via: 'jwt' } as const
    expect(ReplicaAccess.canSee(karl, { ownerID: 'o', private: true, whitelistEmails: ['\u212Aarl@example.com'] })).toBe(false)
    expect(ReplicaAccess.canSee(karl, { ownerID: 'o', private: true, whitelistEmails: ['KARL@example.com'] })).toBe(true)
  })

  it('only false or absent is public', () => {
    expect(ReplicaAccess.canSee(user, { ownerID: 'o', private: false })).toBe(true)
    expect(ReplicaAccess.canSee(user, { ownerID: 'o' })).toBe(true)
    expect(ReplicaAccess.canSee(user, { ownerID: 'o', private: true, whitelistEmails: ['U@example.com'] })).toBe(true)
  })
})
