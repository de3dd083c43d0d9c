import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMetricsServer } from '../../src/metrics/metrics-server.js'
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

  it('/metrics has the GenAI histograms: chat duration on every door (error_type for failures) and time to the first streamed chunk', async () => {
    h.emu.state.addUser('gen-ai-owner')
    const replica = h.emu.state.addReplica({ ownerID: 'gen-ai-owner', name: 'Measured' })
    const headers = { ...(await h.as('gen-ai-user')), 'content-type': 'application/json' }
    const url = `/v1/replicas/${replica.uuid}/chat/completions`
    expect((await h.app.inject({ method: 'POST', url, headers, payload: JSON.stringify({ content: 'json' }) })).statusCode).toBe(200)
    expect((await h.app.inject({ method: 'POST', url, headers: { ...headers, accept: 'text/event-stream' }, payload: JSON.stringify({ content: 'stream' }) })).statusCode).toBe(200)
    expect((await h.app.inject({ method: 'POST', url: '/openai/v1/chat/completions', headers, payload: JSON.stringify({ model: replica.uuid, stream: true, messages: [{ role: 'user', content: 'openai' }] }) })).statusCode).toBe(200)
    expect((await h.app.inject({ method: 'POST', url: '/v1/replicas/00000000-0000-4000-8000-000000000000/chat/completions', headers, payload: JSON.stringify({ content: 'nobody' }) })).statusCode).toBe(404)
    const text = await h.app.metrics.metrics()
    const count = (name: string, errorType: string) => Number(new RegExp(`^${name}_count\\{gen_ai_operation_name="chat",gen_ai_provider_name="sensay",error_type="${errorType}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0)
    expect(count('gen_ai_client_operation_duration_seconds', '')).toBeGreaterThanOrEqual(3)
    expect(count('gen_ai_client_operation_duration_seconds', '404')).toBeGreaterThanOrEqual(1)
    expect(count('gen_ai_client_time_to_first_chunk_seconds', '')).toBeGreaterThanOrEqual(2)
    expect(text).toContain('gen_ai_client_time_to_first_chunk_seconds_bucket{le="0.005",gen_ai_operation_name="chat"')
  })

  it('/metrics speaks Prometheus on its own listener, counting requests by route template; never on the API port', async () => {
    await h.app.inject({ method: 'GET', url: '/v1/replicas/00000000-0000-4000-8000-000000000000', headers: await h.as('alice') })
    const metrics = await startMetricsServer(h.app.metrics, '127.0.0.1', 0)
    try {
      const res = await fetch(metrics.url)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
      const body = await res.text()
      expect(body).toMatch(/http_requests_total\{route="\/v1\/replicas\/:replicaUUID",method="GET",status="404"\} 1/)
      expect(body).toContain('process_cpu_user_seconds_total')
      expect((await fetch(metrics.url.replace('/metrics', '/v1/replicas'))).status).toBe(404)
    } finally {
      await metrics.close()
    }
    const onApi = await h.app.inject({ method: 'GET', url: '/metrics' })
    expect(onApi.statusCode).toBe(404)
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
    expect(Object.keys(create.properties)).not.toContain('usageLimits')
    expect(create.required).not.toContain('ownerID')
  })

  it('/docs serves a browsable page', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/docs/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/html/)
  })
})

describe('while shutting down', () => {
  it('answers requests still arriving with 503 in the contract shape, /readyz included', async () => {
    const { buildApp } = await import('../../src/app.js')
    const { baseConfig, captureStream } = await import('../helpers/harness.js')
    const { Agent, request } = await import('undici')
    h.emu.state.addUser('bob')
    const replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Slow stream' })
    h.emu.options.streamChunkDelayMs = 50
    const app = await buildApp(baseConfig(h.emu.url, { shutdownGraceMs: 3_000 }), { logStream: captureStream([]) })
    const base = await app.listen({ host: '127.0.0.1', port: 0 })
    const agent = new Agent({ keepAliveTimeout: 10_000 })
    try {
      // An open stream keeps close() in its grace period; a keep-alive connection
      // opened before is how requests still arrive then.
      await (await request(`${base}/healthz`, { dispatcher: agent })).body.text()
      const stream = await request(`${base}/v1/replicas/${replica.uuid}/chat/completions`, {
        method: 'POST',
        headers: { ...(await h.as('closer')), accept: 'text/event-stream', 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'a long answer please' })
      })
      const closed = app.close()
      const res = await request(`${base}/readyz`, { dispatcher: agent })
      expect(res.statusCode).toBe(503)
      expect(res.headers['retry-after']).toBe('1')
      expect(await res.body.json()).toMatchObject({ success: false, status: 503, error_code: 'SHUTTING_DOWN' })
      expect((await stream.body.text()).trim().split('\n').at(-1)).toMatch(/^d:/)
      await closed
    } finally {
      h.emu.options.streamChunkDelayMs = 2
      await agent.close()
    }
  })
})
