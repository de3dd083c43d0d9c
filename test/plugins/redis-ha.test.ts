import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import type { Config, RedisTarget } from '../../src/config/config.js'
import { RedisSessionStore } from '../../src/sessions/store.js'
import { baseConfig, captureStream, signToken, startHarness, type Harness } from '../helpers/harness.js'
import { hasRedisServer, startCluster, startSentinelSet, type SentinelSet, type TestCluster } from '../helpers/redis-ha.js'

// Every Redis feature (limits, sessions, provisioning, pub/sub invalidation) on a real
// Sentinel set and a real 3-master Cluster, started here from Debian's redis-server.

let h: Harness
const apps: FastifyInstance[] = []
beforeAll(async () => { h = await startHarness() })
afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()))
  await h.close()
})

async function app (redis: RedisTarget, rateLimit: Partial<Config['rateLimit']> = {}, logs: string[] = []): Promise<FastifyInstance> {
  const base = baseConfig(h.emu.url)
  const instance = await buildApp({ ...base, redis, rateLimit: { ...base.rateLimit, ...rateLimit } }, { logStream: captureStream(logs), upstreamKeepAliveMs: 500 })
  apps.push(instance)
  return instance
}

const auth = async (sub: string) => ({ authorization: `Bearer ${await signToken(sub)}` })
const replicas = (bff: FastifyInstance, headers: Record<string, string>) => bff.inject({ method: 'GET', url: '/v1/replicas', headers }).then((r) => r.statusCode)
const session = (sub: string) => ({ sub, sid: `sid-${randomUUID()}`, userId: sub, createdAt: Date.now(), expiresAt: Date.now() + 3_600_000 }) as never

/** What both topologies must do for two instances sharing them. */
async function sharedFeatures (one: FastifyInstance, two: FastifyInstance): Promise<void> {
  // One limit across instances.
  const limited = await auth(`ha-${randomUUID()}`)
  const statuses = []
  for (const bff of [one, two, one, two, one, two]) statuses.push(await replicas(bff, limited))
  expect(statuses).toEqual([200, 200, 200, 200, 429, 429])

  // A user provisioned by one instance is not provisioned again by the other.
  const sub = `ha-${randomUUID()}`
  const headers = await auth(sub)
  const creations = () => h.emu.calls.filter((c) => c.method === 'POST' && c.path === '/v1/users' && (c.body as { id?: string } | undefined)?.id === sub).length
  expect(await replicas(one, headers)).toBe(200)
  expect(await replicas(two, headers)).toBe(200)
  expect(creations()).toBe(1)
  // A deletion on one reaches the other (pub/sub): it provisions again next time.
  expect(two.provisioner.has(sub)).toBe(true)
  await one.provisioner.forget(sub)
  await vi.waitFor(() => expect(two.provisioner.has(sub)).toBe(false), { timeout: 5_000, interval: 20 })

  // Sessions: written by one instance, read, renewed, found and ended by the other.
  const write = new RedisSessionStore(one.redis!)
  const read = new RedisSessionStore(two.redis!)
  const id = randomUUID()
  const s = session(`ha-${randomUUID()}`) as { sub: string, sid: string }
  await write.set(id, s as never, 60)
  expect(await read.get(id)).toEqual(s)
  expect(await read.touch(id, 120)).toBe(true)
  expect(await read.find('sub', s.sub)).toEqual([id])
  expect(await read.find('sid', s.sid)).toEqual([id])
  expect(await write.remember(`jti-${id}`, 60)).toBe(true)
  expect(await read.remember(`jti-${id}`, 60)).toBe(false)
  await write.putLogin(id, { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/' } as never, 60)
  expect(await read.takeLogin(id)).toMatchObject({ state: 's' })
  expect(await write.takeLogin(id)).toBeUndefined()
  await read.delete(id)
  expect(await write.get(id)).toBeUndefined()

  // Readiness sees Redis.
  const ready = await one.inject({ method: 'GET', url: '/readyz' })
  expect(ready.json()).toMatchObject({ checks: { redis: 'ok' } })
}

describe.skipIf(!hasRedisServer)(`Redis through Sentinel${hasRedisServer ? '' : ' (skipped: no redis-server here)'}`, () => {
  let set: SentinelSet
  let target: RedisTarget
  beforeAll(async () => {
    set = await startSentinelSet()
    target = { kind: 'sentinel', sentinels: set.sentinels, name: set.name }
  }, 60_000)
  afterAll(async () => set?.stop())

  it('limits, provisioning, deletions and sessions work across two instances', async () => {
    await sharedFeatures(await app(target, { max: 4 }), await app(target, { max: 4 }))
  }, 30_000)

  it('a failover under traffic: served throughout (limits fail open), limits back within seconds, no session lost', async () => {
    const logs: string[] = []
    const one = await app(target, { max: 5 }, logs)
    const two = await app(target, { max: 5 })
    // A session written (and replicated: Redis replicates asynchronously, WAIT says it arrived) before the master dies.
    const store = new RedisSessionStore(one.redis!)
    const id = randomUUID()
    const s = session(`ha-${randomUUID()}`)
    await store.set(id, s, 600)
    expect(await one.redis!.call('WAIT', '1', '2000')).toBe(1)

    const statuses: number[] = []
    const load = { running: true }
    const traffic = (async () => {
      while (load.running) {
        const headers = await auth(`ha-${randomUUID()}`)
        for (const bff of [one, two]) statuses.push(await replicas(bff, headers))
      }
    })()
    const before = await set.masterPort()
    const after = await set.killMaster()
    expect(after).not.toBe(before)
    const switched = Date.now()
    // Limits enforced again: a fresh user's sixth request is refused, on either instance.
    await vi.waitFor(async () => {
      const headers = await auth(`ha-${randomUUID()}`)
      const seen = []
      for (let i = 0; i < 6; i++) seen.push(await replicas(i % 2 === 0 ? one : two, headers))
      expect(seen).toEqual([200, 200, 200, 200, 200, 429])
    }, { timeout: 15_000, interval: 200 })
    const resumedMs = Date.now() - switched
    load.running = false
    await traffic
    console.log(`sentinel failover: limits enforced again ${resumedMs} ms after +switch-master; ${statuses.length} requests during it`)
    expect(resumedMs).toBeLessThan(10_000)
    // In between, everyone was served (fail open), never a 5xx.
    expect(statuses.length).toBeGreaterThan(0)
    expect(new Set(statuses)).toEqual(new Set([200]))
    expect(await new RedisSessionStore(two.redis!).get(id)).toEqual(s)
    expect(await store.get(id)).toEqual(s)
  }, 60_000)
})

describe.skipIf(!hasRedisServer)(`Redis Cluster${hasRedisServer ? '' : ' (skipped: no redis-server here)'}`, () => {
  let cluster: TestCluster
  beforeAll(async () => { cluster = await startCluster() }, 60_000)
  afterAll(async () => cluster?.stop())

  it('limits, provisioning, deletions and sessions work across two instances, on keys in every slot', async () => {
    const target: RedisTarget = { kind: 'cluster', nodes: cluster.nodes.slice(0, 1) }
    await sharedFeatures(await app(target, { max: 4 }), await app(target, { max: 4 }))
  }, 30_000)
})
