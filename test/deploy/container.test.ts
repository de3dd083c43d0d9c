import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js'
import { JWT_SECRET, SECRET, signToken } from '../helpers/harness.js'
import { containerState, docker, dockerEngine, dockerEvent, dockerOk } from '../helpers/docker.js'

// The image and the compose stack on a real Docker engine: CI starts one with
// ../shared/container/docker-here.sh (stand-ins for the official base images);
// where none runs (a laptop without Docker), these skip and say why.
const engine = dockerEngine()
const IMAGE = 'sensay-bff:test'
const MB = 1024 * 1024

const dir = mkdtempSync(join(tmpdir(), 'bff-container-'))
let emu: Emulator
const started: string[] = []

beforeAll(async () => {
  if (!engine.ok) return
  // On the host, reached from the containers through Docker's host gateway.
  emu = await startEmulator({ organizationSecret: SECRET, host: '0.0.0.0' })
  emu.state.addUser('owner')
})
afterAll(async () => {
  if (engine.ok) {
    for (const id of started) await docker(['rm', '-f', id])
    await emu?.close()
  }
  rmSync(dir, { recursive: true, force: true })
})

/** The image's size and layer count, as `docker image inspect` reports them. */
async function describeImage (tag: string): Promise<{ bytes: number, layers: number, user: string }> {
  const [bytes, layers, user] = (await dockerOk(['image', 'inspect', '--format', '{{.Size}} {{len .RootFS.Layers}} {{.Config.User}}', tag])).split(' ')
  return { bytes: Number(bytes), layers: Number(layers), user: user ?? '' }
}

/** Starts the image detached against the host's emulator; resolves with its id and published URL once healthy. */
async function runBff (args: string[], env: Record<string, string> = {}): Promise<{ id: string, url: string }> {
  const since = new Date().toISOString()
  const envArgs = Object.entries({
    SENSAY_BASE_URL: `http://host.docker.internal:${new URL(emu.url).port}`,
    SENSAY_ALLOW_INSECURE_UPSTREAM: 'true',
    AUTH_JWT_SECRET: JWT_SECRET,
    ...env
  }).flatMap(([key, value]) => ['-e', `${key}=${value}`])
  const id = await dockerOk(['run', '-d', '--add-host', 'host.docker.internal:host-gateway', '-p', '127.0.0.1::3000', ...envArgs, ...args, IMAGE])
  started.push(id)
  // Docker's own health check, replayed from `since`: no polling.
  const healthy = dockerEvent(id, 'health_status', (status) => status.endsWith(': healthy'), 90_000, since)
  await healthy.promise
  const port = (await dockerOk(['port', id, '3000/tcp'])).split('\n')[0]!.split(':').at(-1)
  return { id, url: `http://127.0.0.1:${port}` }
}

/** `docker stop` (the container's own stop timeout), timed; resolves with the exit code. */
async function stop (id: string): Promise<{ code: number, ms: number }> {
  const from = Date.now()
  await dockerOk(['stop', id], { timeoutMs: 60_000 })
  return { code: (await containerState(id)).ExitCode, ms: Date.now() - from }
}

describe.skipIf(!engine.ok)(`the container on a real Docker engine${engine.ok ? '' : ` (skipped: ${engine.reason})`}`, () => {
  it('builds with BuildKit from the base image alone (no dockerfile frontend from Docker Hub), and with the legacy builder', async () => {
    const buildkit = await docker(['build', '-t', IMAGE, '.'], { env: { DOCKER_BUILDKIT: '1' }, timeoutMs: 900_000 })
    expect(buildkit.status, buildkit.stderr.slice(-2000)).toBe(0)
    const legacy = await docker(['build', '-t', `${IMAGE}-legacy`, '.'], { env: { DOCKER_BUILDKIT: '0' }, timeoutMs: 900_000 })
    expect(legacy.status, legacy.stderr.slice(-2000)).toBe(0)
    for (const tag of [IMAGE, `${IMAGE}-legacy`]) {
      const image = await describeImage(tag)
      console.log(`image ${tag}: ${(image.bytes / MB).toFixed(0)} MB, ${image.layers} layers, user ${image.user}`)
      expect(image.user).toBe('node')
      expect(image.bytes).toBeLessThan(400 * MB)
    }
  }, 1_800_000)

  it('runs as uid 1000 under tini on a read-only root filesystem, turns healthy, serves a chat, and a stream open on SIGTERM ends with an error part and exit 0 within the grace', async () => {
    const { id, url } = await runBff(['--read-only', '--stop-timeout', '30'], { SENSAY_ORGANIZATION_SECRET: SECRET })
    expect(await dockerOk(['exec', id, 'id', '-u'])).toBe('1000')
    expect(await dockerOk(['exec', id, 'cat', '/proc/1/comm'])).toBe('tini')
    // tini's child, the server, runs as uid 1000 too.
    expect(await dockerOk(['exec', id, 'sh', '-c', 'grep -l dist/server.js /proc/[0-9]*/cmdline | head -1 | xargs dirname | xargs -I{} grep ^Uid: {}/status'])).toMatch(/^Uid:\s+1000\s/)
    expect((await request(`${url}/healthz`)).statusCode).toBe(200)

    const replica = emu.state.addReplica({ ownerID: 'owner', name: 'Long story' })
    const token = await signToken('container-user')
    emu.options.streamChunkDelayMs = 500
    try {
      const res = await request(`${url}/v1/replicas/${replica.uuid}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ content: 'Tell me a story long enough to outlast the grace period of ten seconds, word by word' })
      })
      expect(res.statusCode).toBe(200)
      expect(emu.calls.some((call) => call.headers['x-user-id'] === 'container-user')).toBe(true)
      const chunks = res.body.setEncoding('utf8')[Symbol.asyncIterator]()
      await chunks.next()
      const stopping = stop(id)
      let rest = ''
      for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) rest += next.value as string
      expect(rest).toMatch(/3:"[^"]+"\n$/)
      const { code, ms } = await stopping
      expect(code, (await docker(['logs', '--tail', '20', id])).stderr).toBe(0)
      expect(ms).toBeGreaterThan(9_000)
      expect(ms).toBeLessThan(20_000)
    } finally {
      emu.options.streamChunkDelayMs = 0
    }
  }, 180_000)

  it('reads the secret from a mounted file; one it cannot read stops start-up with one line naming the variable and the uid', async () => {
    const readable = join(dir, 'sensay-readable')
    writeFileSync(readable, `${SECRET}\n`)
    chmodSync(readable, 0o444)
    const { id, url } = await runBff(['--read-only', '-v', `${readable}:/run/secrets/sensay:ro`], { SENSAY_ORGANIZATION_SECRET_FILE: '/run/secrets/sensay' })
    const res = await request(`${url}/v1/replicas`, { headers: { authorization: `Bearer ${await signToken('file-secret-user')}` } })
    expect(res.statusCode).toBe(200)
    expect(emu.calls.at(-1)?.headers['x-organization-secret']).toBe(SECRET)
    // Idle: SIGTERM exits 0 at once.
    const idle = await stop(id)
    expect(idle.code).toBe(0)
    expect(idle.ms).toBeLessThan(5_000)

    // As root (CI), a 0600 file is the container user's to read only when it is uid 1000's own.
    if (process.getuid?.() === 1000) return
    const unreadable = join(dir, 'sensay-root-only')
    writeFileSync(unreadable, SECRET)
    chmodSync(unreadable, 0o600)
    const run = await docker(['run', '--rm', '-v', `${unreadable}:/run/secrets/sensay:ro`, '-e', 'SENSAY_ORGANIZATION_SECRET_FILE=/run/secrets/sensay', '-e', `AUTH_JWT_SECRET=${JWT_SECRET}`, IMAGE])
    expect(run.status).toBe(1)
    expect(run.stderr.trim()).toBe('Invalid configuration: SENSAY_ORGANIZATION_SECRET_FILE cannot be read (EACCES: /run/secrets/sensay; it must be readable by uid 1000)')
  }, 180_000)
})

describe.skipIf(!engine.ok)(`docker-compose.yml on a real Docker engine${engine.ok ? '' : ` (skipped: ${engine.reason})`}`, () => {
  const project = `bfftest${process.pid}`
  const override = join(dir, 'compose.override.yml')
  // Only what the test needs to see: a low limit, and an emulator slow enough to tell a buffered stream from a streamed one.
  writeFileSync(override, [
    'services:',
    '  bff:',
    '    environment:',
    '      RATE_LIMIT_MAX: "9"',
    '  emulator:',
    '    environment:',
    '      EMULATOR_CHUNK_DELAY_MS: "600"',
    ''
  ].join('\n'))
  const env = {
    SENSAY_ORGANIZATION_SECRET: 'local',
    SENSAY_BASE_URL: 'http://emulator:4000',
    SENSAY_ALLOW_INSECURE_UPSTREAM: 'true',
    AUTH_JWT_SECRET: JWT_SECRET,
    BFF_PORT: '127.0.0.1:0'
  }
  const compose = (args: string[], timeoutMs?: number) => docker(['compose', '-p', project, '-f', 'docker-compose.yml', '-f', override, '--profile', 'emulator', ...args], { env, timeoutMs })
  let url = ''

  beforeAll(async () => {
    const up = await compose(['up', '-d', '--build', '--scale', 'bff=3', '--wait'], 900_000)
    if (up.status !== 0) throw new Error(`docker compose up exited ${up.status}: ${up.stderr.slice(-3000)}`)
    const port = (await compose(['port', 'lb', '8080'])).stdout.trim().split(':').at(-1)
    url = `http://127.0.0.1:${port}`
  }, 900_000)
  afterAll(async () => { await compose(['down', '--remove-orphans', '--timeout', '30'], 120_000) }, 180_000)

  /** The request lines the BFF instances logged, per container. */
  async function requestLines (): Promise<Map<string, Array<Record<string, unknown>>>> {
    const ids = (await compose(['ps', '-q', 'bff'])).stdout.trim().split('\n').filter(Boolean)
    const lines = new Map<string, Array<Record<string, unknown>>>()
    for (const id of ids) {
      const logs = await docker(['logs', id])
      lines.set(id, logs.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.msg === 'request'))
    }
    return lines
  }

  it('runs 3 instances behind nginx that share one limit, and see the client\'s address through the one trusted hop', async () => {
    const token = await signToken('compose-user')
    const statuses: number[] = []
    // A client that claims another address: nginx replaces the header, the BFF trusts nginx alone.
    for (let i = 0; i < 12; i++) {
      const res = await request(`${url}/v1/replicas`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '6.6.6.6' } })
      await res.body.dump()
      statuses.push(res.statusCode)
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(9)
    expect(statuses.slice(9)).toEqual([429, 429, 429])

    const lines = await requestLines()
    expect(lines.size).toBe(3)
    const mine = [...lines.values()].map((list) => list.filter((line) => line.route === '/v1/replicas'))
    // Each instance answered some of them: the limit is shared, not per instance.
    for (const list of mine) expect(list.length).toBeGreaterThan(0)
    const gateway = await dockerOk(['network', 'inspect', `${project}_default`, '--format', '{{range .IPAM.Config}}{{.Gateway}}{{end}}'])
    const lb = (await compose(['ps', '-q', 'lb'])).stdout.trim()
    const nginx = await dockerOk(['inspect', lb, '--format', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}'])
    const ips = new Set(mine.flat().map((line) => line.ip))
    expect([...ips]).toEqual([gateway])
    expect(ips.has(nginx)).toBe(false)
    expect(ips.has('6.6.6.6')).toBe(false)
  }, 120_000)

  it('streams through nginx as the parts are written, not when the answer is done', async () => {
    const token = await signToken('compose-streamer')
    const list = await request(`${url}/v1/replicas`, { headers: { authorization: `Bearer ${token}` } })
    const { items } = await list.body.json() as { items: Array<{ uuid: string, slug: string }> }
    const ada = items.find((item) => item.slug === 'ada')!
    const from = Date.now()
    const res = await request(`${url}/v1/replicas/${ada.uuid}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ content: 'Hello from compose' })
    })
    expect(res.statusCode).toBe(200)
    const arrivals: number[] = []
    let text = ''
    for await (const chunk of res.body.setEncoding('utf8')) {
      arrivals.push(Date.now() - from)
      text += chunk as string
    }
    expect(text).toContain('d:{"finishReason":"stop"')
    // ~15 parts 600 ms apart: the first reaches the client seconds before the last.
    expect(arrivals.length).toBeGreaterThan(5)
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThan(2_000)
  }, 60_000)

  it('stopping the BFF with a stream open lets the stream run its grace (10 s, past compose\'s default stop timeout) and exits 0; compose stop exits 0 throughout', async () => {
    const ids = (await compose(['ps', '-q', 'bff'])).stdout.trim().split('\n').filter(Boolean)
    const token = await signToken('compose-stopper')
    const list = await request(`${url}/v1/replicas`, { headers: { authorization: `Bearer ${token}` } })
    const ada = ((await list.body.json()) as { items: Array<{ uuid: string, slug: string }> }).items.find((item) => item.slug === 'ada')!
    // ~30 parts 600 ms apart: longer than the grace.
    const res = await request(`${url}/v1/replicas/${ada.uuid}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ content: 'Please tell me a rather long story about containers, graceful shutdowns, signals and streams, one word at a time' })
    })
    const chunks = res.body.setEncoding('utf8')[Symbol.asyncIterator]()
    await chunks.next()
    const from = Date.now()
    const stopped = compose(['stop', 'bff'], 120_000)
    let rest = ''
    for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) rest += next.value as string
    const ms = Date.now() - from
    expect((await stopped).status).toBe(0)
    // Ended by the BFF at its grace with an error part, not cut by a SIGKILL.
    expect(ms).toBeGreaterThan(9_000)
    expect(rest).toMatch(/3:"[^"]+"\n$/)
    for (const id of ids) expect((await containerState(id)).ExitCode, id).toBe(0)
    // The rest of the stack stops cleanly too.
    const all = (await compose(['ps', '-aq'])).stdout.trim().split('\n').filter(Boolean)
    expect((await compose(['stop'], 120_000)).status).toBe(0)
    for (const id of all) expect((await containerState(id)).ExitCode, id).toBe(0)
    // Without the emulator profile the file is still valid (the emulator dependency is optional).
    const plain = await docker(['compose', '-f', 'docker-compose.yml', 'config', '--quiet'], { env })
    expect(plain.status, plain.stderr).toBe(0)
  }, 180_000)
})
