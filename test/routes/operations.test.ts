import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../helpers/harness.js'

let h: Harness

beforeAll(async () => { h = await startHarness() })
afterAll(async () => h.close())

describe('operations routes', () => {
  it('/healthz answers without calling upstream', async () => {
    h.emu.calls.length = 0
    const res = await h.app.inject({ method: 'GET', url: '/healthz' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok' })
    expect(h.emu.calls).toHaveLength(0)
  })

  it('/readyz is 200 when upstream answers below 500, 503 otherwise', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200)
    h.emu.faults.push({ path: '/v1/healthcheck', status: 404 })
    expect((await h.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200)
    h.emu.faults.push({ path: '/v1/healthcheck', status: 500 })
    const down = await h.app.inject({ method: 'GET', url: '/readyz' })
    expect(down.statusCode).toBe(503)
    expect(down.headers['retry-after']).toBeDefined()
    expect(down.json()).toMatchObject({ status: 'not ready', checks: { upstream: 'status 500' } })
  })

  it('/metrics speaks Prometheus and counts requests by route template', async () => {
    await h.app.inject({ method: 'GET', url: '/v1/replicas/00000000-0000-4000-8000-000000000000', headers: await h.as('alice') })
    const res = await h.app.inject({ method: 'GET', url: '/metrics' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/plain/)
    expect(res.body).toMatch(/http_requests_total\{route="\/v1\/replicas\/:replicaUUID",method="GET",status="404"\} 1/)
    expect(res.body).toContain('process_cpu_user_seconds_total')
  })

  it('/openapi.json is an OpenAPI 3.1 document of the BFF\'s routes', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/openapi.json' })
    expect(res.statusCode).toBe(200)
    const doc = res.json()
    expect(doc.openapi).toBe('3.1.0')
    for (const path of ['/v1/users/me', '/v1/replicas', '/v1/replicas/{replicaUUID}', '/v1/replicas/{replicaUUID}/chat/completions', '/v1/replicas/{replicaUUID}/knowledge-base/{knowledgeBaseID}', '/v1/replicas/{replicaUUID}/conversations/{conversationUUID}/messages']) {
      expect(doc.paths, path).toHaveProperty([path])
    }
    const create = doc.paths['/v1/replicas'].post.requestBody.content['application/json'].schema
    expect(create.additionalProperties).toBe(false)
    expect(Object.keys(create.properties)).not.toContain('ownerID')
  })

  it('/docs serves a browsable page', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/docs/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
  })
})
