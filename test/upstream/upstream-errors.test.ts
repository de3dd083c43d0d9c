import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { closedPort } from '../helpers/ports.js'
import { baseConfig, captureStream, startHarness, type Harness } from '../helpers/harness.js'
import type { EmuReplica } from '../../src/emulator/state.js'

let h: Harness
let replica: EmuReplica
const replicaUrl = () => `/v1/replicas/${replica.uuid}`

beforeAll(async () => {
  h = await startHarness({ config: { upstreamTimeoutMs: 300 } })
  h.emu.state.addUser('bob')
  replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Bob Bot' })
})
afterAll(async () => h.close())
beforeEach(() => { h.emu.calls.length = 0; h.emu.faults.length = 0 })

async function get (url = replicaUrl()) {
  return h.app.inject({ method: 'GET', url, headers: await h.as('bob') })
}

describe('upstream failures, mapped to the contract', () => {
  it('turns a slow upstream into 504 UPSTREAM_TIMEOUT near the timeout', async () => {
    h.emu.faults.push({ path: replicaUrl(), delayMs: 2_000 })
    const started = Date.now()
    const res = await get()
    expect(res.statusCode).toBe(504)
    expect(res.json()).toMatchObject({ error_code: 'UPSTREAM_TIMEOUT', status: 504 })
    expect(Date.now() - started).toBeLessThan(1_500)
  })

  it.each([500, 502, 504])('turns an upstream %i into 502 UPSTREAM_ERROR without its internals', async (status) => {
    // Three times: a GET is retried twice on 502/504.
    h.emu.faults.push({ path: replicaUrl(), status, times: 3 })
    const res = await get()
    expect(res.statusCode).toBe(502)
    const body = res.json()
    expect(body).toMatchObject({ error_code: 'UPSTREAM_ERROR', error: 'The Sensay API failed to answer properly.' })
    expect(body.upstream_request_id).toMatch(/^emu::/)
    expect(res.body).not.toMatch(/inner_exception|fingerprint|stack|replicas\.ts/)
  })

  it('turns an upstream 503 into 503 UPSTREAM_UNAVAILABLE with Retry-After', async () => {
    h.emu.faults.push({ path: replicaUrl(), status: 503, headers: { 'retry-after': '7' } })
    const res = await get()
    expect(res.statusCode).toBe(503)
    expect(res.headers['retry-after']).toBe('7')
    expect(res.json().error_code).toBe('UPSTREAM_UNAVAILABLE')
  })

  it.each([401, 403])('turns an upstream %i into 502 UPSTREAM_AUTH_FAILED, never a 401', async (status) => {
    h.emu.faults.push({ path: replicaUrl(), status })
    const res = await get()
    expect(res.statusCode).toBe(502)
    expect(res.json().error_code).toBe('UPSTREAM_AUTH_FAILED')
  })

  it('keeps an upstream 429 quota code and gives Retry-After', async () => {
    h.emu.faults.push({ path: replicaUrl(), status: 429 })
    const res = await get()
    expect(res.statusCode).toBe(429)
    expect(res.json().error_code).toBe('CONVERSATION_QUOTA_EXCEEDED')
    expect(res.headers['retry-after']).toBeDefined()
  })

  it('passes an upstream 4xx message and code, minus fingerprint', async () => {
    h.emu.faults.push({ path: replicaUrl(), status: 400, body: { success: false, error: 'Replica owner quota exceeded', error_code: 'KNOWLEDGE_BASE_CUSTOM_QUOTA_EXCEEDED', request_id: 'r-1', fingerprint: 'f-1' } })
    const res = await get()
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expect(body).toMatchObject({ error: 'Replica owner quota exceeded', error_code: 'KNOWLEDGE_BASE_CUSTOM_QUOTA_EXCEEDED', upstream_request_id: 'emu::' + body.upstream_request_id.slice(5) })
    expect(body).not.toHaveProperty('fingerprint')
  })

  it('turns a malformed 200 body into 502', async () => {
    h.emu.faults.push({ path: replicaUrl(), status: 200, raw: '<html>oops' })
    const res = await get()
    expect(res.statusCode).toBe(502)
    expect(res.json().error_code).toBe('UPSTREAM_ERROR')
  })

  it('turns a dropped connection into 503 UPSTREAM_UNAVAILABLE with Retry-After', async () => {
    h.emu.faults.push({ path: replicaUrl(), drop: true, times: 3 })
    const res = await get()
    expect(res.statusCode).toBe(503)
    expect(res.json().error_code).toBe('UPSTREAM_UNAVAILABLE')
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('turns a refused connection into 503 UPSTREAM_UNAVAILABLE', async () => {
    const port = await closedPort()
    const app = await buildApp(baseConfig(`http://127.0.0.1:${port}`), { logStream: captureStream([]), upstreamKeepAliveMs: 500 })
    try {
      const res = await app.inject({ method: 'GET', url: '/v1/users/me', headers: await h.as('bob') })
      expect(res.statusCode).toBe(503)
      expect(res.json()).toMatchObject({ error_code: 'UPSTREAM_UNAVAILABLE' })
      expect(res.headers['retry-after']).toBeDefined()
      const ready = await app.inject({ method: 'GET', url: '/readyz' })
      expect(ready.statusCode).toBe(503)
    } finally {
      await app.close()
    }
  })

  it('reports a wrong organization secret as UPSTREAM_AUTH_FAILED', async () => {
    const app = await buildApp(baseConfig(h.emu.url, { organizationSecret: 'wrong-secret-value' }), { logStream: captureStream([]), upstreamKeepAliveMs: 500 })
    try {
      const res = await app.inject({ method: 'GET', url: '/v1/replicas', headers: { 'x-api-key': 'admin-key-5d1f0c9b8a7e6d5c' } })
      expect(res.statusCode).toBe(502)
      expect(res.json().error_code).toBe('UPSTREAM_AUTH_FAILED')
    } finally {
      await app.close()
    }
  })
})
