import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'undici'
import type { EmuReplica } from '../../src/emulator/state.js'
import { SECRET, baseConfig, startHarness, type Harness } from '../helpers/harness.js'

// Sensay's stream, answered by an upstream nobody here wrote: every surprising
// stream in each of the three ways a client reads it (Sensay's stream passed
// through, and translated for AI SDK 5 and 4). A stream that does not check
// out is a 502 before anything is promised, or ends with the client
// protocol's error part; never an empty 200, never upstream's words.

let h: Harness
let base: string
let replica: EmuReplica

const V4 = { 'content-type': 'text/plain; charset=utf-8', 'x-vercel-ai-data-stream': 'v1' }
const V5 = { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' }
const v4Finish = 'e:{"finishReason":"stop","usage":{},"isContinued":false}\nd:{"finishReason":"stop","usage":{}}\n'

/** The three ways to read a chat stream: the request, and how its error part looks. */
const MODES = [
  { name: 'Sensay\'s stream passed through', body: { content: 'hi' }, accept: 'text/event-stream' },
  { name: 'AI SDK 5 (UI message stream)', body: { id: 'c1', messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'hi' }] }] }, accept: '*/*' },
  { name: 'AI SDK 4 (data stream)', body: { id: 'c1', messages: [{ role: 'user', content: 'hi' }] }, accept: '*/*' }
] as const

async function chat (mode: typeof MODES[number], user = 'reader') {
  const res = await request(`${base}/v1/replicas/${replica.uuid}/chat/completions`, {
    method: 'POST',
    headers: { ...(await h.as(user)), 'content-type': 'application/json', accept: mode.accept },
    body: JSON.stringify(mode.body)
  })
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() }
}

const path = () => `/v1/replicas/${replica.uuid}/chat/completions`
const answer = (streamBody: string | Buffer, headers: Record<string, string> = V4, extra: object = {}) =>
  h.emu.faults.push({ method: 'POST', path: path(), streamBody, headers, ...extra })

/** The text of the error part the client got, in whichever protocol. */
function errorText (text: string): string | undefined {
  const v4 = /\n?3:(".*")\n$/.exec(text)
  if (v4) return JSON.parse(v4[1]!) as string
  const v5 = /data: (\{"type":"error"[^\n]*\})\n\n$/.exec(text)
  return v5 ? (JSON.parse(v5[1]!) as { errorText: string }).errorText : undefined
}

beforeAll(async () => {
  h = await startHarness({ config: { rateLimit: { ...baseConfig('http://127.0.0.1:1').rateLimit, chatMax: 10_000, max: 10_000 } } })
  h.emu.state.addUser('owner')
  replica = h.emu.state.addReplica({ ownerID: 'owner', name: 'Hostile' })
  base = await h.app.listen({ host: '127.0.0.1', port: 0 })
  await chat(MODES[0])
})
afterAll(async () => h.close())

describe.each(MODES)('a stream that does not check out, read as $name', (mode) => {
  it.each([
    ['an empty 200', '', V4],
    ['an empty 200 with the v5 headers', '', V5],
    ['a JSON body', '{"success":true,"content":"hi"}', { 'content-type': 'application/json' }],
    ['text that is neither protocol', 'Hello, I am not a stream\n', V4],
    ['v4 lines under v5 headers', `0:"hi"\n${v4Finish}`, V5],
    ['a gzip-encoded stream', gzipSync(`0:"hi"\n${v4Finish}`), { ...V4, 'content-encoding': 'gzip' }]
  ])('%s: 502 UPSTREAM_ERROR with a request id, never an empty 200', async (_what, body, headers) => {
    answer(body, headers)
    const res = await chat(mode)
    expect(res.status, res.text).toBe(502)
    expect(JSON.parse(res.text)).toMatchObject({ error_code: 'UPSTREAM_ERROR', request_id: res.headers['x-request-id'] })
    const line = h.logLines().find((l) => l.reqId === res.headers['x-request-id'])
    expect((line?.stream as { outcome?: string } | undefined)?.outcome).not.toBe('completed')
  })

  it('an error part with a stack, fingerprint, inner_exception and the secret: a generic error part with Sensay\'s code, upstream\'s words to the log only', async () => {
    const leak = JSON.stringify({ error: `Error: ${SECRET} at /srv/app/chat.ts:42`, error_code: 'CONVERSATION_QUOTA_EXCEEDED', fingerprint: 'fp-1', inner_exception: { stack: 'at x' } })
    answer(`0:"Hel"\n3:${JSON.stringify(leak)}\n0:"lo"\n${v4Finish}`)
    const res = await chat(mode)
    expect(res.status).toBe(200)
    expect(errorText(res.text)).toBe('The Sensay API failed to answer. (CONVERSATION_QUOTA_EXCEEDED)')
    for (const word of [SECRET, 'fingerprint', 'inner_exception', '/srv/app', '"lo"']) expect(res.text).not.toContain(word)
    const line = h.logLines().find((l) => l.reqId === res.headers['x-request-id'])
    expect(line?.stream).toMatchObject({ outcome: 'upstream-error-part' })
    expect(JSON.stringify(line)).toContain('CONVERSATION_QUOTA_EXCEEDED')
    expect(h.logs.join('\n')).not.toContain(SECRET)
  })

  it('a stream that ends without its finish part ends with "the answer broke off"', async () => {
    answer('0:"Hello"\n0:" there"\n')
    const res = await chat(mode)
    expect(res.status).toBe(200)
    expect(errorText(res.text)).toBe('The answer broke off.')
  })

  it('a part longer than STREAM_MAX_PART_BYTES ends the stream with an error part', async () => {
    answer(`0:"ok"\n0:"${'x'.repeat(2 * 1024 * 1024)}"\n${v4Finish}`, V4, { chunkBytes: 64 * 1024 })
    const res = await chat(mode)
    expect(res.status).toBe(200)
    expect(errorText(res.text)).toBe('A part of the answer was too long and the stream was cut.')
    expect(res.text.length).toBeLessThan(10_000)
  })

  it('a well-formed stream written byte by byte arrives whole; any 2xx is a 200', async () => {
    answer(`f:{"messageId":"m-1"}\n0:"Grüße"\n0:" 🙂"\n${v4Finish}`, V4, { chunkBytes: 1, status: 201 })
    const res = await chat(mode)
    expect(res.status).toBe(200)
    expect(errorText(res.text)).toBeUndefined()
    expect(res.text).toContain('Grüße')
    expect(res.text).toContain('🙂')
  })
})

describe('a user\'s concurrent streams', () => {
  it('past STREAM_MAX_PER_USER (5) the next is 429 TOO_MANY_STREAMS with nothing sent; another user is not affected; a place frees when a stream ends', async () => {
    h.emu.options.streamChunkDelayMs = 30
    try {
      // Each open stream has reached upstream before the sixth is tried.
      const reached = new Promise<void>((resolve) => {
        let n = 0
        const seen = (req: { method: string, headers: Record<string, unknown> }) => {
          if (req.method === 'POST' && req.headers['x-user-id'] === 'greedy' && ++n === 5) {
            h.emu.events.off('request', seen)
            resolve()
          }
        }
        h.emu.events.on('request', seen)
      })
      const open = Array.from({ length: 5 }, () => chat(MODES[0], 'greedy'))
      await reached
      const sixth = await chat(MODES[0], 'greedy')
      expect(sixth.status).toBe(429)
      expect(JSON.parse(sixth.text)).toMatchObject({ error_code: 'TOO_MANY_STREAMS' })
      expect(sixth.headers['retry-after']).toBeDefined()
      expect(h.emu.callsTo('POST', path()).filter((c) => c.headers['x-user-id'] === 'greedy')).toHaveLength(5)
      expect((await chat(MODES[0], 'bystander')).status).toBe(200)
      expect((await Promise.all(open)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
      expect((await chat(MODES[0], 'greedy')).status).toBe(200)
    } finally {
      h.emu.options.streamChunkDelayMs = 2
    }
  })
})
