import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config/load-config.js'
import { sha256Hex } from '../../src/auth/api-keys.js'

const minimal = { SENSAY_ORGANIZATION_SECRET: 's3cret', AUTH_JWT_SECRET: 'x'.repeat(32) }
const dir = mkdtempSync(join(tmpdir(), 'bff-config-'))

function failure (env: Record<string, string>): ConfigError {
  try {
    loadConfig(env)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return err as ConfigError
  }
  throw new Error('expected a ConfigError')
}

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    const config = loadConfig(minimal)
    expect(config).toMatchObject({
      sensayBaseUrl: 'https://api.sensay.io',
      apiVersion: '2025-03-25',
      host: '0.0.0.0',
      port: 3000,
      corsOrigins: [],
      jwt: { userClaim: 'sub' },
      rateLimit: { max: 300, chatMax: 30, windowMs: 60000 },
      upstreamTimeoutMs: 30000,
      bodyLimitBytes: 1048576,
      trustProxy: false,
      logLevel: 'info',
      devAuth: false
    })
  })

  it('reads the secret from SENSAY_ORGANIZATION_SECRET_FILE, trimmed', () => {
    const file = join(dir, 'secret')
    writeFileSync(file, 'from-file\n')
    expect(loadConfig({ SENSAY_ORGANIZATION_SECRET_FILE: file, AUTH_JWT_SECRET: 'k'.repeat(32) }).organizationSecret).toBe('from-file')
  })

  it('loads API keys from API_KEYS_FILE as the only auth method', () => {
    const file = join(dir, 'keys.json')
    writeFileSync(file, JSON.stringify([{ name: 'ops', sha256: sha256Hex('k'), role: 'admin' }]))
    expect(loadConfig({ SENSAY_ORGANIZATION_SECRET: 's', API_KEYS_FILE: file }).apiKeys).toHaveLength(1)
  })

  it('parses lists and proxies', () => {
    const config = loadConfig({ ...minimal, CORS_ORIGINS: 'https://a.example, http://localhost:5173', TRUST_PROXY: '10.0.0.0/8,127.0.0.1' })
    expect(config.corsOrigins).toEqual(['https://a.example', 'http://localhost:5173'])
    expect(config.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1'])
    expect(loadConfig({ ...minimal, TRUST_PROXY: 'true' }).trustProxy).toBe(true)
    expect(loadConfig({ ...minimal, TRUST_PROXY: '2' }).trustProxy).toBe(2)
    // "1" is one hop (the load balancer in front), not "trust every hop".
    expect(loadConfig({ ...minimal, TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(loadConfig({ ...minimal, TRUST_PROXY: '0' }).trustProxy).toBe(false)
  })

  it.each([
    [{}, 'SENSAY_ORGANIZATION_SECRET'],
    [{ SENSAY_ORGANIZATION_SECRET: 's' }, 'AUTH_JWT_SECRET'],
    [{ ...minimal, PORT: 'eighty' }, 'PORT'],
    [{ ...minimal, PORT: '70000' }, 'PORT'],
    [{ ...minimal, SENSAY_BASE_URL: 'ftp://x' }, 'SENSAY_BASE_URL'],
    [{ ...minimal, AUTH_JWKS_URL: 'not a url' }, 'AUTH_JWKS_URL'],
    [{ ...minimal, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ...minimal, RATE_LIMIT_MAX: '0' }, 'RATE_LIMIT_MAX'],
    [{ ...minimal, CORS_ORIGINS: 'https://a.example/path' }, 'CORS_ORIGINS'],
    [{ ...minimal, REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ ...minimal, API_KEYS_FILE: '/nonexistent/keys.json' }, 'API_KEYS_FILE'],
    [{ SENSAY_ORGANIZATION_SECRET_FILE: '/nonexistent/secret', AUTH_JWT_SECRET: 'k'.repeat(32) }, 'SENSAY_ORGANIZATION_SECRET_FILE'],
    [{ ...minimal, AUTH_JWT_SECRET: 'k' }, 'AUTH_JWT_SECRET'],
    [{ ...minimal, AUTH_JWT_SECRET: 'k'.repeat(31) }, 'AUTH_JWT_SECRET'],
    [{ ...minimal, AUTH_JWKS_URL: 'https://id.example/jwks.json', AUTH_JWT_AUDIENCE: 'bff' }, 'AUTH_JWT_ISSUER'],
    [{ ...minimal, AUTH_JWKS_URL: 'https://id.example/jwks.json', AUTH_JWT_ISSUER: 'https://id.example' }, 'AUTH_JWT_AUDIENCE'],
    [{ ...minimal, AUTH_JWKS_URL: 'http://id.example/jwks.json', AUTH_JWT_ISSUER: 'https://id.example', AUTH_JWT_AUDIENCE: 'bff' }, 'AUTH_JWKS_URL'],
    [{ ...minimal, SENSAY_BASE_URL: 'http://sensay.internal' }, 'SENSAY_BASE_URL'],
    [{ ...minimal, METRICS_PORT: '3000' }, 'METRICS_PORT'],
    [{ ...minimal, REDIS_SENTINELS: 'sentinel-0:26379' }, 'REDIS_SENTINEL_NAME'],
    [{ ...minimal, REDIS_SENTINEL_NAME: 'mymaster' }, 'REDIS_SENTINEL_NAME'],
    [{ ...minimal, REDIS_SENTINELS: 'sentinel-0', REDIS_SENTINEL_NAME: 'mymaster' }, 'REDIS_SENTINELS'],
    [{ ...minimal, REDIS_CLUSTER_NODES: 'redis-0:6379,redis-1:99999' }, 'REDIS_CLUSTER_NODES'],
    [{ ...minimal, REDIS_URL: 'redis://r:6379', REDIS_CLUSTER_NODES: 'redis-0:6379' }, 'REDIS_CLUSTER_NODES']
  ])('names the variable at fault (%#)', (env, variable) => {
    const err = failure(env as Record<string, string>)
    expect(err.variable).toBe(variable)
    expect(err.message).toMatch(new RegExp(`^Invalid configuration: ${variable} `))
    expect(err.message).not.toContain('\n')
  })

  it('allows http:// upstream only on loopback or when told to (the compose emulator profile)', () => {
    expect(loadConfig({ ...minimal, SENSAY_BASE_URL: 'http://127.0.0.1:4000' }).sensayBaseUrl).toBe('http://127.0.0.1:4000')
    expect(loadConfig({ ...minimal, SENSAY_BASE_URL: 'http://[::1]:4000' }).sensayBaseUrl).toBe('http://[::1]:4000')
    expect(loadConfig({ ...minimal, SENSAY_BASE_URL: 'http://emulator:4000', SENSAY_ALLOW_INSECURE_UPSTREAM: 'true' }).sensayBaseUrl).toBe('http://emulator:4000')
  })

  it('reads QUOTAS_FILE, naming it when it is wrong, and checks the tiers API keys name', () => {
    const file = join(dir, 'quotas.json')
    const tiers = { free: { chatsPerDay: 5, monthlyConversations: 20 }, pro: { chatsPerDay: 500 } }
    writeFileSync(file, JSON.stringify({ tierClaim: 'plan', default: 'free', tiers }))
    expect(loadConfig({ ...minimal, QUOTAS_FILE: file }).quotas).toEqual({ tierClaim: 'plan', default: 'free', tiers })
    for (const [content, why] of [
      ['{', 'is not valid JSON'],
      [JSON.stringify({ default: 'gold', tiers }), 'default names no tier (gold)'],
      [JSON.stringify({ default: 'free', tiers: { free: { chatsPerWeek: 1 } } }), 'is not accepted'],
      [JSON.stringify({ default: 'free', tiers: { free: { chatsPerDay: -1 } } }), '/tiers/free/chatsPerDay']
    ]) {
      writeFileSync(file, content!)
      const err = failure({ ...minimal, QUOTAS_FILE: file })
      expect(err.variable).toBe('QUOTAS_FILE')
      expect(err.message).toContain(why!.replace('is not accepted', 'must NOT have additional properties'))
    }
    writeFileSync(file, JSON.stringify({ default: 'free', tiers }))
    const keys = join(dir, 'tier-keys.json')
    writeFileSync(keys, JSON.stringify([{ name: 'app', sha256: sha256Hex('k'), role: 'user', userId: 'u', tier: 'gold' }]))
    expect(failure({ ...minimal, QUOTAS_FILE: file, API_KEYS_FILE: keys }).message).toContain('key app names a tier QUOTAS_FILE does not define (gold)')
  })

  it('reaches Redis one of three ways: a URL, Sentinel, or a Cluster', () => {
    expect(loadConfig(minimal).redis).toBeUndefined()
    expect(loadConfig({ ...minimal, REDIS_URL: 'rediss://r.example:6380' }).redis).toEqual({ kind: 'url', url: 'rediss://r.example:6380' })
    expect(loadConfig({ ...minimal, REDIS_SENTINELS: 'sentinel-0:26379, [fd00::1]:26379', REDIS_SENTINEL_NAME: 'mymaster' }).redis)
      .toEqual({ kind: 'sentinel', name: 'mymaster', sentinels: [{ host: 'sentinel-0', port: 26379 }, { host: 'fd00::1', port: 26379 }] })
    expect(loadConfig({ ...minimal, REDIS_CLUSTER_NODES: 'redis-0:6379,redis-1:6379' }).redis)
      .toEqual({ kind: 'cluster', nodes: [{ host: 'redis-0', port: 6379 }, { host: 'redis-1', port: 6379 }] })
  })

  it('reads METRICS_PORT and the token lifetime', () => {
    expect(loadConfig(minimal).metricsPort).toBeUndefined()
    expect(loadConfig({ ...minimal, METRICS_PORT: '9100' }).metricsPort).toBe(9100)
    expect(loadConfig(minimal).jwt.maxLifetimeS).toBe(86_400)
    expect(loadConfig({ ...minimal, AUTH_JWT_MAX_LIFETIME_S: '3600' }).jwt.maxLifetimeS).toBe(3600)
  })

  it('never puts a secret value in the error', () => {
    const err = failure({ SENSAY_ORGANIZATION_SECRET: 'super-secret-value', PORT: 'x', AUTH_JWT_SECRET: 'k' })
    expect(err.message).not.toContain('super-secret-value')
  })
})

describe('npm start with a bad configuration', () => {
  it('exits 1 with one line naming the variable, and never starts the emulator', () => {
    const result = spawnSync(process.execPath, ['scripts/start.mjs'], {
      env: { PATH: process.env.PATH, SENSAY_ORGANIZATION_SECRET: 's', AUTH_JWT_SECRET: 'k', PORT: 'abc' },
      encoding: 'utf8',
      timeout: 60_000
    })
    expect(result.status).toBe(1)
    expect(result.stderr.trim()).toBe('Invalid configuration: PORT must be an integer from 0 to 65535')
    expect(result.stdout).not.toMatch(/listening/i)
  }, 60_000)
})

describe('start-up with unusual but valid values', () => {
  it('builds the app with a very short organization secret', async () => {
    const { buildApp } = await import('../../src/app.js')
    const app = await buildApp(loadConfig({ SENSAY_ORGANIZATION_SECRET: 'x', AUTH_JWT_SECRET: 'k'.repeat(32) }), { logStream: { write: () => true } })
    try {
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
    } finally {
      await app.close()
    }
  })
})
