// Streaming benchmark: time to first byte through the BFF against direct to
// the emulator at rest, then thousands of concurrent long answers (an LLM
// streaming for ~20 s, a part every 200 ms) through one BFF instance, in
// each stream format: Sensay's v4 data stream passed through, a v5 UI
// message stream passed through, and v4 translated for useChat.
import { readFileSync } from 'node:fs'
import { Agent, request } from 'undici'
import { SECRET, emulatorProcess, freePort, mb, ms, percentile, startBff, startReference, tokens } from './lib.mjs'

const TTFB_ROUNDS = 300
const CHUNK_DELAY_MS = Number(process.env.BENCH_CHUNK_DELAY_MS ?? 200)
const CHUNKS = Number(process.env.BENCH_STREAM_CHUNKS ?? 100)
// Streams opened per second: 10,000 connects at once would measure the accept backlog, not the relay.
const RAMP_PER_S = Number(process.env.BENCH_STREAM_RAMP ?? 1000)
// What each stream costs the BFF in file descriptors: the client's socket and the upstream's.
const FDS_PER_STREAM = 2
const FDS_SPARE = 100
// New chats probed for their first byte while all the streams are open.
const PROBES = 40

/** The process's open-files limit (soft), from /proc. */
function fileLimit (pid) {
  const line = readFileSync(`/proc/${pid}/limits`, 'utf8').split('\n').find((l) => l.startsWith('Max open files'))
  return Number(line?.split(/\s+/)[3])
}

/** How many streams one BFF process can hold open on this machine, and the number asked for. */
export function streamTarget (pid) {
  const wanted = Number(process.env.BENCH_STREAMS ?? 10_000)
  const limit = fileLimit(pid)
  return { wanted, limit, count: Math.min(wanted, Math.floor((limit - FDS_SPARE) / FDS_PER_STREAM)) }
}

async function firstByte (url, headers, body) {
  const started = performance.now()
  const res = await request(url, { method: 'POST', headers, body })
  const iterator = res.body[Symbol.asyncIterator]()
  await iterator.next()
  const elapsed = performance.now() - started
  for (let next = await iterator.next(); !next.done; next = await iterator.next());
  return elapsed
}

/** A new chat's time to first byte; then it is dropped (the BFF cancels it upstream). */
function firstByteOnly (dispatcher, origin, path, headers, body) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    let abort
    let elapsed
    dispatcher.dispatch({ origin, path, method: 'POST', headers, body }, {
      onConnect (abortCall) { abort = abortCall },
      onHeaders () { return true },
      onData () {
        elapsed ??= performance.now() - started
        abort(new Error('enough'))
        return true
      },
      onComplete () { resolve(elapsed) },
      onError (err) { elapsed === undefined ? reject(err) : resolve(elapsed) }
    })
  })
}

/** Streams that have had their first byte. */
let answering = 0
/** Parts received by all streams so far (records counted by their separator). */
let partsReceived = 0

/**
 * One streamed chat read to its end through undici's dispatch() (the load
 * generator must stay cheap beside thousands of streams): resolves with
 * whether it answered 200 and ended with `ending`, and its time to first byte.
 */
function openStream (dispatcher, origin, path, headers, body, ending, separator) {
  return new Promise((resolve) => {
    const started = performance.now()
    let status = 0
    let ttfb
    let tail = ''
    dispatcher.dispatch({ origin, path, method: 'POST', headers, body }, {
      onConnect () {},
      onHeaders (code) { status = code; return true },
      onData (chunk) {
        if (ttfb === undefined) answering++
        ttfb ??= performance.now() - started
        const text = tail + chunk.toString('latin1')
        // Separators in this chunk, counting one that straddles the previous chunk's tail once.
        for (let at = text.indexOf(separator, Math.max(0, tail.length - separator.length + 1)); at !== -1; at = text.indexOf(separator, at + separator.length)) partsReceived++
        tail = text.slice(-64)
        return true
      },
      onComplete () { resolve({ ok: status === 200 && tail.endsWith(ending), ttfb }) },
      onError () { resolve({ ok: false, ttfb }) }
    })
  })
}

/** The BFF's event-loop delay since the last scrape, from its own /metrics (prom-client resets the histogram each scrape). */
async function loopDelay (metricsUrl) {
  const text = await (await request(`${metricsUrl}/metrics`)).body.text()
  const value = (name) => Number(new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text)?.[1]) * 1000
  return { p50: value('nodejs_eventloop_lag_p50_seconds'), p99: value('nodejs_eventloop_lag_p99_seconds'), max: value('nodejs_eventloop_lag_max_seconds') }
}

const FORMATS = [
  { name: 'Sensay v4 data stream, passed through', upstream: 'v4', useChat: false, ending: '}\n' },
  { name: 'v5 UI message stream, passed through', upstream: 'v5', useChat: false, ending: 'data: [DONE]\n\n' },
  { name: 'v4 translated for useChat (UI message stream)', upstream: 'v4', useChat: true, ending: 'data: [DONE]\n\n' }
]

async function concurrentStreams (format, users, reference = false) {
  const emu = await emulatorProcess({ USERS: String(users.length), CHUNK_DELAY_MS: String(CHUNK_DELAY_MS), STREAM_CHUNKS: String(CHUNKS), STREAM_FORMAT: format.upstream })
  const metricsPort = await freePort()
  // The same load through the bare reply-from proxy: what relaying costs any Node proxy on this machine.
  const bff = reference
    ? await startReference(emu.url, undefined, { CONNECTIONS: '20000' })
    : await startBff({
      SENSAY_BASE_URL: emu.url,
      UPSTREAM_CONNECTIONS: '20000',
      METRICS_PORT: String(metricsPort),
      RATE_LIMIT_MAX: '1000000000',
      RATE_LIMIT_CHAT_MAX: '1000000000',
      STREAM_MAX_DURATION_MS: '600000'
    })
  const target = streamTarget(bff.child.pid)
  const agent = new Agent({ connections: target.count + 10, keepAliveTimeout: 60_000 })
  const probeAgent = new Agent({ keepAliveTimeout: 60_000 })
  try {
    const path = `/v1/replicas/${emu.replica.uuid}/chat/completions`
    const body = reference
      ? JSON.stringify({ content: 'Tell me a long story.', skip_chat_history: true, source: 'web' })
      : format.useChat
        ? JSON.stringify({ id: 'chat-1', messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Tell me a long story.' }] }], trigger: 'submit-message', skip_chat_history: true })
        : JSON.stringify({ content: 'Tell me a long story.', skip_chat_history: true })
    const headersFor = (i) => format.useChat
      ? { authorization: `Bearer ${users[i % users.length]}`, 'content-type': 'application/json' }
      : { authorization: `Bearer ${users[i % users.length]}`, 'content-type': 'application/json', accept: 'text/event-stream' }
    // Warm-up: every user provisioned and the replica cached (short answers).
    for (let i = 0; i < (reference ? 0 : users.length); i++) {
      const res = await request(`${bff.url}/v1/users/me`, { headers: headersFor(i) })
      await res.body.dump()
    }
    const metricsUrl = `http://127.0.0.1:${metricsPort}`
    const noDelay = { p50: NaN, p99: NaN, max: NaN }
    const delayOf = reference ? async () => noDelay : loopDelay
    await delayOf(metricsUrl)
    const before = bff.rss()
    let peak = before
    const sampler = setInterval(() => { peak = Math.max(peak, bff.rss()) }, 250)
    answering = 0
    const started = performance.now()
    const streams = []
    const open = (i) => openStream(agent, bff.url, path, headersFor(i), body, format.ending, format.upstream === 'v4' && !format.useChat ? '\n' : '\n\n')
    // Opened at RAMP_PER_S in small batches, yielding between them: a generator
    // that opens a thousand connections without yielding reads none of them.
    for (let i = 0; i < target.count;) {
      const due = Math.min(target.count, i + 20, Math.ceil((performance.now() - started) / 1000 * RAMP_PER_S))
      for (; i < due; i++) streams.push(open(i))
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    // Every stream open now: the BFF's loop delay from here to the first ones ending.
    // All open and answering now: the BFF's loop delay from here until the first
    // ones end, and new chats' first byte meanwhile, through the BFF and direct in turn.
    while (answering < target.count && performance.now() < started + CHUNK_DELAY_MS * CHUNKS / 2) await new Promise((resolve) => setTimeout(resolve, 20))
    const allAnswering = (performance.now() - started) / 1000
    await delayOf(metricsUrl)
    const plateauStarted = performance.now()
    const cpuStarted = bff.cpu()
    const partsStarted = partsReceived
    const plateauEnds = started + CHUNK_DELAY_MS * CHUNKS - 500
    const probes = { bff: [], direct: [] }
    const directBody = JSON.stringify({ content: 'Tell me a long story.', skip_chat_history: true, source: 'web' })
    const directHeaders = { 'x-organization-secret': SECRET, 'x-user-id': 'bench-user-0', 'x-api-version': '2025-03-25', accept: 'text/event-stream', 'content-type': 'application/json' }
    for (let i = 0; i < PROBES && performance.now() < plateauEnds - 1000; i++) {
      probes.direct.push(await firstByteOnly(probeAgent, emu.url, path, directHeaders, directBody))
      probes.bff.push(await firstByteOnly(probeAgent, bff.url, path, headersFor(i), body))
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const openRss = bff.rss()
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, plateauEnds - performance.now())))
    const delay = await delayOf(metricsUrl)
    // The BFF's share of its CPU with every stream open, and what each relayed part cost it.
    const plateauS = (performance.now() - plateauStarted) / 1000
    const cpuShare = (bff.cpu() - cpuStarted) / plateauS
    // Parts the clients actually received meanwhile: a saturated relay delivers fewer than the upstream's cadence.
    const partsPerS = (partsReceived - partsStarted) / plateauS
    const results = await Promise.all(streams)
    const seconds = (performance.now() - started) / 1000
    clearInterval(sampler)
    const ttfbs = results.map((r) => r.ttfb).filter((t) => t !== undefined).sort((a, b) => a - b)
    probes.bff.sort((a, b) => a - b)
    probes.direct.sort((a, b) => a - b)
    return {
      name: reference ? `reference proxy: ${format.name}` : format.name,
      ...target,
      completed: results.filter((r) => r.ok).length,
      allAnswering,
      cpuShare,
      cpuPerPartUs: cpuShare / partsPerS * 1e6,
      partsPerS,
      nominalPartsPerS: target.count * 1000 / CHUNK_DELAY_MS,
      seconds,
      before,
      peak,
      openRss,
      perStream: (openRss - before) / target.count,
      delay,
      // While the streams were being opened: what the load generator and the upstream (sharing a CPU) keep up with.
      rampTtfbP50: percentile(ttfbs, 50),
      probes: probes.bff.length,
      probeBffP50: percentile(probes.bff, 50),
      probeBffP99: percentile(probes.bff, 99),
      probeDirectP50: percentile(probes.direct, 50),
      probeDirectP99: percentile(probes.direct, 99)
    }
  } finally {
    await agent.close()
    await probeAgent.close()
    await bff.stop()
    await emu.close()
  }
}

export async function streamBench () {
  const users = await tokens(100)
  // Time to first byte at rest: a short answer, direct and through the BFF in turn.
  const emu = await emulatorProcess({ USERS: String(users.length), CHUNK_DELAY_MS: '1' })
  const bff = await startBff({ SENSAY_BASE_URL: emu.url, RATE_LIMIT_MAX: '1000000000', RATE_LIMIT_CHAT_MAX: '1000000000' })
  let ttfb
  try {
    const path = `/v1/replicas/${emu.replica.uuid}/chat/completions`
    const body = JSON.stringify({ content: 'How are you today?', skip_chat_history: true })
    const viaBff = (i) => ({ authorization: `Bearer ${users[i % users.length]}`, accept: 'text/event-stream', 'content-type': 'application/json' })
    const direct = (i) => ({ 'x-organization-secret': SECRET, 'x-user-id': `bench-user-${i % users.length}`, 'x-api-version': '2025-03-25', accept: 'text/event-stream', 'content-type': 'application/json' })
    for (let i = 0; i < users.length; i++) await firstByte(`${bff.url}${path}`, viaBff(i), body)
    const bffTimes = []
    const directTimes = []
    for (let i = 0; i < TTFB_ROUNDS; i++) {
      directTimes.push(await firstByte(`${emu.url}${path}`, direct(i), JSON.stringify({ content: 'How are you today?', skip_chat_history: true, source: 'web' })))
      bffTimes.push(await firstByte(`${bff.url}${path}`, viaBff(i), body))
    }
    bffTimes.sort((a, b) => a - b)
    directTimes.sort((a, b) => a - b)
    ttfb = { directP50: percentile(directTimes, 50), bffP50: percentile(bffTimes, 50), directP99: percentile(directTimes, 99), bffP99: percentile(bffTimes, 99) }
  } finally {
    await bff.stop()
    await emu.close()
  }
  const only = process.env.BENCH_STREAM_FORMATS?.split(',').map(Number)
  const concurrent = []
  for (const [i, format] of FORMATS.entries()) {
    if (only && !only.includes(i)) continue
    concurrent.push(await concurrentStreams(format, users))
    if (i === 0 && process.env.BENCH_STREAM_REFERENCE !== 'false') concurrent.push(await concurrentStreams(format, users, true))
  }
  return { ttfb, concurrent }
}

export function printStreamBench ({ ttfb, concurrent }) {
  console.log('\nStreaming (POST chat/completions, Accept: text/event-stream)')
  console.log(`  time to first byte at rest, median: direct ${ms(ttfb.directP50)}, via BFF ${ms(ttfb.bffP50)}, overhead ${ms(ttfb.bffP50 - ttfb.directP50)} (target <= 2 ms)`)
  console.log(`  time to first byte at rest, p99:    direct ${ms(ttfb.directP99)}, via BFF ${ms(ttfb.bffP99)}`)
  if (concurrent.length === 0) return
  console.log(`\nConcurrent streams through one BFF instance (each ${CHUNKS} parts, one every ${CHUNK_DELAY_MS} ms; opened at ${RAMP_PER_S}/s; RSS per stream = (RSS with all open - RSS before) / streams; loop delay while all are open)`)
  for (const x of concurrent) {
    if (x.count < x.wanted) console.log(`  (${x.count} streams, not ${x.wanted}: the BFF's open-files limit here is ${x.limit}, and each stream holds ${FDS_PER_STREAM})`)
    console.log(`  ${x.name.padEnd(48)} ${x.completed}/${x.count} completed in ${x.seconds.toFixed(1)} s (all open and answering after ${x.allAnswering.toFixed(1)} s); RSS before ${mb(x.before)}, all open ${mb(x.openRss)}, peak ${mb(x.peak)}: ${(x.perStream / 1024).toFixed(1)} KB per open stream; ${Number.isNaN(x.delay.p99) ? '' : `loop delay p50/p99/max ${x.delay.p50.toFixed(1)}/${x.delay.p99.toFixed(1)}/${x.delay.max.toFixed(1)} ms (prom-client's, 10 ms resolution included); `}proxy CPU ${(x.cpuShare * 100).toFixed(0)} % of a core, ${x.cpuPerPartUs.toFixed(1)} µs per relayed part (${x.partsPerS.toFixed(0)} parts/s delivered of ${x.nominalPartsPerS.toFixed(0)} sent at the upstream's cadence)`)
    console.log(`  ${''.padEnd(48)} a new chat's first byte with all open (${x.probes} probes), p50/p99: via BFF ${ms(x.probeBffP50)}/${ms(x.probeBffP99)}, direct ${ms(x.probeDirectP50)}/${ms(x.probeDirectP99)}; while opening ${RAMP_PER_S}/s: ${ms(x.rampTtfbP50)} (p50, load generator and upstream share a CPU)`)
  }
}
