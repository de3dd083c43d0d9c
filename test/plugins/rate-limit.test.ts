import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp, trustProxyOption } from '../../src/app.js'
import type { Config } from '../../src/config/config.js'
import { ADMIN_KEY, baseConfig, captureStream, signToken, startHarness, type Harness } from '../helpers/harness.js'
import { cuttableRedis, startRedis, type TestRedis } from '../helpers/redis.js'
import type { EmuReplica } from '../../src/emulator/state.js'

let h: Harness
let redis: TestRedis
let replica: EmuReplica
const apps: FastifyInstance[] = []

beforeAll(async () => {
  redis = await startRedis()
  h = await startHarness()
  h.emu.state.addUser('bob')
  replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Limited' })
}, 120_000)
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()))
  await h.close()
  await redis.stop()
})

async function app (overrides: Omit<Partial<Config>, 'rateLimit'> & { rateLimit?: Partial<Config['rateLimit']> } = {}, logs: string[] = []) {
  const base = baseConfig(h.emu.url)
  const instance = await buildApp({ ...base, ...overrides, rateLimit: { ...base.rateLimit, ...overrides.rateLimit } }, { logStream: captureStream(logs), upstreamKeepAliveMs: 500 })
  apps.push(instance)
  return instance
}

// Unique per run: a shared Redis keeps counters between runs.
const user = () => `rl-${randomUUID()}`
const auth = async (sub: string) => ({ authorization: `Bearer ${await signToken(sub)}` })

describe('rate limits', () => {
  it('limits each user separately, with Retry-After and RateLimit headers', async () => {
    const bff = await app({ rateLimit: { max: 3 } })
    const alice = await auth(user())
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await bff.inject({ method: 'GET', url: '/v1/replicas', headers: alice })).statusCode)
    expect(statuses).toEqual([200, 200, 200, 429])
    const limited = await bff.inject({ method: 'GET', url: '/v1/replicas', headers: alice })
    expect(limited.statusCode).toBe(429)
    expect(limited.json()).toMatchObject({ success: false, status: 429, error_code: 'RATE_LIMITED' })
    expect(limited.json().error).toMatch(/^Too many requests; retry in \d+ s\.$/)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(limited.headers['ratelimit-policy']).toBe('"general";q=3;w=60')
    expect(limited.headers.ratelimit).toMatch(/^"general";r=0;t=\d+$/)

    const other = await bff.inject({ method: 'GET', url: '/v1/replicas', headers: await auth(user()) })
    expect(other.statusCode).toBe(200)
    expect(other.headers['ratelimit-policy']).toBe('"general";q=3;w=60')
    expect(other.headers.ratelimit).toMatch(/^"general";r=2;t=(59|60)$/)
  })

  it('applies the stricter chat limit to chat completions only', async () => {
    const bff = await app({ rateLimit: { max: 100, chatMax: 2 } })
    const headers = await auth(user())
    const chat = () => bff.inject({ method: 'POST', url: `/v1/replicas/${replica.uuid}/chat/completions`, headers, payload: { content: 'hi' } })
    expect((await chat()).statusCode).toBe(200)
    const second = await chat()
    expect(second.statusCode).toBe(200)
    expect(second.headers['ratelimit-policy']).toBe('"general";q=100;w=60, "chat";q=2;w=60')
    expect(second.headers.ratelimit).toMatch(/^"general";r=98;t=\d+, "chat";r=0;t=\d+$/)
    const third = await chat()
    expect(third.statusCode).toBe(429)
    expect(third.json().error_code).toBe('RATE_LIMITED')
    expect((await bff.inject({ method: 'GET', url: '/v1/replicas', headers })).statusCode).toBe(200)
  })

  it('limits anonymous requests per client address, honouring TRUST_PROXY', async () => {
    const bff = await app({ trustProxy: true, rateLimit: { max: 2 } })
    const from = (ip: string) => bff.inject({ method: 'GET', url: '/openapi.json', headers: { 'x-forwarded-for': ip } })
    const a = `10.${Math.floor(Math.random() * 250)}.0.1`
    expect([(await from(a)).statusCode, (await from(a)).statusCode, (await from(a)).statusCode]).toEqual([200, 200, 429])
    expect((await from(`${a}1`)).statusCode).toBe(200)
  })

  it('TRUST_PROXY=1: two clients behind the one trusted proxy are two addresses; what the client wrote before it is ignored', async () => {
    const bff = await app({ trustProxy: 1, rateLimit: { max: 2 } })
    const through = (forwardedFor: string) => bff.inject({ method: 'GET', url: '/openapi.json', remoteAddress: '10.9.9.9', headers: { 'x-forwarded-for': forwardedFor } })
    const n = Math.floor(Math.random() * 250)
    const [a, b] = [`192.0.2.${n}`, `198.51.100.${n}`]
    expect([(await through(a)).statusCode, (await through(a)).statusCode, (await through(a)).statusCode]).toEqual([200, 200, 429])
    expect((await through(b)).statusCode).toBe(200)
    // A spoofed entry in front of the proxy's own changes nothing: still client a, still limited.
    expect((await through(`203.0.113.77, ${a}`)).statusCode).toBe(429)
    // Two hops: the peer and the one before it are proxies, the next is the client.
    expect(trustProxyOption(2)).toBeTypeOf('function')
    expect((trustProxyOption(2) as (address: string, hop: number) => boolean)('x', 1)).toBe(true)
    expect((trustProxyOption(2) as (address: string, hop: number) => boolean)('x', 2)).toBe(false)
  })

  it('never limits health checks and metrics', async () => {
    const bff = await app({ rateLimit: { max: 1 } })
    for (let i = 0; i < 3; i++) expect((await bff.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
  })

  it('slows brute force: past too many failed authentications, a failing credential gets 429; a valid one still passes', async () => {
    const bff = await app({ trustProxy: true, rateLimit: { authFailureMax: 3 } })
    const ip = `172.16.${Math.floor(Math.random() * 250)}.9`
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await bff.inject({ method: 'GET', url: '/v1/replicas', headers: { 'x-api-key': `guess-${i}`, 'x-forwarded-for': ip } })).statusCode)
    expect(statuses).toEqual([401, 401, 401, 429, 429])
    const guess = await bff.inject({ method: 'GET', url: '/v1/replicas', headers: { authorization: 'Bearer guess', 'x-forwarded-for': ip } })
    expect(guess.statusCode).toBe(429)
    expect(guess.json().error).toMatch(/failed authentication/)
    const valid = await bff.inject({ method: 'GET', url: '/v1/replicas', headers: { ...(await auth(user())), 'x-forwarded-for': ip } })
    expect(valid.statusCode).toBe(200)
  })
})

describe('rate limits on Redis', () => {
  it('makes two instances sharing one Redis enforce a single limit', async () => {
    const one = await app({ redis: { kind: 'url', url: redis.url }, rateLimit: { max: 4 } })
    const two = await app({ redis: { kind: 'url', url: redis.url }, rateLimit: { max: 4 } })
    const headers = await auth(user())
    const statuses = []
    for (const bff of [one, two, one, two, one, two]) statuses.push((await bff.inject({ method: 'GET', url: '/v1/replicas', headers })).statusCode)
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429])
  })

  it('keeps serving when Redis goes away (fail open), logs it once, and /readyz says so', async () => {
    const proxy = await cuttableRedis(redis.url)
    const logs: string[] = []
    const bff = await app({ redis: { kind: 'url', url: proxy.url }, rateLimit: { max: 2 } }, logs)
    const headers = await auth(user())
    expect((await bff.inject({ method: 'GET', url: '/readyz' })).json().checks.redis).toBe('ok')
    await proxy.cut()
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await bff.inject({ method: 'GET', url: '/v1/replicas', headers })).statusCode)
    expect(statuses).toEqual([200, 200, 200, 200])
    const outageLines = logs.filter((l) => l.includes('rate-limit store unreachable'))
    expect(outageLines).toHaveLength(1)
    const ready = await bff.inject({ method: 'GET', url: '/readyz' })
    expect(ready.statusCode).toBe(503)
    expect(ready.json().checks.redis).toBe('unreachable')
    await proxy.close()
  })

  it('refuses with 503 while Redis is away when RATE_LIMIT_FAIL_CLOSED is set', async () => {
    const proxy = await cuttableRedis(redis.url)
    const bff = await app({ redis: { kind: 'url', url: proxy.url }, rateLimit: { failClosed: true } })
    const headers = await auth(user())
    expect((await bff.inject({ method: 'GET', url: '/v1/replicas', headers })).statusCode).toBe(200)
    await proxy.cut()
    const refused = await bff.inject({ method: 'GET', url: '/v1/replicas', headers })
    expect(refused.statusCode).toBe(503)
    expect(refused.headers['retry-after']).toBe('5')
    expect(h.emu.callsTo('GET', '/v1/replicas').length).toBeGreaterThan(0)
    await proxy.close()
  })
})

describe('provisioning on Redis', () => {
  it('creates a user once across instances sharing Redis', async () => {
    const one = await app({ redis: { kind: 'url', url: redis.url } })
    const two = await app({ redis: { kind: 'url', url: redis.url } })
    const id = user()
    const headers = await auth(id)
    const before = h.emu.callsTo('POST', '/v1/users').filter((c) => (c.body as { id?: string })?.id === id).length
    expect((await one.inject({ method: 'GET', url: '/v1/users/me', headers })).statusCode).toBe(200)
    expect((await two.inject({ method: 'GET', url: '/v1/users/me', headers })).statusCode).toBe(200)
    const posts = h.emu.callsTo('POST', '/v1/users').filter((c) => (c.body as { id?: string })?.id === id).length
    expect(posts - before).toBe(1)
  })
})

describe('account deletion, seen by every instance', () => {
  it('a user deleted through one instance is provisioned again on the next request through another', async () => {
    const redisUrl = redis.url
    const a = await app({ redis: { kind: 'url', url: redisUrl } })
    const b = await app({ redis: { kind: 'url', url: redisUrl } })
    const sub = user()
    const headers = await auth(sub)
    expect((await a.inject({ method: 'GET', url: '/v1/users/me', headers })).statusCode).toBe(200)
    expect((await b.inject({ method: 'GET', url: '/v1/users/me', headers })).statusCode).toBe(200)
    const dropped = new Promise<string>((resolve) => { b.provisioner.onDropped = resolve })
    expect((await a.inject({ method: 'DELETE', url: '/v1/users/me', headers })).statusCode).toBe(204)
    expect(await dropped).toBe(sub)
    const again = await b.inject({ method: 'GET', url: '/v1/users/me', headers })
    expect(again.statusCode).toBe(200)
    expect(h.emu.state.users.has(sub)).toBe(true)
  })

  it('without Redis, Sensay saying the user is gone makes the next request provision it again', async () => {
    const a = await app()
    const sub = user()
    const headers = await auth(sub)
    expect((await a.inject({ method: 'GET', url: '/v1/users/me', headers })).statusCode).toBe(200)
    h.emu.state.users.delete(sub) // deleted elsewhere
    expect((await a.inject({ method: 'GET', url: '/v1/users/me', headers })).statusCode).toBe(404)
    expect((await a.inject({ method: 'GET', url: '/v1/users/me', headers })).statusCode).toBe(200)
  })
})

describe('limits by network and by credential', () => {
  it('IPv6 clients are counted by their /64', async () => {
    const bff = await app({ trustProxy: true, rateLimit: { authFailureMax: 2 } })
    const statuses: number[] = []
    for (let i = 1; i <= 3; i++) {
      const res = await bff.inject({ method: 'GET', url: '/v1/users/me', headers: { authorization: 'Bearer nope', 'x-forwarded-for': `2001:db8:77:1::${i}` } })
      statuses.push(res.statusCode)
    }
    expect(statuses).toEqual([401, 401, 429])
  })

  it('a valid API key is not locked out by other people\'s failed attempts from its address', async () => {
    const bff = await app({ rateLimit: { authFailureMax: 2 } })
    for (let i = 0; i < 5; i++) await bff.inject({ method: 'GET', url: '/v1/replicas', headers: { 'x-api-key': 'wrong-key' } })
    const locked = await bff.inject({ method: 'GET', url: '/v1/replicas', headers: { 'x-api-key': 'wrong-key' } })
    expect(locked.statusCode).toBe(429)
    const valid = await bff.inject({ method: 'GET', url: '/v1/replicas', headers: { 'x-api-key': ADMIN_KEY } })
    expect(valid.statusCode).toBe(200)
    const fresh = await bff.inject({ method: 'GET', url: '/v1/users/me', headers: await auth(user()) })
    expect(fresh.statusCode).toBe(200)
  })
})
