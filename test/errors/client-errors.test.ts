import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { SECRET, baseConfig, captureStream, startHarness, type Harness } from '../helpers/harness.js'
import type { FastifyInstance } from 'fastify'

// Requests Node refuses before Fastify sees them, and answers that quote us.

let h: Harness
let app: FastifyInstance
let port: number

beforeAll(async () => {
  h = await startHarness()
  app = await buildApp(baseConfig(h.emu.url), { logStream: captureStream([]), upstreamKeepAliveMs: 500, requestTimeoutMs: 500 })
  port = Number(new URL(await app.listen({ host: '127.0.0.1', port: 0 })).port)
})
afterAll(async () => {
  await app.close()
  await h.close()
})

/** Writes raw bytes and reads the whole answer until the server closes. */
function raw (bytes: string, keepOpen = false): Promise<{ text: string, ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const socket = connect(port, '127.0.0.1', () => { socket.write(bytes); if (!keepOpen) socket.end() })
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => { text += chunk })
    socket.on('close', () => resolve({ text, ms: performance.now() - started }))
    socket.on('error', reject)
  })
}

function parse (text: string) {
  const [head = '', body = ''] = text.split('\r\n\r\n')
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1])
  const requestId = /\r\nX-Request-Id: ([^\r\n]+)/i.exec(head)?.[1]
  return { status, requestId, body: JSON.parse(body) as Record<string, unknown> }
}

describe('what Node refuses, in the contract\'s shape', () => {
  it('headers too large: 431 with the error shape and an X-Request-Id', async () => {
    const { text } = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
    const answer = parse(text)
    expect(answer.status).toBe(431)
    expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(answer.body).toEqual({ success: false, status: 431, error_code: 'HEADERS_TOO_LARGE', error: 'The request headers are too large.', request_id: answer.requestId, details: [] })
  })

  it('not HTTP: 400 with the error shape', async () => {
    const answer = parse((await raw('NONSENSE\r\n\r\n')).text)
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ success: false, status: 400, error_code: 'VALIDATION_FAILED' })
  })

  it('a request that does not arrive whole in time: 408, near the limit rather than a checking interval later', async () => {
    const { text, ms } = await raw('GET /healthz HTTP/1.1\r\nHost: x\r\n', true)
    expect(parse(text)).toMatchObject({ status: 408, body: { error_code: 'REQUEST_TIMEOUT' } })
    expect(ms).toBeLessThan(2_500)
  })
})

describe('upstream words that reach the client', () => {
  it('an upstream 4xx message quoting the organization secret is scrubbed', async () => {
    h.emu.state.addUser('bob')
    const replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'R' })
    h.emu.faults.push({ method: 'POST', path: `/v1/replicas/${replica.uuid}/chat/completions`, status: 422, body: { success: false, error: `bad header X-ORGANIZATION-SECRET=${SECRET}` } })
    const res = await h.app.inject({ method: 'POST', url: `/v1/replicas/${replica.uuid}/chat/completions`, headers: await h.as('alice'), payload: { content: 'hi' } })
    expect(res.statusCode).toBe(422)
    expect(res.body).not.toContain(SECRET)
    expect(res.json().error).toBe('bad header X-ORGANIZATION-SECRET=[redacted]')
  })

  it('a query parameter a route does not define is dropped on routes without query parameters too, never forwarded', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/users/me?debug=1&x-user-id=mallory', headers: await h.as('alice') })
    expect(res.statusCode).toBe(200)
    expect(res.json().id).toBe('alice')
    const [call] = h.emu.callsTo('GET', '/v1/users/me').slice(-1)
    expect(call!.query).toBe('')
  })
})

describe('sockets the BFF is done with', () => {
  /** The server side of connections still open. */
  const open = () => new Promise<number>((resolve, reject) => app.server.getConnections((err, count) => err ? reject(err) : resolve(count)))

  it('after its own 400 the socket is destroyed, even if the client never closes its side', async () => {
    const before = await open()
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true })
    await new Promise((resolve) => socket.once('connect', resolve))
    const answered = new Promise((resolve) => socket.once('end', resolve))
    socket.resume()
    socket.write('NOT HTTP AT ALL\r\n\r\n')
    await answered
    // The client keeps its half open; the BFF's side is gone.
    await expect.poll(open, { interval: 20, timeout: 1_500 }).toBe(before)
    socket.destroy()
  })

  it('a connection that never sends a request is closed at the request timeout', async () => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true })
    // The client keeps its half open: the server's end is what arrives.
    const closed = new Promise<void>((resolve) => socket.once('end', () => resolve()))
    socket.resume()
    await closed
    socket.destroy()
  }, 5_000)
})

describe('an event loop that lags', () => {
  it('sheds requests with 503 OVERLOADED while liveness still answers', async () => {
    const config = baseConfig(h.emu.url, { maxEventLoopDelayMs: 50 })
    const busy = await buildApp(config, { logStream: captureStream([]), upstreamKeepAliveMs: 500, overloadSampleMs: 10 })
    try {
      await busy.ready()
      const stop = performance.now() + 200
      while (performance.now() < stop) { /* the loop is blocked */ }
      // The sampler runs first once the loop is free: its timer is overdue.
      await new Promise((resolve) => setTimeout(resolve, 0))
      const shed = await busy.inject({ method: 'GET', url: '/openapi.json' })
      expect(shed.statusCode).toBe(503)
      expect(shed.json()).toMatchObject({ error_code: 'OVERLOADED' })
      expect(shed.headers['retry-after']).toBe('1')
      expect((await busy.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
    } finally {
      await busy.close()
    }
  })
})
