// Streaming benchmark: time to first byte through the BFF against direct to
// the emulator, and 1,000 concurrent open streams through one BFF instance.
import { Agent, request } from 'undici'
import { SECRET, emulator, mb, ms, percentile, startBff, tokens } from './lib.mjs'

const TTFB_ROUNDS = 300
const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000)

async function firstByte (url, headers, body) {
  const started = performance.now()
  const res = await request(url, { method: 'POST', headers, body })
  const iterator = res.body[Symbol.asyncIterator]()
  await iterator.next()
  const elapsed = performance.now() - started
  for (let next = await iterator.next(); !next.done; next = await iterator.next());
  return elapsed
}

export async function streamBench () {
  const { emu, replica } = await emulator({ streamChunkDelayMs: 1 })
  const bff = await startBff({ SENSAY_BASE_URL: emu.url, UPSTREAM_CONNECTIONS: String(STREAMS + 100), RATE_LIMIT_MAX: '1000000000', RATE_LIMIT_CHAT_MAX: '1000000000' })
  try {
    const users = await tokens(100)
    const path = `/v1/replicas/${replica.uuid}/chat/completions`
    const body = JSON.stringify({ content: 'How are you today?', skip_chat_history: true })
    const viaBff = (i) => ({ authorization: `Bearer ${users[i % users.length]}`, accept: 'text/event-stream', 'content-type': 'application/json' })
    const direct = (i) => ({ 'x-organization-secret': SECRET, 'x-user-id': `bench-user-${i % users.length}`, 'x-api-version': '2025-03-25', accept: 'text/event-stream', 'content-type': 'application/json' })

    // Warm-up: every user provisioned, the replica cached, connections open.
    for (let i = 0; i < users.length; i++) await firstByte(`${bff.url}${path}`, viaBff(i), body)

    const bffTimes = []
    const directTimes = []
    for (let i = 0; i < TTFB_ROUNDS; i++) {
      directTimes.push(await firstByte(`${emu.url}${path}`, direct(i), body))
      bffTimes.push(await firstByte(`${bff.url}${path}`, viaBff(i), body))
    }
    bffTimes.sort((a, b) => a - b)
    directTimes.sort((a, b) => a - b)
    const ttfb = {
      directP50: percentile(directTimes, 50),
      bffP50: percentile(bffTimes, 50),
      directP99: percentile(directTimes, 99),
      bffP99: percentile(bffTimes, 99)
    }

    // 1,000 streams open at once: each ~2 s long, RSS sampled throughout.
    emu.options.streamChunkDelayMs = 100
    const agent = new Agent({ connections: STREAMS + 10, keepAliveTimeout: 5_000 })
    const before = bff.rss()
    let peak = before
    const sampler = setInterval(() => { peak = Math.max(peak, bff.rss()) }, 25)
    const started = performance.now()
    const results = await Promise.all(Array.from({ length: STREAMS }, async (_, i) => {
      try {
        const res = await request(`${bff.url}${path}`, { method: 'POST', headers: viaBff(i), body, dispatcher: agent })
        const text = await res.body.text()
        return res.statusCode === 200 && /\nd:\{[^\n]*\}\n$/.test(text)
      } catch {
        return false
      }
    }))
    const seconds = (performance.now() - started) / 1000
    clearInterval(sampler)
    peak = Math.max(peak, bff.rss())
    await agent.close()
    const after = bff.rss()
    const completed = results.filter(Boolean).length
    return { ttfb, streams: { count: STREAMS, completed, seconds, before, peak, after, perStream: (peak - before) / STREAMS } }
  } finally {
    await bff.stop()
    await emu.close()
  }
}

export function printStreamBench ({ ttfb, streams }) {
  console.log('\nStreaming (POST chat/completions, Accept: text/event-stream)')
  console.log(`  time to first byte, median: direct ${ms(ttfb.directP50)}, via BFF ${ms(ttfb.bffP50)}, overhead ${ms(ttfb.bffP50 - ttfb.directP50)} (target <= 2 ms)`)
  console.log(`  time to first byte, p99:    direct ${ms(ttfb.directP99)}, via BFF ${ms(ttfb.bffP99)}`)
  console.log(`  ${streams.count} concurrent streams: ${streams.completed}/${streams.count} completed in ${streams.seconds.toFixed(1)} s`)
  console.log(`  BFF RSS: before ${mb(streams.before)}, peak ${mb(streams.peak)}, after ${mb(streams.after)}; ${(streams.perStream / 1024).toFixed(1)} KB per open stream (target <= 100 KB)`)
}
