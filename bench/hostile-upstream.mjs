// Hostile upstream vs the BFF (dist/server.js in its own process): /healthz latency, RSS, a bystander's chat.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { request } from 'undici'
import { SignJWT } from 'jose'
const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '')
const { startEmulator } = await import(`${root}/dist/emulator/emulator.js`)
const SECRET = 'org-secret-7f3a9c1e5b2d4f6a8c0e'
const JWT = 'jwt-secret-for-tests-0123456789abcdef'
const emu = await startEmulator({ organizationSecret: SECRET, streamChunkDelayMs: 5, recordCalls: false })
emu.state.addUser('owner')
const hostile = emu.state.addReplica({ ownerID: 'owner', name: 'Hostile' })
const calm = emu.state.addReplica({ ownerID: 'owner', name: 'Calm' })
const child = spawn(process.execPath, ['--max-semi-space-size=8', '--no-concurrent-marking', '--heap-growing-percent=50', 'dist/server.js'], { cwd: root, env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', SENSAY_ORGANIZATION_SECRET: SECRET, SENSAY_BASE_URL: emu.url, AUTH_JWT_SECRET: JWT, RATE_LIMIT_MAX: '1000000', RATE_LIMIT_CHAT_MAX: '1000000', STREAM_MAX_PER_USER: '1000' }, stdio: ['ignore', 'pipe', 'inherit'] })
const url = await new Promise((resolve) => { let out = ''; child.stdout.on('data', (c) => { out += c; const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out); if (m) resolve(m[1]) }) })
const token = (sub) => new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(JWT))
const hostileAuth = `Bearer ${await token('attacker')}`; const calmAuth = `Bearer ${await token('bystander')}`
const chat = async (replica, auth, accept = 'text/event-stream') => { const t = performance.now(); const res = await request(`${url}/v1/replicas/${replica.uuid}/chat/completions`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json', accept }, body: JSON.stringify({ content: 'hi' }) }); await res.body.dump(); return performance.now() - t }
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024
const path = `/v1/replicas/${hostile.uuid}/chat/completions`
const v4Finish = 'd:{"finishReason":"stop","usage":{}}\n'
const big = `0:"${'x'.repeat(16 * 1024 * 1024)}"\n${v4Finish}`
const V4 = { 'content-type': 'text/plain; charset=utf-8', 'x-vercel-ai-data-stream': 'v1' }
const kinds = [
  { streamBody: big, headers: V4, chunkBytes: 64 * 1024 },
  { streamBody: `0:"${'y'.repeat(256 * 1024)}"\n${v4Finish}`, headers: V4, chunkBytes: 7 },
  { streamBody: '', headers: V4 },
  { streamBody: '{"success":true}', headers: { 'content-type': 'application/json' } },
  { streamBody: `0:"a"\n3:${JSON.stringify(JSON.stringify({ error: SECRET, fingerprint: 'f' }))}\n`, headers: V4 },
  { streamBody: '0:"no finish"\n', headers: V4 }
]
// Warm up.
for (let i = 0; i < 20; i++) await chat(calm, calmAuth)
const baseline = []; for (let i = 0; i < 50; i++) baseline.push(await chat(calm, calmAuth))
const until = Date.now() + 20_000
let maxRss = rss(); const health = []; const bystander = []; let hostileDone = 0
const attack = (async () => { while (Date.now() < until) { const batch = Array.from({ length: 8 }, (_, i) => { emu.faults.push({ method: 'POST', path, ...kinds[(hostileDone + i) % kinds.length] }); return chat(hostile, hostileAuth).catch(() => 0) }); await Promise.all(batch); hostileDone += batch.length } })()
const probe = (async () => { while (Date.now() < until) { const t = performance.now(); const r = await request(`${url}/healthz`); await r.body.dump(); health.push(performance.now() - t); maxRss = Math.max(maxRss, rss()); await new Promise((resolve) => setTimeout(resolve, 50)) } })()
const calmLoop = (async () => { while (Date.now() < until) { bystander.push(await chat(calm, calmAuth)); await new Promise((resolve) => setTimeout(resolve, 100)) } })()
await Promise.all([attack, probe, calmLoop])
const q = (a, p) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(1) }
console.log(JSON.stringify({ hostileStreams: hostileDone, healthz: { n: health.length, p50: q(health, 0.5), p99: q(health, 0.99), max: Math.max(...health).toFixed(1) }, rssMaxMB: maxRss.toFixed(0), bystanderChatMs: { before: { p50: q(baseline, 0.5), p99: q(baseline, 0.99) }, during: { n: bystander.length, p50: q(bystander, 0.5), p99: q(bystander, 0.99) } }, alive: child.exitCode === null }))
child.kill('SIGTERM'); await emu.close(); process.exit(0)
