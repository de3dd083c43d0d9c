import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'undici'
import type { EmuReplica } from '../../src/emulator/state.js'
import { startHarness, type Harness } from '../helpers/harness.js'

// Time limits that hold whatever Sensay does: a JSON answer arrives whole in
// UPSTREAM_TIMEOUT_MS or is a 504, a wait for a connection counts, and
// streams holding every stream connection never make JSON calls wait.

let h: Harness
let base: string
let replica: EmuReplica
const TIMEOUT_MS = 600

beforeAll(async () => {
  h = await startHarness({ config: { upstreamTimeoutMs: TIMEOUT_MS, upstreamConnections: 2, streamIdleTimeoutMs: 10_000 } })
  h.emu.state.addUser('owner')
  replica = h.emu.state.addReplica({ ownerID: 'owner', name: 'Timed' })
  base = await h.app.listen({ host: '127.0.0.1', port: 0 })
})
afterAll(async () => h.close())

const chatPath = () => `/v1/replicas/${replica.uuid}/chat/completions`

async function call (user: string, path: string, init: { method?: 'GET' | 'POST', body?: unknown, stream?: boolean } = {}) {
  const started = performance.now()
  const res = await request(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(await h.as(user)), 'content-type': 'application/json', accept: init.stream ? 'text/event-stream' : 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body)
  })
  return { res, ms: performance.now() - started }
}

describe('deadlines', () => {
  it('a JSON chat whose body trickles is cut with 504 UPSTREAM_TIMEOUT at UPSTREAM_TIMEOUT_MS', async () => {
    await call('trickle', `/v1/replicas/${replica.uuid}`)
    h.emu.faults.push({ method: 'POST', path: chatPath(), streamBody: '{"success":true,"content":"' + 'a'.repeat(100) + '"}', headers: { 'content-type': 'application/json' }, chunkBytes: 1, chunkDelayMs: 40 })
    const { res, ms } = await call('trickle', chatPath(), { method: 'POST', body: { content: 'hi' } })
    expect(res.statusCode).toBe(504)
    expect(await res.body.json()).toMatchObject({ error_code: 'UPSTREAM_TIMEOUT' })
    // 100+ bytes at 40 ms each would take 5 s; the answer is cut at the deadline.
    expect(ms).toBeLessThan(TIMEOUT_MS * 3)
  })

  it('streams holding every stream connection leave JSON calls alone; a stream waiting for a connection gets 504 at the deadline', async () => {
    h.emu.options.streamChunkDelayMs = 20
    const stalls = ['s1', 's2'].map((user) => {
      h.emu.faults.push({ method: 'POST', path: chatPath(), streamStallAfter: 1 })
      return call(user, chatPath(), { method: 'POST', body: { content: 'hold' }, stream: true })
    })
    const held = await Promise.all(stalls)
    try {
      await holding(held)
    } finally {
      for (const { res } of held) res.body.destroy()
      h.emu.options.streamChunkDelayMs = 2
    }
  })
})

async function holding (held: Array<{ res: { statusCode: number } }>) {
  expect(held.map(({ res }) => res.statusCode)).toEqual([200, 200])
  // Both stream connections are held: a JSON read and a JSON chat still answer at once.
  const read = await call('bystander', `/v1/replicas/${replica.uuid}`)
  expect(read.res.statusCode).toBe(200)
  await read.res.body.dump()
  const json = await call('bystander', chatPath(), { method: 'POST', body: { content: 'json' } })
  expect(json.res.statusCode).toBe(200)
  await json.res.body.dump()
  // A third stream waits for a connection, and that wait counts.
  const queued = await call('s3', chatPath(), { method: 'POST', body: { content: 'queued' }, stream: true })
  expect(queued.res.statusCode).toBe(504)
  await queued.res.body.dump()
  expect(queued.ms).toBeLessThan(TIMEOUT_MS * 3)
}
