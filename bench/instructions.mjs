// `npm run bench instructions`: instructions per request of the BFF process, counted by
// valgrind's callgrind. Unlike CPU time on a shared VM (per-round BFF/reference ratios
// here swing from 0.95 to 1.9 in one sitting), the count repeats within ~3 %: the figure
// for an A/B of two checkouts (`node bench/instructions.mjs` in each, same workload).
// Warm-up requests are excluded (callgrind_control -z); 8 requests in flight.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SignJWT } from 'jose'
import { Agent, request } from 'undici'
import { JWT_SECRET, PRODUCTION_NODE_FLAGS, SECRET, emulatorProcess, freePort, quotasEnv, tracingEnv } from './lib.mjs'

const N = Number(process.env.BENCH_REQUESTS ?? 300)
const WARM = Number(process.env.BENCH_WARMUP ?? 500)
const CONCURRENCY = 8
// BENCH_ONLY='chat, OpenAI stream;list replicas': the named scenarios alone.
const only = process.env.BENCH_ONLY?.split(';').map((name) => name.trim())

if (spawnSyncOk('valgrind', ['--version']) === false) {
  console.log('bench instructions: needs valgrind (apt-get install valgrind)')
  process.exit(0)
}

function spawnSyncOk (command, args) {
  try {
    execFileSync(command, args, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

// vgdb (behind callgrind_control) names its pipes after USER and HOST: the same values for both sides.
const vgEnv = { USER: process.env.USER ?? 'bench', HOST: '127.0.0.1' }
const out = mkdtempSync(join(tmpdir(), 'bench-callgrind-'))
const emu = await emulatorProcess({ USERS: String(CONCURRENCY) })

/** A process under callgrind with counting off until asked; resolves once `ready` says it listens. */
async function counted (args, env, ready) {
  const child = spawn('valgrind', ['--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${out}/cg.%p`, process.execPath, ...args], {
    env: { PATH: process.env.PATH, ...vgEnv, ...env },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  child.stdout.resume()
  const url = await ready(child)
  const control = (...options) => execFileSync('callgrind_control', [...options, String(child.pid)], { encoding: 'utf8', env: { ...process.env, ...vgEnv } })
  return {
    url,
    kill: () => child.kill('SIGKILL'),
    /** Instructions this process ran while `work` did. */
    count: async (work) => {
      control('-i', 'on')
      control('-z')
      await work()
      control('-d')
      control('-i', 'off')
      const dump = readdirSync(out).filter((f) => f === `cg.${child.pid}` || f.startsWith(`cg.${child.pid}.`)).sort().at(-1)
      const total = Number(/^(?:summary|totals): (\d+)/m.exec(readFileSync(join(out, dump), 'utf8'))?.[1])
      rmSync(join(out, dump))
      return total
    }
  }
}

const waitHealthy = async (url) => {
  for (;;) {
    const up = await request(`${url}/healthz`).then((res) => res.body.dump().then(() => true), () => false)
    if (up) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}
const port = await freePort()
const bff = await counted([...PRODUCTION_NODE_FLAGS, 'dist/server.js'], {
  PORT: String(port),
  SENSAY_ORGANIZATION_SECRET: SECRET,
  AUTH_JWT_SECRET: JWT_SECRET,
  SENSAY_BASE_URL: emu.url,
  LOG_LEVEL: 'info',
  RATE_LIMIT_MAX: '1000000000',
  RATE_LIMIT_CHAT_MAX: '1000000000',
  STREAM_MAX_PER_USER: '1000',
  // Under valgrind the loop runs ~50x slower: the overload guard would answer 503.
  MAX_EVENT_LOOP_DELAY_MS: '0',
  ...quotasEnv(),
  ...await tracingEnv()
}, async () => {
  const url = `http://127.0.0.1:${port}`
  await waitHealthy(url)
  return url
})
const reference = await counted(['bench/reference-proxy.mjs'], { UPSTREAM: emu.url, SECRET }, (child) => new Promise((resolve) => {
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (line) => {
    const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)
    if (match) resolve(match[1])
  })
}))

const key = new TextEncoder().encode(JWT_SECRET)
const tokens = await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(`bench-user-${i}`).setIssuedAt().setExpirationTime('2h').sign(key)))
const chat = `/v1/replicas/${emu.replica.uuid}/chat/completions`
const sensayBody = JSON.stringify({ content: 'Hello there', skip_chat_history: true })
// What the BFF is sent, and what the reference is sent for the same upstream call (Sensay's shapes).
const streamedRef = { path: chat, body: JSON.stringify({ content: 'Hello there', skip_chat_history: true, source: 'web' }), accept: 'text/event-stream' }
const scenarios = {
  'chat completion (POST, JSON)': { bff: { path: chat, body: sensayBody }, ref: { path: chat, body: JSON.stringify({ content: 'Hello there', skip_chat_history: true, source: 'web' }) } },
  'chat, Sensay stream (SSE)': { bff: { path: chat, body: sensayBody, accept: 'text/event-stream' }, ref: streamedRef },
  'chat, AI SDK useChat (stream)': { bff: { path: chat, body: JSON.stringify({ id: 'chat-1', messages: [{ id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Hello there' }] }], trigger: 'submit-message', skip_chat_history: true }) }, ref: streamedRef },
  'chat, OpenAI stream': { bff: { path: '/openai/v1/chat/completions', body: JSON.stringify({ model: emu.replica.uuid, stream: true, store: false, messages: [{ role: 'user', content: 'Hello there' }] }) }, ref: streamedRef },
  'list replicas': { bff: { path: '/v1/replicas?page_size=10', method: 'GET' }, ref: { path: '/v1/replicas?page_size=10', method: 'GET' } }
}
const agent = new Agent({ connections: CONCURRENCY })

async function load (url, call, n) {
  let next = 0
  let failed = 0
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < n) {
      const i = next++
      const headers = { authorization: `Bearer ${tokens[i % CONCURRENCY]}`, 'content-type': 'application/json', ...(call.accept ? { accept: call.accept } : {}) }
      const res = await request(url + call.path, { method: call.method ?? 'POST', headers, body: call.body, dispatcher: agent })
      await res.body.dump()
      if (res.statusCode !== 200 && failed++ === 0) console.error(`  (first failure: ${res.statusCode} ${call.path})`)
    }
  }))
  return failed
}

console.log(`Instructions per request (callgrind; ${N} requests after ${WARM} warm-up, ${CONCURRENCY} in flight)`)
console.log(`  ${'scenario'.padEnd(32)} ${'reference'.padStart(10)} ${'BFF'.padStart(10)}   BFF/ref`)
try {
  for (const [name, scenario] of Object.entries(scenarios)) {
    if (only && !only.includes(name)) continue
    const figures = []
    for (const [target, call] of [[reference, scenario.ref], [bff, scenario.bff]]) {
      if (await load(target.url, call, WARM) > 0) throw new Error(`${name}: requests failed during the warm-up`)
      let failed = 0
      const total = await target.count(async () => { failed = await load(target.url, call, N) })
      if (failed > 0) throw new Error(`${name}: ${failed} requests failed`)
      figures.push(total / N)
    }
    const [ref, mine] = figures
    console.log(`  ${name.padEnd(32)} ${(ref / 1e6).toFixed(3).padStart(8)} M ${(mine / 1e6).toFixed(3).padStart(8)} M   ${(mine / ref).toFixed(2)}`)
  }
} finally {
  bff.kill()
  reference.kill()
  await emu.close()
  rmSync(out, { recursive: true, force: true })
}
