import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { ADMIN_KEY, baseConfig, captureStream, startHarness, USER_KEY, type Harness } from '../helpers/harness.js'
import type { EmuReplica } from '../../src/emulator/state.js'

let h: Harness
let replica: EmuReplica

beforeAll(async () => {
  h = await startHarness()
  h.emu.state.addUser('bob')
  replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Bob Bot' })
})
afterAll(async () => h.close())
beforeEach(() => { h.emu.calls.length = 0 })

describe('identity', () => {
  it.each([
    ['no credentials', {}],
    ['a malformed Authorization header', { authorization: 'Basic Zm9vOmJhcg==' }],
    ['a bad token', { authorization: 'Bearer abc.def.ghi' }],
    ['an unknown API key', { 'x-api-key': 'nope' }],
    ['a dev token outside demo mode', { authorization: 'Bearer dev:bob' }]
  ])('answers 401 to %s, in the contract shape, with nothing sent upstream', async (_name, headers) => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/replicas', headers })
    expect(res.statusCode).toBe(401)
    expect(res.headers['www-authenticate']).toBe('Bearer')
    const body = res.json()
    expect(body).toMatchObject({ success: false, status: 401, error_code: 'UNAUTHENTICATED', details: [] })
    expect(body.request_id).toBe(res.headers['x-request-id'])
    expect(h.emu.calls).toHaveLength(0)
  })

  it('never forwards a client\'s identity or secret headers', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/v1/replicas/${replica.uuid}/chat/history`,
      headers: {
        ...(await h.as('alice')),
        'x-user-id': 'bob',
        'x-user-id-type': 'email',
        'x-organization-secret': 'client-made-up',
        'x-api-version': '1999-01-01',
        cookie: 'session=abc'
      }
    })
    expect(res.statusCode).toBe(200)
    expect(h.emu.calls.length).toBeGreaterThan(0)
    for (const call of h.emu.calls) {
      expect(call.headers['x-organization-secret']).toBe(h.config.organizationSecret)
      expect(call.headers['x-api-version']).toBe('2025-03-25')
      expect(call.headers['x-user-id-type']).toBeUndefined()
      expect(call.headers.authorization).toBeUndefined()
      expect(call.headers.cookie).toBeUndefined()
      expect(call.headers['x-api-key']).toBeUndefined()
      if (call.headers['x-user-id'] !== undefined) expect(call.headers['x-user-id']).toBe('alice')
    }
  })

  it('sends the request id upstream and keeps a valid incoming one', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: { ...(await h.as('alice')), 'x-request-id': 'trace-abc.123' } })
    expect(res.headers['x-request-id']).toBe('trace-abc.123')
    expect(h.emu.calls.every((c) => c.headers['x-request-id'] === 'trace-abc.123')).toBe(true)
  })

  it('replaces an invalid incoming request id', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } })
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('takes an admin key as the organization: no X-USER-ID upstream', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/replicas', headers: { 'x-api-key': ADMIN_KEY } })
    expect(res.statusCode).toBe(200)
    expect(h.emu.calls.map((c) => c.headers['x-user-id'])).toEqual([undefined])
    expect(res.json().items[0]).toHaveProperty('ownerID', 'bob')
  })

  it('takes a user key as its userId', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/replicas', headers: { 'x-api-key': USER_KEY } })
    expect(res.statusCode).toBe(200)
    expect(h.emu.callsTo('GET', '/v1/replicas')[0]?.headers['x-user-id']).toBe('carol')
  })

  it('does not fall back to a bearer token when the API key is wrong', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/replicas', headers: { ...(await h.as('alice')), 'x-api-key': 'wrong' } })
    expect(res.statusCode).toBe(401)
  })
})

describe('demo mode', () => {
  it('accepts Bearer dev:<id> only when devAuth is on', async () => {
    const app = await buildApp(baseConfig(h.emu.url, { devAuth: true }), { logStream: captureStream([]), upstreamKeepAliveMs: 500 })
    try {
      const res = await app.inject({ method: 'GET', url: '/v1/users/me', headers: { authorization: 'Bearer dev:zoe' } })
      expect(res.statusCode).toBe(200)
      expect(res.json().id).toBe('zoe')
      const empty = await app.inject({ method: 'GET', url: '/v1/users/me', headers: { authorization: 'Bearer dev:' } })
      expect(empty.statusCode).toBe(401)
    } finally {
      await app.close()
    }
  })
})
