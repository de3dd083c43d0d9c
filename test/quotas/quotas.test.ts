import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import type { Config } from '../../src/config/config.js'
import type { EmuReplica } from '../../src/emulator/state.js'
import type { QuotasConfig } from '../../src/quotas/quota-config.js'
import { baseConfig, captureStream, signToken, startHarness, type Harness } from '../helpers/harness.js'
import { startRedis, type TestRedis } from '../helpers/redis.js'

// Quotas per end user: Sensay's usageLimits from the caller's tier on every chat door and
// knowledge-base create, and the BFF's own chat budgets, exact across instances on real Redis.

const QUOTAS: QuotasConfig = {
  tierClaim: 'plan',
  default: 'free',
  tiers: {
    free: { monthlyConversations: 20, knowledgeBaseEntries: 5, chatsPerDay: 3 },
    pro: { monthlyConversations: 2000, knowledgeBaseEntries: 500, chatsPerDay: 1000, chatsPerMonth: 5000 }
  }
}

let h: Harness
let redis: TestRedis
let replica: EmuReplica
const apps: FastifyInstance[] = []
// A clock the tests move: a day boundary without waiting a day.
let clock = Date.UTC(2026, 11, 2, 23, 59, 0)
const now = () => clock

beforeAll(async () => {
  redis = await startRedis()
  h = await startHarness({ config: { quotas: QUOTAS } })
  h.emu.state.addUser('bob')
  replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Counted' })
}, 120_000)
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()))
  await h.close()
  await redis.stop()
})

async function instance (overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  const base = baseConfig(h.emu.url)
  const app = await buildApp({ ...base, quotas: QUOTAS, redis: { kind: 'url', url: redis.url }, rateLimit: { ...base.rateLimit, max: 1_000_000, chatMax: 1_000_000 }, streamMaxPerUser: 1000, ...overrides }, { logStream: captureStream([]), upstreamKeepAliveMs: 500, now })
  apps.push(app)
  return app
}

const headersFor = async (sub: string, plan?: string) => ({ authorization: `Bearer ${await signToken(sub, plan === undefined ? {} : { plan })}`, 'content-type': 'application/json' })
const chatsOf = (sub: string) => h.emu.calls.filter((c) => c.path === `/v1/replicas/${replica.uuid}/chat/completions` && c.headers['x-user-id'] === sub)
const chat = (app: FastifyInstance, headers: Record<string, string>, stream = false) =>
  app.inject({ method: 'POST', url: `/v1/replicas/${replica.uuid}/chat/completions`, headers: stream ? { ...headers, accept: 'text/event-stream' } : headers, payload: JSON.stringify({ content: 'Count me' }) })

describe('BFF chat budgets', () => {
  it('two instances, one user, chatsPerDay N, 10N concurrent chats (JSON and streamed, native and OpenAI doors): exactly N reach Sensay', async () => {
    const one = await instance()
    const two = await instance()
    const sub = `q-${randomUUID()}`
    const headers = await headersFor(sub)
    const openai = (app: FastifyInstance) => app.inject({ method: 'POST', url: '/openai/v1/chat/completions', headers, payload: JSON.stringify({ model: replica.uuid, messages: [{ role: 'user', content: 'Count me' }], stream: true }) })
    const calls = Array.from({ length: 30 }, (_, i) => {
      const app = i % 2 === 0 ? one : two
      return i % 3 === 0 ? chat(app, headers) : i % 3 === 1 ? chat(app, headers, true) : openai(app)
    })
    const answers = await Promise.all(calls)
    const statuses = answers.map((a) => a.statusCode)
    expect(statuses.filter((s) => s === 200)).toHaveLength(3)
    expect(statuses.filter((s) => s === 429)).toHaveLength(27)
    expect(chatsOf(sub)).toHaveLength(3)
    const door = (i: number) => i % 3 === 2 ? 'openai' : 'native'
    const refused = answers.find((a, i) => a.statusCode === 429 && door(i) === 'native')!
    expect(refused.json()).toMatchObject({ error_code: 'QUOTA_EXCEEDED', error: expect.stringContaining('3 chats per day') })
    // Until the UTC midnight the clock is a minute away from.
    expect(refused.headers['retry-after']).toBe('60')
    expect(refused.headers['ratelimit-policy']).toContain('"quota";q=3;w=86400')
    expect(refused.headers.ratelimit).toContain('"quota";r=0;t=60')
    const openaiRefused = answers.find((a, i) => a.statusCode === 429 && door(i) === 'openai')!
    expect(openaiRefused.json().error).toMatchObject({ type: 'insufficient_quota', code: 'quota_exceeded' })
    // The refusals are counted by tier.
    const metrics = await one.metrics.metrics()
    expect(metrics).toMatch(/quota_refusals_total\{tier="free"\} \d+/)
  })

  it('the day boundary resets the budget (a clock set forward, not a sleep); a pro tier claim gets its own limits', async () => {
    const app = await instance()
    const sub = `q-${randomUUID()}`
    const headers = await headersFor(sub)
    for (let i = 0; i < 3; i++) expect((await chat(app, headers)).statusCode).toBe(200)
    expect((await chat(app, headers)).statusCode).toBe(429)
    const quota = await app.inject({ method: 'GET', url: '/v1/users/me/quota', headers })
    expect(quota.json()).toEqual({
      tier: 'free',
      limits: { monthlyConversations: 20, knowledgeBaseEntries: 5, chatsPerDay: 3 },
      used: { chatsPerDay: 3 },
      resetsAt: { chatsPerDay: '2026-12-03T00:00:00.000Z', monthlyConversations: '2027-01-01T00:00:00.000Z' }
    })
    const saved = clock
    clock = Date.UTC(2026, 11, 3, 0, 0, 1)
    try {
      expect((await chat(app, headers)).statusCode).toBe(200)
      expect((await app.inject({ method: 'GET', url: '/v1/users/me/quota', headers })).json().used).toEqual({ chatsPerDay: 1 })
    } finally {
      clock = saved
    }
    const pro = await headersFor(`q-${randomUUID()}`, 'pro')
    const proQuota = (await app.inject({ method: 'GET', url: '/v1/users/me/quota', headers: pro })).json()
    expect(proQuota).toMatchObject({ tier: 'pro', limits: { chatsPerDay: 1000, chatsPerMonth: 5000 }, used: { chatsPerDay: 0, chatsPerMonth: 0 } })
    // A claim naming no tier counts as the default.
    expect((await app.inject({ method: 'GET', url: '/v1/users/me/quota', headers: await headersFor(`q-${randomUUID()}`, 'platinum') })).json().tier).toBe('free')
  })

  it('a chat Sensay did not answer (5xx) is not counted', async () => {
    const app = await instance()
    const sub = `q-${randomUUID()}`
    const headers = await headersFor(sub)
    for (let i = 0; i < 2; i++) h.emu.faults.push({ method: 'POST', path: `/v1/replicas/${replica.uuid}/chat/completions`, status: 500 })
    expect((await chat(app, headers)).statusCode).toBe(502)
    expect((await chat(app, headers, true)).statusCode).toBe(502)
    for (let i = 0; i < 3; i++) expect((await chat(app, headers)).statusCode).toBe(200)
    expect((await chat(app, headers)).statusCode).toBe(429)
  })
})

describe('Sensay\'s usageLimits from the tier', () => {
  it('reach Sensay on every chat door and on knowledge-base create; Sensay\'s own quota 429 reaches the client with its code and a Retry-After', async () => {
    const app = await instance({ quotas: { ...QUOTAS, tiers: { ...QUOTAS.tiers, free: { monthlyConversations: 3, knowledgeBaseEntries: 5 } } } })
    const sub = `q-${randomUUID()}`
    h.emu.state.addUser(sub)
    const own = h.emu.state.addReplica({ ownerID: sub, name: 'Own' })
    const headers = await headersFor(sub)
    expect((await chat(app, headers)).statusCode).toBe(200)
    expect(chatsOf(sub).at(-1)!.body).toMatchObject({ usageLimits: { conversations: { monthlyQuota: 3 } } })
    const viaUseChat = await app.inject({ method: 'POST', url: `/v1/replicas/${replica.uuid}/chat/completions`, headers, payload: JSON.stringify({ id: 'c1', messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'hi' }] }], trigger: 'submit-message' }) })
    expect(viaUseChat.statusCode).toBe(200)
    expect(chatsOf(sub).at(-1)!.body).toMatchObject({ usageLimits: { conversations: { monthlyQuota: 3 } } })
    const viaOpenAi = await app.inject({ method: 'POST', url: '/openai/v1/chat/completions', headers, payload: JSON.stringify({ model: replica.uuid, messages: [{ role: 'user', content: 'hi' }] }) })
    expect(viaOpenAi.statusCode).toBe(200)
    expect(chatsOf(sub).at(-1)!.body).toMatchObject({ usageLimits: { conversations: { monthlyQuota: 3 } } })
    // The fourth conversation this month: Sensay refuses, with its code; the wait is until the next UTC month.
    const refused = await chat(app, headers)
    expect(refused.statusCode).toBe(429)
    expect(refused.json().error_code).toBe('CONVERSATION_QUOTA_EXCEEDED')
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3600)

    const kb = await app.inject({ method: 'POST', url: `/v1/replicas/${own.uuid}/knowledge-base`, headers, payload: JSON.stringify({ text: 'Facts' }) })
    expect(kb.statusCode).toBe(207)
    const created = h.emu.calls.filter((c) => c.method === 'POST' && c.path === `/v1/replicas/${own.uuid}/knowledge-base`).at(-1)!
    expect(created.body).toMatchObject({ usageLimits: { knowledgeBaseEntries: { totalUserQuota: 5 } } })

    // A caller's own usageLimits is still refused, naming it.
    const own429 = await app.inject({ method: 'POST', url: `/v1/replicas/${replica.uuid}/chat/completions`, headers, payload: JSON.stringify({ content: 'hi', usageLimits: { conversations: { monthlyQuota: 1_000_000 } } }) })
    expect(own429.statusCode).toBe(400)
    expect(own429.json().details[0]).toMatchObject({ field: 'usageLimits' })
  })

  it('without QUOTAS_FILE: no usageLimits upstream and an empty quota', async () => {
    const sub = `q-${randomUUID()}`
    const headers = await headersFor(sub)
    const plain = await buildApp(baseConfig(h.emu.url), { logStream: captureStream([]), upstreamKeepAliveMs: 500 })
    apps.push(plain)
    expect((await chat(plain, headers)).statusCode).toBe(200)
    expect(chatsOf(sub).at(-1)!.body).not.toHaveProperty('usageLimits')
    expect((await plain.inject({ method: 'GET', url: '/v1/users/me/quota', headers })).json()).toEqual({ tier: null, limits: {}, used: {}, resetsAt: {} })
  })
})
