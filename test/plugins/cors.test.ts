import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { baseConfig, captureStream, signToken, startHarness, type Harness } from '../helpers/harness.js'

const ORIGIN = 'https://app.example.com'
let h: Harness
let bff: FastifyInstance
let plain: FastifyInstance

beforeAll(async () => {
  h = await startHarness()
  const config = baseConfig(h.emu.url, { corsOrigins: [ORIGIN, 'http://localhost:5173'] })
  bff = await buildApp({ ...config, rateLimit: { ...config.rateLimit, max: 2 } }, { logStream: captureStream([]), upstreamKeepAliveMs: 500 })
  plain = await buildApp(baseConfig(h.emu.url), { logStream: captureStream([]), upstreamKeepAliveMs: 500 })
})
afterAll(async () => {
  await bff.close()
  await plain.close()
  await h.close()
})

function expectCors (headers: Record<string, unknown>) {
  expect(headers['access-control-allow-origin']).toBe(ORIGIN)
  expect(headers['access-control-allow-credentials']).toBe('true')
  expect(String(headers['access-control-expose-headers'])).toMatch(/X-Request-Id/)
  expect(String(headers['access-control-expose-headers'])).toMatch(/Retry-After/)
  expect(String(headers['access-control-expose-headers'])).toMatch(/RateLimit-Policy/)
  expect(String(headers.vary)).toMatch(/Origin/)
}

describe('CORS', () => {
  it('allows the headers apps written for Sensay send (X-USER-ID, X-USER-ID-TYPE), never X-ORGANIZATION-SECRET', async () => {
    const preflight = (headers: string) => bff.inject({
      method: 'OPTIONS',
      url: '/v1/users/sample',
      headers: { origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': headers }
    })
    const allowed = String((await preflight('authorization,x-user-id,x-user-id-type,x-api-version')).headers['access-control-allow-headers']).toLowerCase().split(',').map((h) => h.trim())
    expect(allowed).toEqual(expect.arrayContaining(['x-user-id', 'x-user-id-type', 'x-api-version', 'authorization']))
    const secret = await preflight('x-organization-secret')
    expect(String(secret.headers['access-control-allow-headers']).toLowerCase()).not.toContain('x-organization-secret')
  })

  it('allows the W3C trace context headers, so a traced frontend\'s trace continues here', async () => {
    const res = await bff.inject({
      method: 'OPTIONS',
      url: '/v1/replicas',
      headers: { origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'traceparent,tracestate' }
    })
    const allowed = String(res.headers['access-control-allow-headers']).toLowerCase().split(',').map((h) => h.trim())
    expect(allowed).toEqual(expect.arrayContaining(['traceparent', 'tracestate']))
  })

  it('answers a preflight from an allowed origin, cached', async () => {
    const res = await bff.inject({
      method: 'OPTIONS',
      url: '/v1/replicas',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' }
    })
    expect(res.statusCode).toBe(204)
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN)
    expect(res.headers['access-control-max-age']).toBe('600')
    expect(String(res.headers['access-control-allow-methods'])).toMatch(/POST/)
    expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toMatch(/authorization/)
  })

  it('puts the same headers on successes and on 401, 429 and 5xx answers', async () => {
    const token = await signToken(`cors-${Date.now()}`)
    const ok = await bff.inject({ method: 'GET', url: '/v1/users/me', headers: { origin: ORIGIN, authorization: `Bearer ${token}` } })
    expect(ok.statusCode).toBe(200)
    expectCors(ok.headers)

    const unauthenticated = await bff.inject({ method: 'GET', url: '/v1/users/me', headers: { origin: ORIGIN } })
    expect(unauthenticated.statusCode).toBe(401)
    expectCors(unauthenticated.headers)

    await bff.inject({ method: 'GET', url: '/v1/users/me', headers: { origin: ORIGIN, authorization: `Bearer ${token}` } })
    const limited = await bff.inject({ method: 'GET', url: '/v1/users/me', headers: { origin: ORIGIN, authorization: `Bearer ${token}` } })
    expect(limited.statusCode).toBe(429)
    expectCors(limited.headers)

    h.emu.faults.push({ path: '/v1/users/me', status: 500 })
    const failed = await bff.inject({ method: 'GET', url: '/v1/users/me', headers: { origin: ORIGIN, authorization: `Bearer ${await signToken(`cors-5xx-${Date.now()}`)}` } })
    expect(failed.statusCode).toBe(502)
    expectCors(failed.headers)
  })

  it('gives a disallowed origin no CORS headers', async () => {
    const res = await bff.inject({ method: 'GET', url: '/healthz', headers: { origin: 'https://evil.example' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    expect(res.headers['access-control-allow-credentials']).toBeUndefined()
    const preflight = await bff.inject({ method: 'OPTIONS', url: '/v1/replicas', headers: { origin: 'https://app.example.com.evil.example', 'access-control-request-method': 'GET' } })
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined()
  })

  it('adds no CORS headers at all when CORS_ORIGINS is empty', async () => {
    const res = await plain.inject({ method: 'GET', url: '/healthz', headers: { origin: ORIGIN } })
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })
})
