// Throughput and latency: the BFF (production config: JWT auth with many
// users, API keys, rate limits set high, validation, info logs) against a
// bare reply-from proxy and against the upstream directly, same load, same run.
import autocannon from 'autocannon'
import { cpuAtRate, fixedRate, summarize } from './fixed-rate.mjs'
import { Browser, logIn } from '../dist/emulator/browser-login.js'
import { startIdentityProvider } from '../dist/emulator/identity-provider.js'
import { SECRET, emulatorProcess, freePort, mb, pinning, quotasEnv, startBff, startReference, tokens, tracingEnv } from './lib.mjs'

const DURATION_S = Number(process.env.BENCH_DURATION ?? 5)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50)
const FIXED_RATE = Number(process.env.BENCH_RATE ?? 1000)
const FIXED_CONNECTIONS = 20
// CPU per request at one rate for the reference and the BFF: this share of the slower one's closed-loop req/s.
const CPU_RATE_SHARE = Number(process.env.BENCH_CPU_RATE_SHARE ?? 0.6)
const CPU_ROUNDS = Number(process.env.BENCH_CPU_ROUNDS ?? 7)
const CPU_WINDOW_S = Number(process.env.BENCH_CPU_WINDOW ?? 3)
const SESSION_USERS = 50
// Each target's fixed-rate load first runs this long unmeasured.
const FIXED_WARMUP_S = 5

function run (options) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ connections: CONNECTIONS, pipelining: 1, ...options }, (err, result) => err ? reject(err) : resolve(result))
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false })
  })
}

async function measureOnce (target, scenario, rss, extra = {}) {
  let peak = rss ? rss() : 0
  const sampler = rss ? setInterval(() => { peak = Math.max(peak, rss()) }, 100) : undefined
  const cpuBefore = target.cpu?.() ?? 0
  const result = await run({ duration: DURATION_S, ...scenario(target), ...extra })
  const cpu = (target.cpu?.() ?? 0) - cpuBefore
  clearInterval(sampler)
  const errors = result.errors + result.timeouts + result.non2xx
  // CPU microseconds per request: what the proxy itself costs, whatever the machine's contention.
  const cpuUs = result.requests.total > 0 ? cpu / result.requests.total * 1e6 : 0
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors, peak, cpuUs }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/**
 * Each target warmed up, then measured in ROUNDS interleaved rounds (direct,
 * reference, BFF, direct, ...): this VM's speed drifts by 10-30 % over a
 * minute, and interleaving spreads the drift over all three. Medians per target.
 */
async function compare (targets, scenario, extra = {}) {
  for (const t of targets) await run({ duration: 2, ...scenario(t), ...extra })
  const runs = targets.map(() => [])
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, t] of targets.entries()) runs[i].push(await measureOnce(t, scenario, t.rss, extra))
  }
  return runs.map((r, i) => ({
    // The BFF's CPU per request over the reference's, round by round (same round, same machine state).
    cpuRatios: i === 0 ? [] : r.map((x, round) => x.cpuUs / (runs[1][round].cpuUs || 1)),
    rps: median(r.map((x) => x.rps)),
    p50: median(r.map((x) => x.p50)),
    p99: median(r.map((x) => x.p99)),
    cpuUs: median(r.map((x) => x.cpuUs)),
    errors: r.reduce((sum, x) => sum + x.errors, 0),
    peak: Math.max(...r.map((x) => x.peak))
  }))
}

/**
 * The fixed-rate mode: each target in turn under one continuous load, a
 * warm-up first, then ROUNDS windows of DURATION_S; medians of the windows'
 * p50/p99/p99.9. Not interleaved like `compare`: a process that idles between
 * rounds pays for it at the next one (V8 shrinks an idle heap, and the first
 * seconds of load then bring major GCs a steady load does not), which would
 * measure the rounds' schedule rather than the proxy.
 */
async function compareFixed (targets, requestFor) {
  const results = []
  for (const target of targets) {
    let peak = target.rss ? target.rss() : 0
    const sampler = target.rss ? setInterval(() => { peak = Math.max(peak, target.rss()) }, 100) : undefined
    const { latencies, errors } = await fixedRate(target.url, {
      rate: FIXED_RATE, warmupS: FIXED_WARMUP_S, durationS: ROUNDS * DURATION_S, connections: FIXED_CONNECTIONS, request: requestFor(target)
    })
    clearInterval(sampler)
    const size = latencies.length / ROUNDS
    const windows = Array.from({ length: ROUNDS }, (_, i) => summarize(latencies.subarray(i * size, (i + 1) * size)))
    results.push({
      p50: median(windows.map((x) => x.p50)),
      p99: median(windows.map((x) => x.p99)),
      p999: median(windows.map((x) => x.p999)),
      all: summarize(latencies),
      errors,
      peak
    })
  }
  return results
}

/** `only`: the scenario names to measure (all by default); `fixed`: whether to run the fixed-rate mode too. */
export async function throughputBench ({ only, fixed = true } = {}) {
  const users = await tokens(200)
  const emu = await emulatorProcess({ USERS: String(users.length) })
  const replica = emu.replica
  // Browser sessions too: a real identity provider here, and users logged in through it.
  const bffPort = await freePort()
  const idp = await startIdentityProvider([{ client_id: 'bench', client_secret: 'bench-client-secret-0123456789', redirect_uris: [`http://127.0.0.1:${bffPort}/auth/callback`] }])
  const bffEnv = {
    SENSAY_BASE_URL: emu.url,
    RATE_LIMIT_MAX: '1000000000',
    RATE_LIMIT_CHAT_MAX: '1000000000',
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: 'bench',
    OIDC_CLIENT_SECRET: 'bench-client-secret-0123456789',
    PUBLIC_URL: `http://127.0.0.1:${bffPort}`,
    SESSION_SECRET: 'bench-session-key-0123456789abcdef0123456789',
    // BENCH_QUOTAS=1: every chat counted against a budget (never reached) and usageLimits sent upstream.
    ...quotasEnv(),
    // BENCH_TRACING=1: tracing on, exported to a stand-in collector.
    ...await tracingEnv()
  }
  let bff = { ...(await startBff(bffEnv, bffPort)), isBff: true }
  const sessionCookies = await Promise.all(Array.from({ length: SESSION_USERS }, async (_, i) => {
    const browser = new Browser()
    await logIn(browser, bff.url, `bench-session-${i}`)
    return `bff_session=${browser.cookies(bff.url).get('bff_session')}`
  }))
  await idp.close()
  let nextSession = 0
  const withSession = (request) => {
    request.headers = { ...request.headers, cookie: sessionCookies[nextSession++ % sessionCookies.length], 'x-csrf': '1' }
    return request
  }
  const reference = await startReference(emu.url)
  const direct = { url: emu.url, direct: true }
  let next = 0
  const rotate = (request) => {
    request.headers = { ...request.headers, authorization: `Bearer ${users[next++ % users.length]}` }
    return request
  }
  const headersFor = (target) => target.direct
    ? { 'x-organization-secret': SECRET, 'x-user-id': 'bench-user-0', 'content-type': 'application/json' }
    : { 'content-type': 'application/json' }
  /** A JSON chat turn; the BFF's requests get their identity from `setupRequest`. */
  const jsonChat = (setupRequest) => (target) => ({
    method: 'POST',
    url: `${target.url}/v1/replicas/${replica.uuid}/chat/completions`,
    headers: headersFor(target),
    body: JSON.stringify({ content: 'Hello there', skip_chat_history: true, ...(target.isBff ? {} : { source: 'web' }) }),
    requests: target.isBff ? [{ setupRequest }] : undefined
  })
  const scenarios = {
    'chat completion (POST, JSON)': jsonChat(rotate),
    // The same chat from a browser session: the cookie and X-CSRF instead of a bearer token.
    'chat completion, session cookie': jsonChat(withSession),
    // Sensay's stream byte for byte, for all three.
    'chat, Sensay stream (SSE)': (target) => ({
      method: 'POST',
      url: `${target.url}/v1/replicas/${replica.uuid}/chat/completions`,
      headers: { ...headersFor(target), accept: 'text/event-stream' },
      body: JSON.stringify({ content: 'Hello there', skip_chat_history: true, ...(target.isBff ? {} : { source: 'web' }) }),
      requests: target.isBff ? [{ setupRequest: rotate }] : undefined
    }),
    // useChat's body to the BFF (answered as a UI message stream, translated from Sensay's v4
    // data stream); the same streamed chat in Sensay's shape to the reference and direct.
    'chat, AI SDK useChat (stream)': (target) => ({
      method: 'POST',
      url: `${target.url}/v1/replicas/${replica.uuid}/chat/completions`,
      headers: target.isBff ? headersFor(target) : { ...headersFor(target), accept: 'text/event-stream' },
      body: target.isBff
        ? JSON.stringify({ id: 'chat-1', messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Hello there' }] }], trigger: 'submit-message', skip_chat_history: true })
        : JSON.stringify({ content: 'Hello there', skip_chat_history: true, source: 'web' }),
      requests: target.isBff ? [{ setupRequest: rotate }] : undefined
    }),
    // The OpenAI SDK's streamed chat to the BFF's OpenAI door (Sensay's v4 stream translated into
    // chat.completion.chunks); the same streamed chat in Sensay's shape to the reference and direct.
    'chat, OpenAI stream': (target) => ({
      method: 'POST',
      url: target.isBff ? `${target.url}/openai/v1/chat/completions` : `${target.url}/v1/replicas/${replica.uuid}/chat/completions`,
      headers: target.isBff ? headersFor(target) : { ...headersFor(target), accept: 'text/event-stream' },
      body: target.isBff
        ? JSON.stringify({ model: replica.uuid, stream: true, store: false, messages: [{ role: 'user', content: 'Hello there' }] })
        : JSON.stringify({ content: 'Hello there', skip_chat_history: true, source: 'web' }),
      requests: target.isBff ? [{ setupRequest: rotate }] : undefined
    }),
    'GET replica': (target) => ({ method: 'GET', url: `${target.url}/v1/replicas/${replica.uuid}`, headers: headersFor(target), requests: target.isBff ? [{ setupRequest: rotate }] : undefined }),
    'list replicas': (target) => ({ method: 'GET', url: `${target.url}/v1/replicas?page_size=10`, headers: headersFor(target), requests: target.isBff ? [{ setupRequest: rotate }] : undefined })
  }
  try {
    // Provision every user and warm the replica cache before measuring.
    const provision = () => run({ url: `${bff.url}/v1/users/me`, amount: users.length * 2, method: 'GET', requests: [{ setupRequest: rotate }] })
    await provision()
    const rows = []
    for (const [name, scenario] of Object.entries(scenarios)) {
      if (only && !only.includes(name)) continue
      const [d, r, b] = await compare([direct, reference, bff], scenario)
      // Closed-loop CPU per request favours whichever proxy the load generator keeps busier (more
      // requests per wake-up); at one open-loop rate both are offered the same load.
      const rate = Math.max(100, Math.round(Math.min(r.rps, b.rps) * CPU_RATE_SHARE / 100) * 100)
      const atRate = await cpuAtRate([reference, bff], scenario, { rate, rounds: CPU_ROUNDS, windowS: CPU_WINDOW_S })
      rows.push({ name, direct: d, reference: r, bff: b, atRate: { rate, ...atRate } })
    }
    if (!fixed) return { rows }
    // Latency at a fixed rate: what the BFF adds at 1,000 req/s, beside what a bare
    // HTTP proxy and a raw TCP relay (the hop alone; it passes the direct request as is) add.
    const relay = { ...(await startReference(emu.url, 'bench/tcp-relay.mjs')), direct: true }
    // A fresh BFF: its RSS here is this load's, not the high-water mark of the runs above.
    await bff.stop()
    bff = { ...(await startBff(bffEnv, bffPort)), isBff: true }
    await provision()
    try {
      const chat = (target) => {
        const body = JSON.stringify({ content: 'Hello there', skip_chat_history: true, ...(target.isBff ? {} : { source: 'web' }) })
        const path = `/v1/replicas/${replica.uuid}/chat/completions`
        const headers = headersFor(target)
        const perUser = target.isBff ? users.map((token) => ({ ...headers, authorization: `Bearer ${token}` })) : [headers]
        return (i) => ({ path, method: 'POST', headers: perUser[i % perUser.length], body })
      }
      const [fd, ft, fr, fb] = await compareFixed([direct, relay, reference, bff], chat)
      return { rows, fixed: { direct: fd, relay: ft, reference: fr, bff: fb } }
    } finally {
      await relay.stop()
    }
  } finally {
    await bff.stop()
    await reference.stop()
    await emu.close()
  }
}

export function printThroughputBench ({ rows, fixed }) {
  if (rows.length > 0) console.log(`\nThroughput (${CONNECTIONS} connections; medians of ${ROUNDS} interleaved ${DURATION_S} s rounds after a 2 s warm-up; 200 users' JWTs rotated; ${pinning})`)
  if (rows.length > 0) console.log('  scenario                       direct req/s   reference req/s   BFF req/s   BFF/ref   BFF/direct   BFF p50/p99 ms   CPU µs/req ref/BFF   CPU BFF/ref by round   BFF peak RSS   errors')
  for (const { name, direct, reference, bff } of rows) {
    const spread = bff.cpuRatios.map((r) => r.toFixed(2)).join(' ')
    console.log(`  ${name.padEnd(30)} ${direct.rps.toFixed(0).padStart(12)} ${reference.rps.toFixed(0).padStart(17)} ${bff.rps.toFixed(0).padStart(11)} ${(bff.rps / reference.rps * 100).toFixed(0).padStart(8)}% ${(bff.rps / direct.rps * 100).toFixed(0).padStart(11)}% ${`${bff.p50}/${bff.p99}`.padStart(16)} ${`${reference.cpuUs.toFixed(0)}/${bff.cpuUs.toFixed(0)}`.padStart(20)} ${spread.padStart(22)} ${mb(bff.peak).padStart(14)} ${String(direct.errors + reference.errors + bff.errors).padStart(8)}`)
  }
  if (rows.some((row) => row.atRate)) {
    console.log(`\nCPU per request at one open-loop rate (${CPU_RATE_SHARE * 100} % of the slower proxy's req/s above; ${CPU_ROUNDS} interleaved ${CPU_WINDOW_S} s windows; reference, BFF, reference, ...)`)
    console.log('  scenario                       rate req/s   CPU µs/req ref/BFF (median)   CPU BFF/ref by window (sorted)   median   errors')
    for (const { name, atRate } of rows) {
      if (!atRate) continue
      const sorted = [...atRate.ratios].sort((a, b) => a - b)
      console.log(`  ${name.padEnd(30)} ${String(atRate.rate).padStart(10)} ${`${atRate.cpuUs[0].toFixed(0)}/${atRate.cpuUs[1].toFixed(0)}`.padStart(29)} ${sorted.map((r) => r.toFixed(2)).join(' ').padStart(32)} ${median(sorted).toFixed(2).padStart(8)} ${String(atRate.errors).padStart(8)}`)
    }
  }
  if (!fixed) return
  const { direct, relay, reference, bff } = fixed
  const f = (x) => `${x.p50.toFixed(2)} / ${x.p99.toFixed(2)} / ${x.p999.toFixed(2)} ms`
  const added = (x) => `p50 +${(x.p50 - direct.p50).toFixed(2)}, p99 +${(x.p99 - direct.p99).toFixed(2)} ms`
  console.log(`\nLatency at a fixed ${FIXED_RATE} req/s, open loop (chat completion, up to ${FIXED_CONNECTIONS} connections; from each request's due time; each target ${FIXED_WARMUP_S} s unmeasured, then ${ROUNDS} windows of ${DURATION_S} s: medians, and the whole run)`)
  console.log('  target             p50 / p99 / p99.9 (median)   added over direct          whole run p50 / p99 / p99.9   errors')
  for (const [name, x] of [['direct', direct], ['raw TCP relay', relay], ['reference proxy', reference], ['BFF', bff]]) {
    console.log(`  ${name.padEnd(18)} ${f(x).padEnd(28)} ${(x === direct ? '' : added(x)).padEnd(26)} ${f(x.all).padEnd(29)} ${String(x.errors).padStart(6)}`)
  }
  console.log(`  BFF peak RSS under this load: ${mb(bff.peak)}`)
}
