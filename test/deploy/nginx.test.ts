import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { get } from 'node:http'
import { request } from 'undici'
import { ADMIN_KEY, baseConfig, startHarness, type Harness } from '../helpers/harness.js'
import { closedPort } from '../helpers/ports.js'

// The shipped proxy setup for real: Debian's nginx with the `location /` block
// of deploy/nginx.conf in front of a BFF configured as docker-compose.yml
// configures it (TRUST_PROXY=1). .ci/run installs nginx, so CI always runs
// this; on a machine without it the file is skipped with a warning.

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path))
if (!NGINX) console.warn('nginx not found: the proxy-header tests are skipped (apt-get install nginx; .ci/run does)')
const dir = mkdtempSync(join(tmpdir(), 'bff-nginx-'))
let nginx: ChildProcess | undefined
let h: Harness
let edge: string

function shippedLocationBlock (): string {
  const conf = readFileSync('deploy/nginx.conf', 'utf8')
  const match = /location \/ \{[\s\S]*?\n {4}\}/.exec(conf)
  if (!match) throw new Error('deploy/nginx.conf has no `location /` block')
  return match[0]
}

beforeAll(async () => {
  if (!NGINX) return
  h = await startHarness({ config: { trustProxy: 1, rateLimit: { ...baseConfig('http://127.0.0.1:1').rateLimit, authFailureMax: 3 } } })
  const bff = new URL(await h.app.listen({ host: '127.0.0.1', port: 0 }))
  const port = await closedPort()
  writeFileSync(join(dir, 'nginx.conf'), `
${process.getuid?.() === 0 ? 'user root root;' : ''}
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  upstream bff { server 127.0.0.1:${bff.port}; keepalive 8; }
  server {
    listen 127.0.0.1:${port};
    ${shippedLocationBlock()}
  }
}
`)
  nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' })
  edge = `http://127.0.0.1:${port}`
  // Ready when it answers: the listen socket is the event.
  for (let i = 0; i < 100; i++) {
    const up = await request(`${edge}/healthz`).then((res) => res.body.dump().then(() => res.statusCode), () => 0)
    if (up === 200) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`nginx did not start: ${existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''}`)
})

afterAll(async () => {
  if (nginx) {
    const exited = new Promise((resolve) => nginx!.once('exit', resolve))
    nginx.kill('SIGQUIT')
    await exited
  }
  await h?.close()
  rmSync(dir, { recursive: true, force: true })
})

const bad = (forwardedFor: string) => request(`${edge}/v1/users/me`, { headers: { authorization: 'Bearer not-a-token', 'x-forwarded-for': forwardedFor } })

// Skipped only where nginx is missing, as the warning above says; CI installs it.
describe.skipIf(!NGINX)('behind the shipped nginx', () => {
  it('a spoofed X-Forwarded-For changes nothing: failed attempts count against the real address', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      const res = await bad(`203.0.113.${i}`)
      await res.body.dump()
      statuses.push(res.statusCode)
    }
    // authFailureMax is 3: rotating the header would have kept every attempt a 401.
    expect(statuses).toEqual([401, 401, 401, 429, 429])
  })

  it('nobody else\'s failed attempts lock out a valid credential from the same address', async () => {
    const res = await request(`${edge}/v1/replicas`, { headers: { 'x-api-key': ADMIN_KEY } })
    expect(res.statusCode).toBe(200)
    await res.body.dump()
    const user = await request(`${edge}/v1/users/me`, { headers: await h.as('nat-neighbour') })
    expect(user.statusCode).toBe(200)
    await user.body.dump()
  })

  // The client on another address than nginx (127.0.0.2 and .3 on loopback): what the BFF logs
  // and limits by must be the client's. With the proxy trusted for nothing, it would be nginx's.
  it('a client at another address than the proxy is seen at its own address, and limited there', async () => {
    // node:http binds the client's end of the socket (localAddress); undici's connector does not.
    const from = (localAddress: string, headers: Record<string, string>) => new Promise<number>((resolve, reject) => {
      const url = new URL(`${edge}/v1/users/me`)
      get({ host: url.hostname, port: url.port, path: url.pathname, localAddress, headers }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode!)) }).on('error', reject)
    })
    expect(await from('127.0.0.2', { ...(await h.as('far-client')), 'x-forwarded-for': '198.51.100.9' })).toBe(200)
    expect(h.logLines().find((l) => l.user === 'jwt:far-client')?.ip).toBe('127.0.0.2')
    // Failed attempts from .2 past the limit leave .3's 401s alone.
    const bad = { authorization: 'Bearer nope' }
    for (let i = 0; i < 4; i++) await from('127.0.0.2', bad)
    expect(await from('127.0.0.3', bad)).toBe(401)
    expect(await from('127.0.0.2', bad)).toBe(429)
  })

  it('the address the BFF sees is the client\'s, not what the client wrote', async () => {
    const res = await request(`${edge}/v1/users/me`, { headers: { ...(await h.as('ip-check')), 'x-forwarded-for': '198.51.100.7' } })
    await res.body.dump()
    const line = h.logLines().find((l) => l.user === 'jwt:ip-check')
    expect(line?.ip).toBe('127.0.0.1')
  })
})
