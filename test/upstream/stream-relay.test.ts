import { once } from 'node:events'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { buildApp } from '../../src/app.js'
import { baseConfig, captureStream, startHarness, type Harness } from '../helpers/harness.js'
import type { EmuReplica } from '../../src/emulator/state.js'

let h: Harness
let base: string
let replica: EmuReplica
let headers: Record<string, string>
const path = () => `/v1/replicas/${replica.uuid}/chat/completions`

beforeAll(async () => {
  h = await startHarness({ emulator: { streamChunkDelayMs: 20 }, config: { streamIdleTimeoutMs: 300, streamMaxDurationMs: 60_000 } })
  h.emu.state.addUser('bob')
  replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Streamy' })
  base = await h.app.listen({ host: '127.0.0.1', port: 0 })
  headers = { ...(await h.as('sam')), accept: 'text/event-stream', 'content-type': 'application/json' }
  // Warm up provisioning and the replica cache, so streams start with the chat call.
  await h.app.inject({ method: 'POST', url: path(), headers, payload: { content: 'warm up' } })
})
afterAll(async () => h.close())
beforeEach(() => {
  h.emu.faults.length = 0
  h.emu.options.streamFormat = 'v4'
  h.emu.options.streamChunkDelayMs = 20
  h.emu.options.streamBytes = undefined
})

const open = (content = 'one two three four five six seven eight nine ten', signal?: AbortSignal) =>
  request(`${base}${path()}`, { method: 'POST', headers, body: JSON.stringify({ content }), signal })

describe('streamed chat', () => {
  it('delivers the first chunk while the upstream is still writing', async () => {
    let written = 0
    let total = 0
    const onChunk = ({ index, total: t }: { index: number, total: number }) => { written = index + 1; total = t }
    h.emu.events.on('chunk-written', onChunk)
    try {
      const res = await open()
      const iterator = res.body[Symbol.asyncIterator]()
      let first = ''
      while (!first.includes('\n0:')) first += String((await iterator.next()).value)
      // When the client holds its first text part, the upstream has most of the answer still to write.
      expect(total).toBeGreaterThan(10)
      expect(written).toBeLessThan(total / 2)
      let rest = ''
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest += String(next.value)
      expect(rest.trim().split('\n').at(-1)).toMatch(/^d:/)
    } finally {
      h.emu.events.off('chunk-written', onChunk)
    }
  })

  it('passes the stream through byte for byte', async () => {
    h.emu.options.streamChunkDelayMs = 0
    const direct = await request(`${h.emu.url}${path()}`, {
      method: 'POST',
      headers: { 'x-organization-secret': h.config.organizationSecret, 'x-user-id': 'sam', accept: 'text/event-stream', 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'same words', skip_chat_history: true })
    })
    const viaBff = await request(`${base}${path()}`, { method: 'POST', headers, body: JSON.stringify({ content: 'same words', skip_chat_history: true }) })
    const strip = (text: string) => text.replace(/msg-[0-9a-f-]+/, 'msg-x')
    expect(strip(await viaBff.body.text())).toBe(strip(await direct.body.text()))
  })

  it.each([
    ['before the first chunk', 'request-closed'],
    ['after the first chunk', 'stream-closed']
  ])('closes the upstream request within 1 s of a client abort %s', async (when, event) => {
    if (when === 'before the first chunk') h.emu.faults.push({ path: path(), delayMs: 5_000 })
    const controller = new AbortController()
    const upstreamClosed = once(h.emu.events, event)
    if (when === 'before the first chunk') {
      const arrived = once(h.emu.events, 'request')
      open('hello', controller.signal).catch(() => {})
      await arrived
    } else {
      const res = await open('a b c d e f g h i j k l m n o p q r s t u v w x y z', controller.signal)
      await res.body[Symbol.asyncIterator]().next()
    }
    const abortedAt = Date.now()
    controller.abort()
    await upstreamClosed
    expect(Date.now() - abortedAt).toBeLessThan(1_000)
  })

  it('logs a cancelled stream with its bytes and duration', async () => {
    const controller = new AbortController()
    const res = await open('a b c d e f g h i j k l m n o p q r s t u v w x y z', controller.signal)
    await res.body[Symbol.asyncIterator]().next()
    const logged = new Promise<Record<string, unknown>>((resolve) => {
      const check = () => {
        const line = h.logLines().find((l) => l.aborted === true && (l.stream as { bytes?: number } | undefined)?.bytes)
        if (line) resolve(line)
        else setImmediate(check)
      }
      check()
    })
    controller.abort()
    const line = await logged
    expect(line).toMatchObject({ msg: 'request cancelled by the client', status: 499, route: '/v1/replicas/:replicaUUID/chat/completions', stream: { outcome: 'cancelled', protocol: 'data-stream' } })
    expect((line.stream as { bytes: number }).bytes).toBeGreaterThan(0)
    expect(line.ms).toEqual(expect.any(Number))
  })

  it.each([
    ['v4', /\n3:"The Sensay API stream broke off\."\n$/],
    ['v5', /\ndata: \{"type":"error","errorText":"The Sensay API stream broke off\."\}\n\n$/]
  ] as const)('ends with an error part (%s) when the upstream resets mid-stream', async (format, pattern) => {
    h.emu.options.streamFormat = format
    h.emu.faults.push({ path: path(), streamResetAfter: 3 })
    const res = await open()
    expect(res.statusCode).toBe(200)
    const text = await res.body.text()
    expect(text).toMatch(pattern)
    expect(text).toContain(format === 'v4' ? '0:"Hi, "' : '"delta":"Hi, "')
  })

  it('ends with an error part when the upstream stalls past STREAM_IDLE_TIMEOUT_MS', async () => {
    h.emu.faults.push({ path: path(), streamStallAfter: 2 })
    const res = await open()
    const text = await res.body.text()
    expect(text).toMatch(/\n3:"The Sensay API stream stalled\."\n$/)
  })

  it('keeps a slow reader from making the BFF buffer the answer', async () => {
    h.emu.options.streamChunkDelayMs = 0
    h.emu.options.streamBytes = 64 * 1024 * 1024
    let finished = false
    const onClosed = () => { finished = true }
    h.emu.events.on('stream-closed', onClosed)
    try {
      const blocked = once(h.emu.events, 'stream-blocked')
      const res = await open('big')
      // The client reads nothing: backpressure must reach the upstream writer.
      const [{ bytes: atBlock }] = await blocked as [{ bytes: number }]
      expect(atBlock).toBeLessThan(16 * 1024 * 1024)
      expect(finished).toBe(false)
      let received = 0
      for await (const chunk of res.body) received += (chunk as Buffer).length
      expect(received).toBeGreaterThan(64 * 1024 * 1024)
    } finally {
      h.emu.events.off('stream-closed', onClosed)
    }
  }, 30_000)
})

describe('streams at shutdown and past their cap', () => {
  async function shutdownApp (graceMs: number, streamMaxDurationMs = 60_000) {
    const app = await buildApp(baseConfig(h.emu.url, { shutdownGraceMs: graceMs, streamMaxDurationMs }), { logStream: captureStream([]), upstreamKeepAliveMs: 500 })
    const url = await app.listen({ host: '127.0.0.1', port: 0 })
    return { app, url }
  }

  it('lets an open stream finish within the grace period', async () => {
    const { app, url } = await shutdownApp(5_000)
    const res = await request(`${url}${path()}`, { method: 'POST', headers, body: JSON.stringify({ content: 'short answer please' }) })
    const text = res.body.text()
    await app.close()
    expect((await text).trim().split('\n').at(-1)).toMatch(/^d:/)
  })

  it('ends a stream still open after the grace period with an error part', async () => {
    h.emu.options.streamChunkDelayMs = 200
    const { app, url } = await shutdownApp(100)
    const res = await request(`${url}${path()}`, { method: 'POST', headers, body: JSON.stringify({ content: 'a long long long long long answer' }) })
    const text = res.body.text()
    await app.close()
    expect(await text).toMatch(/\n3:"The server is restarting; please retry\."\n$/)
  })

  it('cuts a stream at STREAM_MAX_DURATION_MS with an error part', async () => {
    h.emu.options.streamChunkDelayMs = 50
    const { app, url } = await shutdownApp(1_000, 150)
    try {
      const res = await request(`${url}${path()}`, { method: 'POST', headers, body: JSON.stringify({ content: 'tell me everything' }) })
      expect(await res.body.text()).toMatch(/\n3:"The answer took too long and was cut\."\n$/)
    } finally {
      await app.close()
    }
  })
})
