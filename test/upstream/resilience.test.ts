import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { closedPort } from '../helpers/ports.js'
import { CircuitBreaker, type BreakerState } from '../../src/upstream/circuit-breaker.js'
import { ADMIN_KEY, baseConfig, captureStream, signToken, startHarness, type Harness } from '../helpers/harness.js'
import type { EmuReplica } from '../../src/emulator/state.js'

let h: Harness
let replica: EmuReplica
const replicaUrl = () => `/v1/replicas/${replica.uuid}`

beforeAll(async () => {
  h = await startHarness({ config: { upstreamTimeoutMs: 2_000 } })
  h.emu.state.addUser('bob')
  replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Resilient' })
})
afterAll(async () => h.close())
beforeEach(() => { h.emu.calls.length = 0; h.emu.faults.length = 0 })

describe('retries', () => {
  it('retries a GET after a transient 503, and the client gets 200', async () => {
    h.emu.faults.push({ path: replicaUrl(), status: 503 })
    const res = await h.app.inject({ method: 'GET', url: replicaUrl(), headers: await h.as('bob') })
    expect(res.statusCode).toBe(200)
    expect(h.emu.callsTo('GET', replicaUrl())).toHaveLength(2)
    expect(await h.app.metrics.metrics()).toMatch(/upstream_retries_total \d+/)
  })

  it('retries a GET after a dropped connection', async () => {
    h.emu.faults.push({ path: replicaUrl(), drop: true })
    const res = await h.app.inject({ method: 'GET', url: replicaUrl(), headers: await h.as('bob') })
    expect(res.statusCode).toBe(200)
  })

  it('honours Retry-After between attempts', async () => {
    h.emu.faults.push({ path: replicaUrl(), status: 503, headers: { 'retry-after': '1' } })
    const started = Date.now()
    const res = await h.app.inject({ method: 'GET', url: replicaUrl(), headers: await h.as('bob') })
    expect(res.statusCode).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000)
  })

  it('gives up at two retries', async () => {
    h.emu.faults.push({ path: replicaUrl(), status: 502, times: 5 })
    const res = await h.app.inject({ method: 'GET', url: replicaUrl(), headers: await h.as('bob') })
    expect(res.statusCode).toBe(502)
    expect(h.emu.callsTo('GET', replicaUrl())).toHaveLength(3)
  })

  it('never retries a chat completion (the emulator counts one call)', async () => {
    const headers = await h.as('bob')
    await h.app.inject({ method: 'GET', url: replicaUrl(), headers })
    h.emu.calls.length = 0
    h.emu.faults.push({ method: 'POST', path: `${replicaUrl()}/chat/completions`, status: 503 })
    const res = await h.app.inject({ method: 'POST', url: `${replicaUrl()}/chat/completions`, headers, payload: { content: 'once' } })
    expect(res.statusCode, res.body).toBe(503)
    expect(h.emu.callsTo('POST', `${replicaUrl()}/chat/completions`)).toHaveLength(1)
  })

  it.each(['PUT', 'DELETE'] as const)('never retries a %s', async (method) => {
    const headers = await h.as('bob')
    const mine = h.emu.state.addReplica({ ownerID: 'bob', name: 'Write target' })
    await h.app.inject({ method: 'GET', url: `/v1/replicas/${mine.uuid}`, headers })
    h.emu.calls.length = 0
    h.emu.faults.push({ method, path: `/v1/replicas/${mine.uuid}`, status: 503 })
    const payload = method === 'PUT' ? { name: 'n', shortDescription: 's', greeting: 'g', slug: `s-${mine.uuid.slice(0, 8)}`, llm: {} } : undefined
    const res = await h.app.inject({ method, url: `/v1/replicas/${mine.uuid}`, headers, payload })
    expect(res.statusCode).toBe(503)
    expect(h.emu.callsTo(method, `/v1/replicas/${mine.uuid}`)).toHaveLength(1)
  })
})

describe('circuit breaker', () => {
  it('opens after consecutive failures, half-opens after the cooldown, closes on success', () => {
    let now = 0
    const states: BreakerState[] = []
    const breaker = new CircuitBreaker({ threshold: 3, cooldownMs: 1_000, now: () => now, onChange: (s) => states.push(s) })
    for (let i = 0; i < 3; i++) { expect(breaker.allow()).toBe(true); breaker.failure(`user:${i}`) }
    expect(breaker.state).toBe('open')
    expect(breaker.allow()).toBe(false)
    expect(breaker.retryAfterSeconds).toBe(1)
    now = 1_000
    expect(breaker.allow()).toBe(true)
    expect(breaker.allow()).toBe(false) // one probe at a time
    breaker.failure()
    expect(breaker.state).toBe('open')
    now = 2_000
    expect(breaker.allow()).toBe(true)
    breaker.success()
    expect(breaker.state).toBe('closed')
    expect(states).toEqual(['open', 'half-open', 'open', 'half-open', 'closed'])
  })

  it('failures of one caller alone never open it; the same failures across callers do', () => {
    const breaker = new CircuitBreaker({ threshold: 3, cooldownMs: 1_000 })
    for (let i = 0; i < 50; i++) breaker.failure('user:slow')
    expect(breaker.state).toBe('closed')
    breaker.failure('user:b')
    expect(breaker.state).toBe('closed')
    breaker.failure('user:c')
    expect(breaker.state).toBe('open')
  })

  it('a success in between starts the count again', () => {
    const breaker = new CircuitBreaker({ threshold: 3, cooldownMs: 1_000 })
    breaker.failure('a')
    breaker.failure('b')
    breaker.success()
    breaker.failure('c')
    expect(breaker.state).toBe('closed')
  })

  it('turns a dead upstream into fast 503s with Retry-After, and /readyz into 503', async () => {
    const port = await closedPort()
    const logs: string[] = []
    const app = await buildApp(baseConfig(`http://127.0.0.1:${port}`, { breaker: { threshold: 3, cooldownMs: 30_000 } }), { logStream: captureStream(logs), upstreamKeepAliveMs: 500 })
    try {
      // A dead upstream fails everyone: three callers' GETs (each retried) are enough.
      for (const caller of [{ 'x-api-key': ADMIN_KEY }, { authorization: `Bearer ${await signToken('ann')}` }, { authorization: `Bearer ${await signToken('bea')}` }]) {
        const res = await app.inject({ method: 'GET', url: '/v1/replicas', headers: caller })
        expect(res.statusCode).toBe(503)
      }
      const started = performance.now()
      const fast = await app.inject({ method: 'GET', url: '/v1/replicas', headers: { 'x-api-key': ADMIN_KEY } })
      expect(performance.now() - started).toBeLessThan(50)
      expect(fast.statusCode).toBe(503)
      expect(fast.json().error_code).toBe('UPSTREAM_UNAVAILABLE')
      expect(Number(fast.headers['retry-after'])).toBeGreaterThan(20)
      const ready = await app.inject({ method: 'GET', url: '/readyz' })
      expect(ready.statusCode).toBe(503)
      expect(ready.json().checks.upstream).toBe('circuit open')
      expect(await app.metrics.metrics()).toMatch(/upstream_circuit_state 2/)
      expect(logs.some((l) => l.includes('circuit breaker open'))).toBe(true)
    } finally {
      await app.close()
    }
  })

  it('recovers: after the cooldown a successful probe closes the circuit', async () => {
    const app = await buildApp(baseConfig(h.emu.url, { breaker: { threshold: 2, cooldownMs: 1_500 } }), { logStream: captureStream([]), upstreamKeepAliveMs: 500 })
    try {
      const admin = { 'x-api-key': ADMIN_KEY }
      const ann = { authorization: `Bearer ${await signToken('ann')}` }
      expect((await app.inject({ method: 'GET', url: '/v1/users/me', headers: ann })).statusCode).toBe(200)
      h.emu.calls.length = 0
      h.emu.faults.push({ path: '/v1/replicas', status: 503, times: 100 })
      // One caller's three attempts leave it closed; a second caller's 503 opens it (the
      // threshold is 2), and that caller's retry is refused without going upstream.
      expect((await app.inject({ method: 'GET', url: '/v1/replicas', headers: admin })).statusCode).toBe(503)
      expect((await app.inject({ method: 'GET', url: '/v1/replicas', headers: ann })).statusCode).toBe(503)
      expect(h.emu.callsTo('GET', '/v1/replicas')).toHaveLength(4)
      h.emu.faults.length = 0
      // The cooldown is time by definition: wait it out.
      await new Promise((resolve) => setTimeout(resolve, 1_600))
      expect((await app.inject({ method: 'GET', url: '/v1/replicas', headers: admin })).statusCode).toBe(200)
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200)
    } finally {
      await app.close()
    }
  })
})

describe('fault isolation: one user\'s trouble stays theirs', () => {
  it('ten accounts whose own replicas Sensay is slow on never open the circuit or fail a bystander (a dead upstream still trips it: below)', async () => {
    const app = await buildApp(baseConfig(h.emu.url, { upstreamTimeoutMs: 250, breaker: { threshold: 3, cooldownMs: 30_000 } }), { logStream: captureStream([]), upstreamKeepAliveMs: 500 })
    try {
      const other = { authorization: `Bearer ${await signToken('calm-bystander')}` }
      expect((await app.inject({ method: 'GET', url: replicaUrl(), headers: other })).statusCode).toBe(200)
      const slowOnes = await Promise.all(Array.from({ length: 10 }, async (_, i) => {
        const owner = `slow-owner-${i}`
        h.emu.state.addUser(owner)
        const own = h.emu.state.addReplica({ ownerID: owner, name: `Slow ${i}` })
        // Every read of their replica (the lookup and its retries) hangs past the timeout.
        h.emu.faults.push({ method: 'GET', path: `/v1/replicas/${own.uuid}`, delayMs: 1_000, times: 30 })
        return { url: `/v1/replicas/${own.uuid}`, headers: { authorization: `Bearer ${await signToken(owner)}` } }
      }))
      const slow = Promise.all(slowOnes.flatMap((s) => [0, 1].map(() => app.inject({ method: 'GET', url: s.url, headers: s.headers }))))
      const bystander = []
      for (let i = 0; i < 5; i++) bystander.push((await app.inject({ method: 'GET', url: replicaUrl(), headers: other })).statusCode)
      expect((await slow).every((r) => r.statusCode === 504)).toBe(true)
      expect(bystander).toEqual([200, 200, 200, 200, 200])
      expect(app.sensay.breaker.state).toBe('closed')
      expect((await app.inject({ method: 'GET', url: replicaUrl(), headers: other })).statusCode).toBe(200)
    } finally {
      await app.close()
      h.emu.faults.length = 0
    }
  })

  it('five timed-out chats of one user, and one user\'s failing reads, leave the circuit closed for everyone else', async () => {
    const app = await buildApp(baseConfig(h.emu.url, { upstreamTimeoutMs: 300, breaker: { threshold: 3, cooldownMs: 30_000 } }), { logStream: captureStream([]), upstreamKeepAliveMs: 500 })
    try {
      const slow = { authorization: `Bearer ${await signToken('slowpoke')}` }
      const other = { authorization: `Bearer ${await signToken('bystander')}` }
      expect((await app.inject({ method: 'GET', url: replicaUrl(), headers: slow })).statusCode).toBe(200)
      expect((await app.inject({ method: 'GET', url: replicaUrl(), headers: other })).statusCode).toBe(200)
      h.emu.faults.push({ method: 'POST', path: `${replicaUrl()}/chat/completions`, delayMs: 1_000, times: 5 })
      const chats = await Promise.all(Array.from({ length: 5 }, () =>
        app.inject({ method: 'POST', url: `${replicaUrl()}/chat/completions`, headers: slow, payload: { content: 'think hard' } })))
      expect(chats.map((r) => r.statusCode)).toEqual([504, 504, 504, 504, 504])
      // The same user's reads failing (Sensay 502 on their GETs, each retried) do not open it either.
      h.emu.faults.push({ method: 'GET', path: '/v1/users/me', status: 502, times: 9 })
      for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'GET', url: '/v1/users/me', headers: slow })).statusCode).toBe(502)
      expect(app.sensay.breaker.state).toBe('closed')
      const read = await app.inject({ method: 'GET', url: replicaUrl(), headers: other })
      expect(read.statusCode).toBe(200)
      const chat = await app.inject({ method: 'POST', url: `${replicaUrl()}/chat/completions`, headers: other, payload: { content: 'hi' } })
      expect(chat.statusCode).toBe(200)
    } finally {
      await app.close()
    }
  })
})
