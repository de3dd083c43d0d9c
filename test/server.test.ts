import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { startEmulator, type Emulator } from '../src/emulator/emulator.js'
import { JWT_SECRET, SECRET, signToken } from './helpers/harness.js'

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ organizationSecret: SECRET })
  emu.state.addUser('bob')
})
afterAll(async () => emu.close())

/** Starts a production server process and resolves with its URL once it listens. */
function serve (cwd: string, env: Record<string, string> = {}, prefix: string[] = []): Promise<{ child: ChildProcess, url: string, output: () => string }> {
  const [command, ...args] = [...prefix, process.execPath, 'dist/server.js']
  const child = spawn(command!, args, {
    cwd,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', SENSAY_ORGANIZATION_SECRET: SECRET, SENSAY_BASE_URL: emu.url, AUTH_JWT_SECRET: JWT_SECRET, SHUTDOWN_GRACE_MS: '5000', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stderr!.on('data', (chunk) => { output += chunk })
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += chunk
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (match) resolve({ child, url: match[1]!, output: () => output })
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)))
  })
}

describe('the production server', () => {
  it('on SIGTERM finishes the in-flight request, refuses new ones and exits 0', async () => {
    const { child, url } = await serve(process.cwd())
    const replica = emu.state.addReplica({ ownerID: 'bob', name: 'Slow' })
    emu.faults.push({ method: 'GET', path: `/v1/replicas/${replica.uuid}`, delayMs: 800 })
    const arrived = once(emu.events, 'request')
    const inflight = request(`${url}/v1/replicas/${replica.uuid}`, { headers: { authorization: `Bearer ${await signToken('sigterm-user')}` } })
    // Wait until the slow call is upstream (provisioning comes first).
    while ((await arrived, emu.calls.at(-1)?.path) !== `/v1/replicas/${replica.uuid}`) await once(emu.events, 'request')
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    const res = await inflight
    expect(res.statusCode).toBe(200)
    expect(await res.body.json()).toMatchObject({ uuid: replica.uuid })
    const [code] = await exited
    expect(code).toBe(0)
    await expect(request(`${url}/healthz`)).rejects.toThrow()
  })

  it('on SIGTERM with a stream open for the whole default grace (10 s), ends it with an error part and exits 0', async () => {
    // The default grace: avvio's own 10 s hook timeout used to fire first (AVV_ERR_READY_TIMEOUT, exit 1).
    const { child, url, output } = await serve(process.cwd(), { SHUTDOWN_GRACE_MS: '' })
    const replica = emu.state.addReplica({ ownerID: 'bob', name: 'Long' })
    emu.options.streamChunkDelayMs = 500
    try {
      const res = await request(`${url}/v1/replicas/${replica.uuid}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await signToken('grace-user')}`, 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ content: 'Tell me a long story that takes more than ten seconds to tell, please, word by word' })
      })
      expect(res.statusCode).toBe(200)
      const body = res.body.setEncoding('utf8')
      const chunks = body[Symbol.asyncIterator]()
      await chunks.next()
      const started = Date.now()
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      let rest = ''
      for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) rest += next.value as string
      expect(rest).toContain('3:')
      const [code] = await exited
      expect(code, output()).toBe(0)
      expect(Date.now() - started).toBeGreaterThan(9_000)
      expect(Date.now() - started).toBeLessThan(13_000)
    } finally {
      emu.options.streamChunkDelayMs = 0
    }
  }, 30_000)

  // Skipped only where util-linux's prlimit is missing (Debian has it).
  it.skipIf(spawnSync('prlimit', ['--version']).status !== 0)('at its open-files limit it keeps running and keeps answering the connections it has', async () => {
    const { child, url, output } = await serve(process.cwd(), {}, ['prlimit', '--nofile=256:256'])
    const { Client } = await import('undici')
    const { connect } = await import('node:net')
    const kept = new Client(url, { pipelining: 1, keepAliveTimeout: 60_000 })
    const headers = { authorization: `Bearer ${await signToken('fd-user')}` }
    const replica = emu.state.addReplica({ ownerID: 'bob', name: 'Descriptors' })
    const read = async () => {
      const res = await kept.request({ method: 'GET', path: `/v1/replicas/${replica.uuid}`, headers })
      await res.body.dump()
      return res.statusCode
    }
    expect(await read()).toBe(200)
    // Far more connections than descriptors left; each held open.
    const flood = Array.from({ length: 400 }, () => connect(Number(new URL(url).port), '127.0.0.1').on('error', () => {}))
    try {
      await new Promise((resolve) => setTimeout(resolve, 300))
      // At the limit, for longer than any sampler's interval: the process lives, the kept connection answers.
      const healthz = async () => kept.request({ method: 'GET', path: '/healthz' }).then(async (r) => { await r.body.dump(); return r.statusCode })
      for (const until = Date.now() + 1_500; Date.now() < until;) {
        expect(await healthz()).toBe(200)
        expect(child.exitCode).toBeNull()
      }
      // The API too, its upstream call on a kept-alive connection of the pool.
      expect(await read()).toBe(200)
      // Past the ceiling the limit leaves, new connections were shed: said once.
      expect(output().match(/at the connection ceiling/g)).toHaveLength(1)
    } finally {
      for (const socket of flood) socket.destroy()
      await kept.close()
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    }
  }, 20_000)

  it('a second signal exits at once, without waiting for a stuck request', async () => {
    const { child, url, output } = await serve(process.cwd(), { SHUTDOWN_GRACE_MS: '60000', UPSTREAM_TIMEOUT_MS: '60000' })
    const replica = emu.state.addReplica({ ownerID: 'bob', name: 'Stuck' })
    emu.faults.push({ method: 'GET', path: `/v1/replicas/${replica.uuid}`, delayMs: 30_000 })
    const stuck = request(`${url}/v1/replicas/${replica.uuid}`, { headers: { authorization: `Bearer ${await signToken('stuck-user')}` } }).catch(() => undefined)
    while (emu.calls.at(-1)?.path !== `/v1/replicas/${replica.uuid}`) await once(emu.events, 'request')
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    while (!output().includes('shutting down')) await once(child.stdout!, 'data')
    const started = Date.now()
    child.kill('SIGINT')
    await exited
    expect(Date.now() - started).toBeLessThan(3_000)
    await stuck
  })
})

// The image built and run on a real engine: test/deploy/container.test.ts. These need no engine.
describe('the container image', () => {
  it('runs node with the same V8 flags as npm start and the benchmark', () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(readFileSync('Dockerfile', 'utf8'))?.[1] ?? '[]') as string[]
    expect(cmd[0]).toBe('node')
    expect(cmd.at(-1)).toBe('dist/server.js')
    const flags = cmd.slice(1, -1).join(' ')
    expect(flags).toMatch(/--max-semi-space-size=\d+/)
    expect(flags).toContain('--no-concurrent-marking')
    expect(flags).toMatch(/--heap-growing-percent=\d+/)
    const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }
    expect(scripts.start).toBe(`node ${flags} scripts/start.mjs`)
    expect(scripts.demo).toBe(`node ${flags} scripts/start.mjs demo`)
  })

  it('runs from production dependencies only: npm ci --omit=dev of the built package, then node dist/server.js', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bff-image-'))
    try {
      for (const entry of ['package.json', 'package-lock.json', 'dist', 'spec']) cpSync(entry, join(dir, entry), { recursive: true })
      const install = spawnSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, encoding: 'utf8', timeout: 240_000 })
      expect(install.status, install.stderr).toBe(0)
      const { child, url } = await serve(dir)
      try {
        const res = await request(`${url}/healthz`)
        expect(res.statusCode).toBe(200)
        expect(await res.body.json()).toEqual({ status: 'ok' })
      } finally {
        const exited = once(child, 'exit')
        child.kill('SIGTERM')
        expect((await exited)[0]).toBe(0)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 300_000)
})
