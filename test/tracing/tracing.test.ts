import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { JWT_SECRET, SECRET, signToken, startHarness, type Harness } from '../helpers/harness.js'
import { startEmulator } from '../../src/emulator/emulator.js'
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js'
import type { EmuReplica } from '../../src/emulator/state.js'
import type { TracingConfig } from '../../src/config/config.js'

// Tracing on, spans exported over OTLP/HTTP to a receiver on a socket that decodes them.

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736'
const CALLER_SPAN = '00f067aa0ba902b7'

function tracing (receiver: OtlpReceiver, overrides: Partial<TracingConfig> = {}): TracingConfig {
  return {
    url: `${receiver.url}/v1/traces`,
    protocol: 'http/protobuf',
    serviceName: 'sensay-bff',
    resourceAttributes: { 'deployment.environment.name': 'test' },
    sampler: 'parentbased_always_on',
    samplerRatio: 1,
    scheduleDelayMs: 10,
    recordUserId: false,
    headers: { 'x-collector-key': 'collector-key-123' },
    timeoutMs: 5_000,
    compression: 'none',
    ...overrides
  }
}

const serverSpanOf = (spans: ReceivedSpan[], requestId: string) => spans.find((s) => s.kind === 2 && s.attributes['sensay_bff.request_id'] === requestId)
const childrenOf = (spans: ReceivedSpan[], parent: ReceivedSpan) => spans.filter((s) => s.parentSpanId === parent.spanId && s.traceId === parent.traceId)

/** The server span of the request `requestId` and its client spans, once all have arrived. */
async function traceOf (receiver: OtlpReceiver, requestId: string, clientSpans = 1): Promise<{ server: ReceivedSpan, clients: ReceivedSpan[] }> {
  const spans = await receiver.until((spans) => {
    const server = serverSpanOf(spans, requestId)
    return server !== undefined && childrenOf(spans, server).length >= clientSpans
  })
  const server = serverSpanOf(spans, requestId)!
  return { server, clients: childrenOf(spans, server) }
}

describe('tracing over OTLP/HTTP (protobuf)', () => {
  let h: Harness
  let receiver: OtlpReceiver
  let base: string
  let replica: EmuReplica

  beforeAll(async () => {
    receiver = await startOtlpReceiver()
    h = await startHarness({ config: { tracing: tracing(receiver) } })
    h.emu.state.addUser('bob')
    replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Ada', llm: { model: 'gpt-4o' } as never })
    base = await h.app.listen({ host: '127.0.0.1', port: 0 })
  })
  afterAll(async () => {
    await h.close()
    await receiver.close()
  })
  beforeEach(() => { h.emu.calls.length = 0 })

  /** Alice asks the replica over a real socket, with these headers besides her token. */
  const chat = async (headers: Record<string, string> = {}) => request(`${base}/v1/replicas/${replica.uuid}/chat/completions`, {
    method: 'POST',
    headers: { ...await h.as('alice'), 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ content: 'Hello' })
  })

  it('continues the caller\'s trace through the BFF to the traceparent Sensay receives', async () => {
    const res = await chat({ traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01`, tracestate: 'vendor=abc' })
    expect(res.statusCode).toBe(200)
    await res.body.json()
    const requestId = res.headers['x-request-id'] as string
    const { server, clients } = await traceOf(receiver, requestId)
    expect(server.traceId).toBe(CALLER_TRACE)
    expect(server.parentSpanId).toBe(CALLER_SPAN)
    const chatSpan = clients.find((s) => s.attributes['gen_ai.operation.name'] === 'chat')!
    expect(chatSpan).toBeDefined()
    // What Sensay received: the same trace, with the client span as its parent, and the caller's tracestate.
    const upstream = h.emu.callsTo('POST', `/v1/replicas/${replica.uuid}/chat/completions`)[0]!
    expect(upstream.headers.traceparent).toBe(`00-${CALLER_TRACE}-${chatSpan.spanId}-01`)
    expect(upstream.headers.tracestate).toBe('vendor=abc')
    // Every Sensay call of the request carries it (the replica lookup and the user's provisioning too).
    for (const call of h.emu.calls) expect(call.headers.traceparent).toMatch(new RegExp(`^00-${CALLER_TRACE}-[0-9a-f]{16}-01$`))
  })

  it('names the server span by method and route template, with the HTTP conventions, and the chat call by the GenAI ones', async () => {
    const res = await chat({ 'user-agent': 'tracing-test/1' })
    await res.body.json()
    const { server, clients } = await traceOf(receiver, res.headers['x-request-id'] as string)
    expect(server.name).toBe('POST /v1/replicas/:replicaUUID/chat/completions')
    expect(server.parentSpanId).toBe('')
    expect(server.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/v1/replicas/:replicaUUID/chat/completions',
      'url.path': `/v1/replicas/${replica.uuid}/chat/completions`,
      'url.scheme': 'http',
      'http.response.status_code': 200,
      'client.address': '127.0.0.1',
      'user_agent.original': 'tracing-test/1'
    })
    expect(server.status.code).toBe(0)
    expect(server.resource).toMatchObject({ 'service.name': 'sensay-bff', 'deployment.environment.name': 'test' })
    const chatSpan = clients.find((s) => s.attributes['gen_ai.operation.name'] === 'chat')!
    expect(chatSpan.name).toBe('chat gpt-4o')
    expect(chatSpan.kind).toBe(3)
    expect(chatSpan.attributes).toMatchObject({
      'gen_ai.provider.name': 'sensay',
      'gen_ai.agent.id': replica.uuid,
      'gen_ai.request.model': 'gpt-4o',
      'http.request.method': 'POST',
      'http.response.status_code': 200,
      'url.template': '/v1/replicas/{replicaUUID}/chat/completions',
      'server.address': '127.0.0.1'
    })
    // The secret is in no attribute.
    expect(JSON.stringify([server, chatSpan], (_k, v: unknown) => typeof v === 'bigint' ? String(v) : v)).not.toContain(h.config.organizationSecret)
    // Nested in time: the call inside the request (within the 1 ms the SDK's per-span anchoring to Date.now() can move a span).
    const ms = 1_000_000n
    expect(chatSpan.startNs + ms >= server.startNs && chatSpan.endNs <= server.endNs + ms).toBe(true)
  })

  it('marks the first streamed chunk with a gen_ai.first_chunk event, and the client span lasts until the stream ends', async () => {
    const res = await chat({ accept: 'text/event-stream' })
    expect(res.statusCode).toBe(200)
    await res.body.text()
    const { server, clients } = await traceOf(receiver, res.headers['x-request-id'] as string)
    const chatSpan = clients.find((s) => s.attributes['gen_ai.operation.name'] === 'chat')!
    const [event] = chatSpan.events
    expect(event?.name).toBe('gen_ai.first_chunk')
    expect(event!.timeNs > chatSpan.startNs && event!.timeNs < chatSpan.endNs).toBe(true)
    expect(chatSpan.status.code).toBe(0)
    expect(server.status.code).toBe(0)
    // The stream's last part was written before both spans ended.
    expect(chatSpan.endNs - event!.timeNs).toBeGreaterThan(0n)
  })

  it('traces the OpenAI door\'s streamed chat the same way', async () => {
    const res = await request(`${base}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { ...await h.as('alice'), 'content-type': 'application/json' },
      body: JSON.stringify({ model: replica.uuid, stream: true, messages: [{ role: 'user', content: 'Hello' }] })
    })
    expect(res.statusCode).toBe(200)
    expect(await res.body.text()).toContain('data: [DONE]')
    const { server, clients } = await traceOf(receiver, res.headers['x-request-id'] as string)
    expect(server.name).toBe('POST /openai/v1/chat/completions')
    const chatSpan = clients.find((s) => s.attributes['gen_ai.operation.name'] === 'chat')!
    expect(chatSpan).toMatchObject({ name: 'chat gpt-4o', attributes: expect.objectContaining({ 'gen_ai.agent.id': replica.uuid }) })
    expect(chatSpan.events.map((e) => e.name)).toEqual(['gen_ai.first_chunk'])
  })

  it('sets the error status and error.type on both spans when Sensay fails', async () => {
    h.emu.faults.push({ method: 'POST', path: `/v1/replicas/${replica.uuid}/chat/completions`, status: 500 })
    const res = await chat()
    expect(res.statusCode).toBe(502)
    await res.body.json()
    const { server, clients } = await traceOf(receiver, res.headers['x-request-id'] as string)
    expect(server.status.code).toBe(2)
    expect(server.attributes).toMatchObject({ 'http.response.status_code': 502, 'error.type': 'UPSTREAM_ERROR' })
    const chatSpan = clients.find((s) => s.attributes['gen_ai.operation.name'] === 'chat')!
    expect(chatSpan.status.code).toBe(2)
    expect(chatSpan.attributes).toMatchObject({ 'http.response.status_code': 500, 'error.type': '500' })
  })

  it('marks a stream that broke off after its 200 as failed', async () => {
    h.emu.faults.push({ method: 'POST', path: `/v1/replicas/${replica.uuid}/chat/completions`, streamResetAfter: 2 })
    const res = await chat({ accept: 'text/event-stream' })
    expect(res.statusCode).toBe(200)
    await res.body.text()
    const { server, clients } = await traceOf(receiver, res.headers['x-request-id'] as string)
    expect(server.status.code).toBe(2)
    expect(server.attributes['error.type']).toBe('upstream-error')
    const chatSpan = clients.find((s) => s.attributes['gen_ai.operation.name'] === 'chat')!
    expect(chatSpan.status.code).toBe(2)
    expect(chatSpan.attributes['error.type']).toMatch(/^UND_ERR/)
  })

  it('records no user id by default', async () => {
    const res = await request(`${base}/v1/users/me`, { headers: await h.as('alice') })
    expect(res.statusCode).toBe(200)
    await res.body.json()
    const { server, clients } = await traceOf(receiver, res.headers['x-request-id'] as string)
    const everything = JSON.stringify([server, ...clients], (_k, v: unknown) => typeof v === 'bigint' ? String(v) : v)
    expect(server.attributes['enduser.id']).toBeUndefined()
    expect(everything).not.toContain('alice')
    // The user is in Sensay's path only as `me`: no id in a span name or template.
    expect(clients.map((s) => s.name)).toContain('GET /v1/users/me')
  })

  it('writes the server span\'s trace_id and span_id on the request\'s log line', async () => {
    const res = await request(`${base}/v1/replicas/${replica.uuid}`, { headers: { ...await h.as('alice'), traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` } })
    await res.body.json()
    const requestId = res.headers['x-request-id'] as string
    const { server } = await traceOf(receiver, requestId, 0)
    const line = h.logLines().find((l) => l.reqId === requestId)!
    expect(line).toMatchObject({ trace_id: CALLER_TRACE, span_id: server.spanId })
  })

  it('puts the ids on the other lines a request logs too', async () => {
    const broken = { uuid: '33333333-3333-4333-8333-333333333333', name: 42, slug: 'broken', ownerID: 'someone' }
    h.emu.faults.push({ method: 'GET', path: '/v1/replicas', status: 200, body: { success: true, type: 'array', items: [broken], total: 1 } })
    const res = await request(`${base}/v1/replicas`, { headers: { ...await h.as('alice'), traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` } })
    await res.body.json()
    const requestId = res.headers['x-request-id'] as string
    const { server } = await traceOf(receiver, requestId, 0)
    const warned = h.logLines().find((l) => l.reqId === requestId && l.malformed !== undefined)
    expect(warned).toMatchObject({ trace_id: CALLER_TRACE, span_id: server.spanId })
  })

  it('keeps span names few: ids in Sensay paths become templates', async () => {
    const res = await request(`${base}/v1/replicas/${replica.uuid}`, { headers: { ...await h.as('alice'), 'cache-control': 'no-cache' } })
    await res.body.json()
    h.app.replicaAccess.invalidate(replica.uuid)
    const again = await request(`${base}/v1/replicas/${replica.uuid}`, { headers: await h.as('alice') })
    await again.body.json()
    const { clients } = await traceOf(receiver, again.headers['x-request-id'] as string)
    expect(clients.map((s) => s.name)).toContain('GET /v1/replicas/{replicaUUID}')
  })

  it('shows the GenAI histograms on /metrics', async () => {
    const res = { body: await h.app.metrics.metrics() }
    expect(res.body).toMatch(/gen_ai_client_operation_duration_seconds_bucket\{[^}]*gen_ai_operation_name="chat"/)
    expect(res.body).toMatch(/gen_ai_client_time_to_first_chunk_seconds_count\{[^}]*gen_ai_provider_name="sensay"[^}]*\} [1-9]/)
  })
})

describe('tracing options', () => {
  let receiver: OtlpReceiver
  beforeAll(async () => { receiver = await startOtlpReceiver() })
  afterAll(async () => receiver.close())

  it('speaks OTLP/JSON when asked', async () => {
    const h = await startHarness({ config: { tracing: tracing(receiver, { protocol: 'http/json' }) } })
    try {
      const res = await h.app.inject({ method: 'GET', url: '/healthz', headers: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` } })
      const { server } = await traceOf(receiver, res.headers['x-request-id'] as string, 0)
      expect(server.name).toBe('GET /healthz')
      expect(server.traceId).toBe(CALLER_TRACE)
      expect(receiver.contentTypes).toContain('application/json')
    } finally {
      await h.close()
    }
  })

  it('sends the configured headers, gzip when asked', async () => {
    const h = await startHarness({ config: { tracing: tracing(receiver, { compression: 'gzip', headers: { authorization: 'Api-Key collector-secret' } }) } })
    try {
      const res = await h.app.inject({ method: 'GET', url: '/healthz' })
      const requestId = res.headers['x-request-id'] as string
      await traceOf(receiver, requestId, 0)
      const index = receiver.spans.length - 1
      expect(index).toBeGreaterThanOrEqual(0)
      const sent = receiver.headers.at(-1)!
      expect(sent).toMatchObject({ authorization: 'Api-Key collector-secret', 'content-encoding': 'gzip', 'content-type': 'application/x-protobuf' })
    } finally {
      await h.close()
    }
  })

  it('with the collector away, answers as usual and says so once in the log, without the headers', async () => {
    const { closedPort } = await import('../helpers/ports.js')
    const away = { url: `http://127.0.0.1:${await closedPort()}` } as OtlpReceiver
    const h = await startHarness({ config: { tracing: tracing(away, { headers: { authorization: 'Api-Key collector-secret' } }) } })
    try {
      for (let i = 0; i < 3; i++) {
        const res = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: await h.as('alice') })
        expect(res.statusCode).toBe(200)
      }
      await h.app.close()
      const warnings = h.logLines().filter((l) => typeof l.msg === 'string' && l.msg.startsWith('tracing: an export'))
      expect(warnings).toHaveLength(1)
      expect(h.logs.join('\n')).not.toContain('collector-secret')
    } finally {
      await h.close()
    }
  })

  it('records the user id as enduser.id when OTEL_RECORD_USER_ID is true', async () => {
    const h = await startHarness({ config: { tracing: tracing(receiver, { recordUserId: true }) } })
    try {
      const res = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: await h.as('alice') })
      expect(res.statusCode).toBe(200)
      const { server } = await traceOf(receiver, res.headers['x-request-id'] as string)
      expect(server.attributes['enduser.id']).toBe('alice')
    } finally {
      await h.close()
    }
  })

  it('starts a trace of its own when the incoming traceparent is malformed', async () => {
    const h = await startHarness({ config: { tracing: tracing(receiver) } })
    try {
      const res = await h.app.inject({ method: 'GET', url: '/healthz', headers: { traceparent: `00-${'0'.repeat(32)}-${CALLER_SPAN}-01` } })
      const { server } = await traceOf(receiver, res.headers['x-request-id'] as string, 0)
      expect(server.traceId).toMatch(/^[0-9a-f]{32}$/)
      expect(server.traceId).not.toBe('0'.repeat(32))
      expect(server.parentSpanId).toBe('')
    } finally {
      await h.close()
    }
  })

  it.each([
    ['always_off', '01'],
    ['parentbased_always_on', '00']
  ] as const)('with %s and a caller\'s flag %s, exports nothing and still sends the context upstream', async (sampler, flag) => {
    const h = await startHarness({ config: { tracing: tracing(receiver, { sampler }) } })
    try {
      const before = receiver.spans.length
      const res = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: { ...await h.as('alice'), traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-${flag}` } })
      expect(res.statusCode).toBe(200)
      await h.app.close()
      expect(receiver.spans.length).toBe(before)
      const call = h.emu.calls.find((c) => c.path === '/v1/users/me')!
      expect(call.headers.traceparent).toMatch(new RegExp(`^00-${CALLER_TRACE}-[0-9a-f]{16}-00$`))
      expect(h.logLines().find((l) => l.reqId === res.headers['x-request-id'])?.trace_id).toBe(CALLER_TRACE)
    } finally {
      await h.close()
    }
  })
})

describe('tracing off', () => {
  it('sends no traceparent upstream and logs no trace ids', async () => {
    const h = await startHarness()
    try {
      const res = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: { ...await h.as('alice'), traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` } })
      expect(res.statusCode).toBe(200)
      expect(h.emu.calls.every((c) => c.headers.traceparent === undefined)).toBe(true)
      const line = h.logLines().find((l) => l.reqId === res.headers['x-request-id'])!
      expect(line.trace_id).toBeUndefined()
    } finally {
      await h.close()
    }
  })
})

describe('the production server', () => {
  /** `node dist/server.js` with `env`; one request, then SIGTERM: which of its own tracing modules it loaded, and its output. */
  async function serveOnce (env: Record<string, string>): Promise<{ tracingModules: string[], output: string, requestId: string }> {
    const emu = await startEmulator({ organizationSecret: SECRET })
    const loads = join(mkdtempSync(join(tmpdir(), 'bff-loads-')), 'loads.txt')
    try {
      const child = spawn(process.execPath, ['--import', './test/helpers/record-loads.mjs', 'dist/server.js'], {
        env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', SENSAY_ORGANIZATION_SECRET: SECRET, SENSAY_BASE_URL: emu.url, AUTH_JWT_SECRET: JWT_SECRET, RECORD_LOADS_FILE: loads, ...env },
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let output = ''
      child.stderr!.on('data', (chunk) => { output += chunk })
      const exited = once(child, 'exit')
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout!.on('data', (chunk) => {
          output += chunk
          const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
          if (match) resolve(match[1]!)
        })
        child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)))
      })
      const res = await request(`${url}/v1/users/me`, { headers: { authorization: `Bearer ${await signToken('carol')}`, traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` } })
      expect(res.statusCode).toBe(200)
      await res.body.dump()
      child.kill('SIGTERM')
      const [code] = await exited
      expect(code).toBe(0)
      const loaded = readFileSync(loads, 'utf8').split('\n')
      // The recorder works: the server's own modules are there.
      expect(loaded.some((url) => url.endsWith('/dist/app.js'))).toBe(true)
      return { tracingModules: [...new Set(loaded.filter((url) => url.includes('/dist/tracing/')))], output, requestId: res.headers['x-request-id'] as string }
    } finally {
      await emu.close()
    }
  }

  it('with OTEL_SDK_DISABLED=true loads none of the tracing code and exports nothing, though an endpoint is set', async () => {
    const receiver = await startOtlpReceiver()
    try {
      const { tracingModules, output } = await serveOnce({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SDK_DISABLED: 'true' })
      // request-trace.js holds types only: compiled, it is empty, and nothing imports it at run time.
      expect(tracingModules).toEqual([])
      expect(output).not.toContain('trace_id')
      expect(receiver.spans).toHaveLength(0)
    } finally {
      await receiver.close()
    }
  })

  it('with OTEL_EXPORTER_OTLP_ENDPOINT exports to its /v1/traces, and flushes what is left on SIGTERM', async () => {
    const receiver = await startOtlpReceiver()
    try {
      // The default 5 s batch delay: the request's spans can only arrive with the flush at exit.
      const { tracingModules, output, requestId } = await serveOnce({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'bff-under-test' })
      expect(tracingModules.some((url) => url.endsWith('/dist/tracing/tracing.js'))).toBe(true)
      expect(output).toContain('tracing on')
      const server = serverSpanOf(receiver.spans, requestId)!
      expect(server).toMatchObject({ name: 'GET /v1/users/me', traceId: CALLER_TRACE })
      expect(server.resource['service.name']).toBe('bff-under-test')
      expect(receiver.paths[0]).toBe('/v1/traces')
      expect(receiver.contentTypes[0]).toBe('application/x-protobuf')
    } finally {
      await receiver.close()
    }
  })
})
