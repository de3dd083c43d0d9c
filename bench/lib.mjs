// Shared pieces of the benchmarks: the built emulator in this process, the
// built BFF in a child process (so its RSS is its own), tokens, statistics.
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import net from 'node:net'
import { request } from 'undici'
import { SignJWT } from 'jose'
import { startEmulator } from '../dist/emulator/emulator.js'

export const SECRET = 'bench-organization-secret'

// With taskset, the proxy under test gets CPU 1 to itself while the load
// generator and the upstream share CPU 0: on 2 cores, three busy processes
// otherwise make the ratios swing by ±30 % between runs.
const PINNED = process.env.BENCH_PIN !== 'false' && spawnSync('taskset', ['-c', '0', 'true']).status === 0
export const pinning = PINNED ? 'proxy on CPU 1; load generator and upstream on CPU 0' : 'no CPU pinning'
if (PINNED) spawnSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' })

/** Spawns node on a CPU of its own when pinning is available. */
export function spawnNode (cpu, args, options) {
  return PINNED
    ? spawn('taskset', ['-c', String(cpu), process.execPath, ...args], options)
    : spawn(process.execPath, args, options)
}
export const JWT_SECRET = 'bench-jwt-secret-0123456789abcdef0123456789'

export async function emulator (options = {}) {
  const emu = await startEmulator({ organizationSecret: SECRET, streamChunkDelayMs: 0, recordCalls: false, ...options })
  emu.state.addUser('owner')
  const replica = emu.state.addReplica({ ownerID: 'owner', name: 'Bench' })
  return { emu, replica }
}

/** The emulator in a child process (on `cpu` when pinning); resolves with its URL and the seeded replica. */
export function emulatorProcess (env = {}, cpu = 0) {
  return new Promise((resolve, reject) => {
    const child = spawnNode(cpu, [...(process.env.EMU_ARGS ?? '').split(' ').filter(Boolean), 'bench/emulator-process.mjs'], { env: { PATH: process.env.PATH, SECRET, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
    child.stdout.setEncoding('utf8')
    child.stdout.once('data', (line) => {
      const { url, replica } = JSON.parse(line)
      resolve({ url, replica: { uuid: replica }, rss: () => rssOf(child.pid), close: () => stop(child) })
    })
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)))
  })
}

/** The V8 flags the image runs with (the Dockerfile's CMD), so the bench measures the same process. */
export const PRODUCTION_NODE_FLAGS = JSON.parse(/^CMD (\[.*\])$/m.exec(readFileSync('Dockerfile', 'utf8'))?.[1] ?? '[]').filter((arg) => arg.startsWith('--'))

/** A port free on 127.0.0.1 right now. */
export function freePort () {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts `node dist/server.js` with the production config and flags, and
 * resolves once /healthz answers. Its log lines (stdout) go to BENCH_LOG,
 * /dev/null by default: a file the BFF writes, not a pipe the load generator
 * must read on its own CPU.
 */
export async function startBff (env, port) {
  port ??= await freePort()
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the BFF under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const log = openSync(process.env.BENCH_LOG ?? '/dev/null', 'a')
  const child = spawnNode(1, [...PRODUCTION_NODE_FLAGS, ...nodeArgs, 'dist/server.js'], {
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), SENSAY_ORGANIZATION_SECRET: SECRET, AUTH_JWT_SECRET: JWT_SECRET, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', log, 'inherit']
  })
  closeSync(log)
  const url = `http://127.0.0.1:${port}`
  const exited = new Promise((resolve, reject) => child.once('exit', (code) => reject(new Error(`BFF exited with ${code}`))))
  const ready = (async () => {
    for (;;) {
      const ok = await request(`${url}/healthz`).then((res) => res.body.dump().then(() => res.statusCode === 200), () => false)
      if (ok) return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  })()
  await Promise.race([ready, exited])
  return { child, url, rss: () => rssOf(child.pid), cpu: () => cpuOf(child.pid), stop: () => stop(child) }
}

/** The bare reply-from proxy (or another script taking UPSTREAM) on the proxy's CPU; resolves once it listens. */
export function startReference (upstream, script = 'bench/reference-proxy.mjs', env = {}) {
  return new Promise((resolve, reject) => {
    // BENCH_REF_NODE_ARGS profiles the reference likewise, for a differential profile.
    const nodeArgs = (process.env.BENCH_REF_NODE_ARGS ?? '').split(' ').filter(Boolean)
    const child = spawnNode(1, [...nodeArgs, script], { env: { PATH: process.env.PATH, UPSTREAM: upstream, SECRET, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (line) => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)
      if (match) resolve({ child, url: match[1], rss: () => rssOf(child.pid), cpu: () => cpuOf(child.pid), stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM') }) })
    })
    child.once('exit', (code) => reject(new Error(`reference exited with ${code}`)))
  })
}

function stop (child) {
  return new Promise((resolve) => {
    child.once('exit', resolve)
    child.kill('SIGTERM')
  })
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuOf (pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

export function rssOf (pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024
}

export async function tokens (count) {
  const key = new TextEncoder().encode(JWT_SECRET)
  return Promise.all(Array.from({ length: count }, (_, i) =>
    new SignJWT({ sub: `bench-user-${i}` }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(key)))
}

export function percentile (sorted, p) {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor(p / 100 * sorted.length))]
}

export const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
export const ms = (value) => `${value.toFixed(2)} ms`

/** BENCH_QUOTAS=1: a QUOTAS_FILE whose budgets the bench never reaches (every chat counted, usageLimits sent). */
export function quotasEnv () {
  if (!process.env.BENCH_QUOTAS) return {}
  const file = join(mkdtempSync(join(tmpdir(), 'bench-quotas-')), 'quotas.json')
  writeFileSync(file, JSON.stringify({ default: 'bench', tiers: { bench: { monthlyConversations: 1e9, knowledgeBaseEntries: 1e9, chatsPerDay: 1e9, chatsPerMonth: 1e9 } } }))
  return { QUOTAS_FILE: file }
}

/**
 * BENCH_TRACING=1: tracing on, every request sampled, spans exported over
 * OTLP/HTTP (protobuf) to a collector stand-in in this process that reads and
 * drops them (its CPU is not the BFF's).
 */
export async function tracingEnv () {
  if (!process.env.BENCH_TRACING) return {}
  const { createServer } = await import('node:http')
  const sink = createServer((request, response) => {
    request.resume()
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end())
  })
  await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve))
  sink.unref()
  // BENCH_TRACING=always_off: the spans' bookkeeping alone, nothing recorded or sent.
  const sampler = process.env.BENCH_TRACING === '1' ? {} : { OTEL_TRACES_SAMPLER: process.env.BENCH_TRACING }
  return { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${sink.address().port}`, ...sampler }
}
