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
function serve (cwd: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess, url: string, output: () => string }> {
  const child = spawn(process.execPath, ['dist/server.js'], {
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

// The container's own steps, where no Docker engine is available to build the image.
const docker = spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0

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

  // Skipped where no Docker engine runs (as on CI here); the test below runs the image's steps instead.
  it.skipIf(!docker)('builds from the Dockerfile and answers /healthz (needs a Docker engine)', async () => {
    const { GenericContainer, Wait } = await import('testcontainers')
    const image = await GenericContainer.fromDockerfile(process.cwd()).build('sensay-bff-test', { deleteOnExit: true })
    const container = await image
      .withEnvironment({ SENSAY_ORGANIZATION_SECRET: 'x', AUTH_JWT_SECRET: JWT_SECRET, SENSAY_BASE_URL: 'http://127.0.0.1:9' })
      .withExposedPorts(3000)
      .withWaitStrategy(Wait.forHttp('/healthz', 3000))
      .start()
    try {
      const res = await request(`http://${container.getHost()}:${container.getMappedPort(3000)}/healthz`)
      expect(res.statusCode).toBe(200)
    } finally {
      await container.stop()
    }
  }, 300_000)

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
