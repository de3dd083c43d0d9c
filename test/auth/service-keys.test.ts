import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { parseApiKeys, sha256Hex } from '../../src/auth/api-keys.js'
import type { EmuReplica } from '../../src/emulator/state.js'
import { SERVICE_KEY, baseConfig, captureStream, startHarness, type Harness } from '../helpers/harness.js'

// A service key is a team's server acting for its users: each request names
// the user in X-USER-ID, and gets that user's rules, limits and nothing more.

let h: Harness
let pub: EmuReplica
let priv: EmuReplica
const as = (userId: string) => ({ 'x-api-key': SERVICE_KEY, 'x-user-id': userId })

beforeAll(async () => {
  h = await startHarness()
  h.emu.state.addUser('owner')
  pub = h.emu.state.addReplica({ ownerID: 'owner', name: 'Shop', slug: 'svc-shop' })
  priv = h.emu.state.addReplica({ ownerID: 'owner', name: 'Back office', slug: 'svc-private', private: true, whitelistEmails: ['customer@example.com'] })
})
afterAll(async () => h.close())
beforeEach(() => { h.emu.calls.length = 0 })

describe('service keys', () => {
  it('act as the named user: provisioned, sent upstream as X-USER-ID, logged as service:<key>:<user>', async () => {
    const res = await h.app.inject({ method: 'POST', url: `/v1/replicas/${pub.uuid}/chat/completions`, headers: as('customer-7'), payload: { content: 'hi' } })
    expect(res.statusCode).toBe(200)
    expect(h.emu.callsTo('POST', '/v1/users').map((c) => c.body)).toEqual([{ id: 'customer-7' }])
    expect(h.emu.callsTo('POST', `/v1/replicas/${pub.uuid}/chat/completions`)[0]!.headers['x-user-id']).toBe('customer-7')
    const line = h.logLines().find((l) => l.reqId === res.headers['x-request-id'])
    expect(line?.user).toBe('service:shop:customer-7')
  })

  it('have the user\'s rules and no more: not the owner\'s routes, not private replicas, no allowlist by email', async () => {
    const owned = await h.app.inject({ method: 'PUT', url: `/v1/replicas/${pub.uuid}`, headers: as('customer-7'), payload: { name: 'x', shortDescription: 'x', greeting: 'x', slug: 'svc-shop', llm: {} } })
    expect(owned.statusCode).toBe(403)
    const hidden = await h.app.inject({ method: 'GET', url: `/v1/replicas/${priv.uuid}`, headers: as('customer-7') })
    expect(hidden.statusCode).toBe(404)
    const kb = await h.app.inject({ method: 'GET', url: `/v1/replicas/${pub.uuid}/knowledge-base`, headers: as('customer-7') })
    expect(kb.statusCode).toBe(403)
    expect(h.emu.calls.filter((c) => c.method === 'PUT' || c.path.includes('knowledge-base'))).toEqual([])
    // As the owner it may do what the owner may, and only through the owner's id.
    const asOwner = await h.app.inject({ method: 'GET', url: `/v1/replicas/${pub.uuid}/knowledge-base`, headers: as('owner') })
    expect(asOwner.statusCode).toBe(200)
  })

  it.each([
    ['no X-USER-ID', {}],
    ['an empty one', { 'x-user-id': '' }],
    ['one with a leading space', { 'x-user-id': ' bob' }],
    ['one longer than 255 characters', { 'x-user-id': 'u'.repeat(256) }],
    ['one with a control character', { 'x-user-id': 'bob\tx' }]
  ])('answer 400 naming the header for %s, nothing sent', async (_name, headers) => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: { 'x-api-key': SERVICE_KEY, ...headers } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ error_code: 'VALIDATION_FAILED', details: [{ in: 'headers', field: 'x-user-id' }] })
    expect(h.emu.calls).toEqual([])
  })

  it('are limited per user, not per key: one customer at the limit does not stop the next', async () => {
    const config = baseConfig(h.emu.url)
    const app = await buildApp({ ...config, rateLimit: { ...config.rateLimit, max: 2 } }, { logStream: captureStream([]), upstreamKeepAliveMs: 500 })
    try {
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push((await app.inject({ method: 'GET', url: `/v1/replicas/${pub.uuid}`, headers: as('busy-customer') })).statusCode)
      expect(statuses).toEqual([200, 200, 429])
      expect((await app.inject({ method: 'GET', url: `/v1/replicas/${pub.uuid}`, headers: as('quiet-customer') })).statusCode).toBe(200)
    } finally {
      await app.close()
    }
  })

  it('the keys file takes role service, and refuses a userId on it', () => {
    expect(parseApiKeys(JSON.stringify([{ name: 'svc', sha256: sha256Hex('k'), role: 'service' }]))[0]!.role).toBe('service')
    expect(() => parseApiKeys(JSON.stringify([{ name: 'svc', sha256: sha256Hex('k'), role: 'service', userId: 'bob' }]))).toThrow(/only role "user" takes a userId/)
  })
})
