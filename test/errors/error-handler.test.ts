import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../helpers/harness.js'

let h: Harness
let headers: Record<string, string>

beforeAll(async () => {
  h = await startHarness({ config: { bodyLimitBytes: 1024 } })
  headers = await h.as('alice')
})
afterAll(async () => h.close())

function expectShape (body: Record<string, unknown>, status: number, code: string) {
  expect(body).toMatchObject({ success: false, status, error_code: code })
  expect(typeof body.error).toBe('string')
  expect(typeof body.request_id).toBe('string')
  expect(Array.isArray(body.details)).toBe(true)
}

describe('errors in one shape', () => {
  it('answers an unknown route with 404 NOT_FOUND', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/nope' })
    expect(res.statusCode).toBe(404)
    expectShape(res.json(), 404, 'NOT_FOUND')
    expect(res.json().request_id).toBe(res.headers['x-request-id'])
  })

  it('answers invalid JSON with 400 VALIDATION_FAILED', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: { ...headers, 'content-type': 'application/json' }, payload: '{"name": ' })
    expect(res.statusCode).toBe(400)
    expectShape(res.json(), 400, 'VALIDATION_FAILED')
    expect(res.json().details[0]).toMatchObject({ in: 'body' })
  })

  it('answers a non-JSON content type with 415', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: { ...headers, 'content-type': 'text/plain' }, payload: 'hello' })
    expect(res.statusCode).toBe(415)
    expectShape(res.json(), 415, 'UNSUPPORTED_MEDIA_TYPE')
  })

  it('answers a body over BODY_LIMIT_BYTES with 413', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(2000) }) })
    expect(res.statusCode).toBe(413)
    expectShape(res.json(), 413, 'PAYLOAD_TOO_LARGE')
  })

  it('answers a missing body with 400 naming the body', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers })
    expect(res.statusCode).toBe(400)
    expectShape(res.json(), 400, 'VALIDATION_FAILED')
  })

  it('answers a wrong type with the field and why', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/replicas/00000000-0000-4000-8000-000000000000/chat/completions', headers, payload: { content: 42 } })
    expect(res.statusCode).toBe(400)
    expect(res.json().details[0]).toEqual({ in: 'body', field: 'content', message: 'must be string' })
  })

  it('carries X-Request-Id on successes too, UUID-shaped and new for each request', async () => {
    const ids = await Promise.all([1, 2, 3].map(async () => (await h.app.inject({ method: 'GET', url: '/healthz' })).headers['x-request-id']))
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Set(ids).size).toBe(3)
  })
})

describe('an unexpected failure', () => {
  it('is a 500 INTERNAL with a generic message, its cause only in the log line', async () => {
    const { buildApp } = await import('../../src/app.js')
    const { baseConfig, captureStream } = await import('../helpers/harness.js')
    const logs: string[] = []
    const app = await buildApp(baseConfig(h.emu.url), { logStream: captureStream(logs) })
    app.get('/boom', async () => { throw new Error('kaboom: database exploded') })
    try {
      const res = await app.inject({ method: 'GET', url: '/boom' })
      expect(res.statusCode).toBe(500)
      expect(res.json()).toMatchObject({ success: false, status: 500, error_code: 'INTERNAL', error: 'Internal error.' })
      expect(res.body).not.toContain('kaboom')
      const line = logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'request failed')
      expect(line).toMatchObject({ route: '/boom', status: 500, err: { message: 'kaboom: database exploded' } })
    } finally {
      await app.close()
    }
  })
})

describe('bodies', () => {
  it('takes a DELETE with Content-Type: application/json and no body as no body', async () => {
    h.emu.state.addUser('del-owner')
    const replica = h.emu.state.addReplica({ ownerID: 'del-owner', name: 'To delete' })
    const res = await h.app.inject({ method: 'DELETE', url: `/v1/replicas/${replica.uuid}`, headers: { ...(await h.as('del-owner')), 'content-type': 'application/json' } })
    expect(res.statusCode).toBe(200)
  })

  it('still refuses an empty body where one is required, naming the body', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: { ...headers, 'content-type': 'application/json' }, payload: '' })
    expect(res.statusCode).toBe(400)
    expect(res.json().details[0]).toMatchObject({ in: 'body' })
  })

  it('refuses prototype poisoning', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/replicas', headers: { ...headers, 'content-type': 'application/json' }, payload: '{"__proto__": {"admin": true}}' })
    expect(res.statusCode).toBe(400)
  })
})
