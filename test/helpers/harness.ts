import { Writable } from 'node:stream'
import { SignJWT } from 'jose'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config/load-config.js'
import type { Config } from '../../src/config/config.js'
import { sha256Hex } from '../../src/auth/api-keys.js'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/emulator.js'

export const SECRET = 'org-secret-7f3a9c1e5b2d4f6a8c0e'
export const JWT_SECRET = 'jwt-secret-for-tests-0123456789abcdef'
export const ADMIN_KEY = 'admin-key-5d1f0c9b8a7e6d5c'
export const USER_KEY = 'user-key-9a8b7c6d5e4f3a2b'
export const SERVICE_KEY = 'service-key-3c4d5e6f7a8b9c0d'

export interface Harness {
  app: FastifyInstance
  emu: Emulator
  config: Config
  logs: string[]
  /** Parsed log lines. */
  logLines: () => Array<Record<string, unknown>>
  /** A signed HS256 token for a user, valid for an hour unless claims say otherwise. */
  token: (sub: string, claims?: Record<string, unknown>) => Promise<string>
  /** Authorization header for a user. */
  as: (sub: string, claims?: Record<string, unknown>) => Promise<Record<string, string>>
  close: () => Promise<void>
}

export interface HarnessOptions {
  config?: Partial<Config>
  emulator?: Partial<EmulatorOptions>
}

export function captureStream (lines: string[]): Writable & { write: Writable['write'] } {
  return new Writable({
    write (chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(line)
      cb()
    }
  })
}

export function baseConfig (emulatorUrl: string, overrides: Partial<Config> = {}): Config {
  const config = loadConfig({
    SENSAY_ORGANIZATION_SECRET: SECRET,
    SENSAY_BASE_URL: emulatorUrl,
    AUTH_JWT_SECRET: JWT_SECRET,
    LOG_LEVEL: 'info'
  })
  config.apiKeys = [
    { name: 'ops', sha256: sha256Hex(ADMIN_KEY), role: 'admin' },
    { name: 'mobile-carol', sha256: sha256Hex(USER_KEY), role: 'user', userId: 'carol' },
    { name: 'shop', sha256: sha256Hex(SERVICE_KEY), role: 'service' }
  ]
  // A high breaker threshold: tests that inject failures must not trip each other's circuit.
  return { ...config, shutdownGraceMs: 1_000, readyCacheMs: 0, breaker: { threshold: 1_000, cooldownMs: 1_000 }, ...overrides }
}

export async function signToken (sub: string, claims: Record<string, unknown> = {}, secret = JWT_SECRET): Promise<string> {
  return new SignJWT({ sub, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret))
}

/** The emulator on a real port, the app built in front of it (inject or listen). */
export async function startHarness (options: HarnessOptions = {}): Promise<Harness> {
  const emu = await startEmulator({ organizationSecret: SECRET, streamChunkDelayMs: 2, knowledgeStepMs: 40, ...options.emulator })
  const config = baseConfig(emu.url, options.config)
  const logs: string[] = []
  const app = await buildApp(config, { logStream: captureStream(logs), upstreamKeepAliveMs: 500 })
  await app.ready()
  const token = (sub: string, claims?: Record<string, unknown>) => signToken(sub, claims)
  return {
    app,
    emu,
    config,
    logs,
    logLines: () => logs.map((l) => JSON.parse(l) as Record<string, unknown>),
    token,
    as: async (sub, claims) => ({ authorization: `Bearer ${await token(sub, claims)}` }),
    close: async () => {
      await app.close()
      await emu.close()
    }
  }
}

export const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000'
