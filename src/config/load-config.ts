import { readFileSync } from 'node:fs'
import { Value } from '@sinclair/typebox/value'
import { EnvSchema, type Env } from './env-schema.js'
import { defaults, type Config, type HostPort, type RedisTarget, type SessionConfig } from './config.js'
import { parseApiKeys } from '../auth/api-keys.js'
import { parseQuotas } from '../quotas/quota-config.js'
import { ConfigError } from './config-error.js'
import { parseTracing } from './tracing-env.js'

export { ConfigError }

type RawEnv = Record<string, string | undefined>

function pickEnv (raw: RawEnv): Env {
  const env: Record<string, string> = {}
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = raw[key]
    // An empty variable means "unset", as in most deployment tools.
    if (value !== undefined && value !== '') env[key] = value
  }
  const first = Value.Errors(EnvSchema, env).First()
  if (first) {
    const variable = first.path.replace(/^\//, '')
    const description = (first.schema as { description?: string }).description ?? first.message
    throw new ConfigError(variable, `must be ${description}`)
  }
  return env as Env
}

function int (env: Env, key: keyof Env, fallback: number, min: number, max: number): number {
  const raw = env[key]
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new ConfigError(key, `must be an integer from ${min} to ${max}`)
  return n
}

function bool (value: string): boolean {
  return value === 'true' || value === '1' || value === 'yes'
}

function readSecretFile (variable: string, path: string): string {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error'
    // The image runs as uid 1000: a secret mounted 0600 root is there but not ours to read.
    const hint = code === 'EACCES' && process.getuid !== undefined ? `; it must be readable by uid ${process.getuid()}` : ''
    throw new ConfigError(variable, `cannot be read (${code}: ${path}${hint})`)
  }
  const value = text.trim()
  if (value === '') throw new ConfigError(variable, `names an empty file (${path})`)
  return value
}

/** A JSON file of the configuration, parsed; a file that cannot be read or parsed names its variable. */
function readConfigFile<T> (variable: keyof Env, path: string, parse: (text: string) => T): T {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new ConfigError(variable, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}: ${path})`)
  }
  try {
    return parse(text)
  } catch (err) {
    throw new ConfigError(variable, (err as Error).message)
  }
}

// A number is a hop count (`1`: the one load balancer in front), never a boolean.
function parseTrustProxy (value: string | undefined): Config['trustProxy'] {
  if (value === undefined) return false
  if (/^(true|false|yes|no)$/.test(value)) return bool(value)
  if (/^[0-9]+$/.test(value)) return Number(value) === 0 ? false : Number(value)
  const list = value.split(',').map((s) => s.trim()).filter(Boolean)
  if (list.length === 0 || list.some((s) => !/^[0-9a-fA-F:./]+$/.test(s))) {
    throw new ConfigError('TRUST_PROXY', 'must be true, false, a hop count or comma-separated addresses/CIDRs')
  }
  return list
}

/** Browser sessions, all or nothing: OIDC_ISSUER turns them on and needs the rest. */
function parseSessions (env: Env): SessionConfig | undefined {
  if (env.OIDC_ISSUER === undefined) return undefined
  const issuer = new URL(env.OIDC_ISSUER)
  if (issuer.protocol === 'http:' && !isLoopback(issuer.hostname)) throw new ConfigError('OIDC_ISSUER', 'must be https:// (http:// only on a loopback address)')
  if (env.OIDC_CLIENT_ID === undefined) throw new ConfigError('OIDC_CLIENT_ID', 'is required with OIDC_ISSUER')
  if (env.OIDC_CLIENT_SECRET !== undefined && env.OIDC_CLIENT_SECRET_FILE !== undefined) throw new ConfigError('OIDC_CLIENT_SECRET_FILE', 'cannot be set together with OIDC_CLIENT_SECRET')
  const clientSecret = env.OIDC_CLIENT_SECRET ?? (env.OIDC_CLIENT_SECRET_FILE ? readSecretFile('OIDC_CLIENT_SECRET_FILE', env.OIDC_CLIENT_SECRET_FILE) : undefined)
  if (!clientSecret) throw new ConfigError('OIDC_CLIENT_SECRET', 'is required with OIDC_ISSUER (or OIDC_CLIENT_SECRET_FILE)')
  if (env.PUBLIC_URL === undefined) throw new ConfigError('PUBLIC_URL', 'is required with OIDC_ISSUER (the redirect URI is PUBLIC_URL + /auth/callback)')
  const publicUrl = new URL(env.PUBLIC_URL)
  if (publicUrl.protocol === 'http:' && !isLoopback(publicUrl.hostname)) throw new ConfigError('PUBLIC_URL', 'must be https:// (session cookies are Secure; http:// only on a loopback address)')
  if (env.SESSION_SECRET !== undefined && env.SESSION_SECRET_FILE !== undefined) throw new ConfigError('SESSION_SECRET_FILE', 'cannot be set together with SESSION_SECRET')
  const secretText = env.SESSION_SECRET ?? (env.SESSION_SECRET_FILE ? readSecretFile('SESSION_SECRET_FILE', env.SESSION_SECRET_FILE) : undefined)
  if (!secretText) throw new ConfigError('SESSION_SECRET', 'is required with OIDC_ISSUER (or SESSION_SECRET_FILE)')
  const secrets = secretText.split(',').map((k) => k.trim()).filter(Boolean)
  if (secrets.length === 0 || secrets.some((k) => Buffer.byteLength(k) < 32)) throw new ConfigError('SESSION_SECRET', 'must list keys of at least 32 bytes each, newest first')
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret,
    publicUrl: publicUrl.origin + publicUrl.pathname.replace(/\/+$/, ''),
    secrets,
    idleTimeoutS: int(env, 'SESSION_IDLE_TIMEOUT_S', defaults.sessionIdleTimeoutS, 60, 31_536_000),
    absoluteTimeoutS: int(env, 'SESSION_ABSOLUTE_TIMEOUT_S', defaults.sessionAbsoluteTimeoutS, 60, 31_536_000)
  }
}

function parseMetricsPort (env: Env): number | undefined {
  if (env.METRICS_PORT === undefined) return undefined
  const port = int(env, 'METRICS_PORT', 0, 1, 65535)
  if (port === int(env, 'PORT', defaults.port, 0, 65535)) throw new ConfigError('METRICS_PORT', 'must differ from PORT (metrics are never served on the API port)')
  return port
}

/** 127.0.0.0/8, ::1 and localhost: the same machine, where http:// exposes nothing. */
export function isLoopback (hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '')
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/** `host:port,host:port` (an IPv6 host in brackets); the variable is named when one is wrong. */
function parseHostPorts (variable: keyof Env, value: string): HostPort[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean).map((entry) => {
    const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})$/.exec(entry)
    const port = Number(match?.[2])
    if (match === null || port < 1 || port > 65535) throw new ConfigError(variable, `must list host:port entries separated by commas (got ${entry})`)
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port }
  })
}

function parseRedis (env: Env): RedisTarget | undefined {
  const set = (['REDIS_URL', 'REDIS_SENTINELS', 'REDIS_CLUSTER_NODES'] as const).filter((key) => env[key] !== undefined)
  if (set.length > 1) throw new ConfigError(set[1]!, `cannot be set together with ${set[0]!} (one way to reach Redis)`)
  if (env.REDIS_SENTINEL_NAME !== undefined && env.REDIS_SENTINELS === undefined) throw new ConfigError('REDIS_SENTINEL_NAME', 'needs REDIS_SENTINELS')
  if (env.REDIS_URL !== undefined) return { kind: 'url', url: env.REDIS_URL }
  if (env.REDIS_SENTINELS !== undefined) {
    if (env.REDIS_SENTINEL_NAME === undefined) throw new ConfigError('REDIS_SENTINEL_NAME', 'is required with REDIS_SENTINELS (the master\'s name, e.g. mymaster)')
    const sentinels = parseHostPorts('REDIS_SENTINELS', env.REDIS_SENTINELS)
    if (sentinels.length === 0) throw new ConfigError('REDIS_SENTINELS', 'must list at least one host:port')
    return { kind: 'sentinel', sentinels, name: env.REDIS_SENTINEL_NAME }
  }
  if (env.REDIS_CLUSTER_NODES !== undefined) {
    const nodes = parseHostPorts('REDIS_CLUSTER_NODES', env.REDIS_CLUSTER_NODES)
    if (nodes.length === 0) throw new ConfigError('REDIS_CLUSTER_NODES', 'must list at least one host:port')
    return { kind: 'cluster', nodes }
  }
  return undefined
}

function parseOrigins (value: string | undefined): string[] {
  if (value === undefined) return []
  const origins = value.split(',').map((s) => s.trim()).filter(Boolean)
  for (const origin of origins) {
    let url: URL
    try { url = new URL(origin) } catch { throw new ConfigError('CORS_ORIGINS', `has an invalid origin: ${origin}`) }
    if (url.origin !== origin) throw new ConfigError('CORS_ORIGINS', `must list exact origins such as https://app.example.com (got ${origin})`)
  }
  return origins
}

/**
 * Reads and validates the environment once. `npm start` needs the secret and
 * at least one auth method; nothing falls back to the emulator.
 */
export function loadConfig (raw: RawEnv): Config {
  const env = pickEnv(raw)

  if (env.SENSAY_ORGANIZATION_SECRET && env.SENSAY_ORGANIZATION_SECRET_FILE) {
    throw new ConfigError('SENSAY_ORGANIZATION_SECRET_FILE', 'cannot be set together with SENSAY_ORGANIZATION_SECRET')
  }
  const organizationSecret = env.SENSAY_ORGANIZATION_SECRET ??
    (env.SENSAY_ORGANIZATION_SECRET_FILE ? readSecretFile('SENSAY_ORGANIZATION_SECRET_FILE', env.SENSAY_ORGANIZATION_SECRET_FILE) : undefined)
  if (!organizationSecret) throw new ConfigError('SENSAY_ORGANIZATION_SECRET', 'is required (or SENSAY_ORGANIZATION_SECRET_FILE)')

  const apiKeys: Config['apiKeys'] = env.API_KEYS_FILE ? readConfigFile('API_KEYS_FILE', env.API_KEYS_FILE, parseApiKeys) : []
  const quotas: Config['quotas'] = env.QUOTAS_FILE ? readConfigFile('QUOTAS_FILE', env.QUOTAS_FILE, parseQuotas) : undefined
  if (quotas !== undefined) {
    for (const key of apiKeys) {
      if (key.tier !== undefined && quotas.tiers[key.tier] === undefined) throw new ConfigError('API_KEYS_FILE', `key ${key.name} names a tier QUOTAS_FILE does not define (${key.tier})`)
    }
  }
  const sessions = parseSessions(env)
  if (!env.AUTH_JWT_SECRET && !env.AUTH_JWKS_URL && apiKeys.length === 0 && sessions === undefined) {
    throw new ConfigError('AUTH_JWT_SECRET', 'or AUTH_JWKS_URL or API_KEYS_FILE or OIDC_ISSUER is required: configure at least one auth method')
  }

  if (env.AUTH_JWT_SECRET !== undefined && Buffer.byteLength(env.AUTH_JWT_SECRET) < 32) {
    throw new ConfigError('AUTH_JWT_SECRET', 'must be at least 32 bytes (a shorter HS256 secret can be brute-forced)')
  }
  if (env.AUTH_JWKS_URL !== undefined) {
    // Without them, any token the identity provider signed would do: other APIs' access tokens, other clients' ID tokens.
    if (env.AUTH_JWT_ISSUER === undefined) throw new ConfigError('AUTH_JWT_ISSUER', 'is required with AUTH_JWKS_URL')
    if (env.AUTH_JWT_AUDIENCE === undefined) throw new ConfigError('AUTH_JWT_AUDIENCE', 'is required with AUTH_JWKS_URL')
  }

  const baseUrl = new URL(env.SENSAY_BASE_URL ?? defaults.sensayBaseUrl)
  if (baseUrl.search || baseUrl.hash || baseUrl.username) {
    throw new ConfigError('SENSAY_BASE_URL', 'must be a plain base URL without query, fragment or credentials')
  }
  // The organization secret travels in a header: never in clear text over a network.
  if (baseUrl.protocol === 'http:' && !isLoopback(baseUrl.hostname) && !bool(env.SENSAY_ALLOW_INSECURE_UPSTREAM ?? 'false')) {
    throw new ConfigError('SENSAY_BASE_URL', 'must be https:// (http:// only on a loopback address, or with SENSAY_ALLOW_INSECURE_UPSTREAM=true for a local emulator)')
  }
  if (env.AUTH_JWKS_URL !== undefined && new URL(env.AUTH_JWKS_URL).protocol === 'http:' && !isLoopback(new URL(env.AUTH_JWKS_URL).hostname)) {
    throw new ConfigError('AUTH_JWKS_URL', 'must be https:// (http:// only on a loopback address)')
  }

  return {
    organizationSecret,
    sensayBaseUrl: baseUrl.href.replace(/\/+$/, ''),
    apiVersion: env.SENSAY_API_VERSION ?? defaults.apiVersion,
    host: env.HOST ?? defaults.host,
    port: int(env, 'PORT', defaults.port, 0, 65535),
    corsOrigins: parseOrigins(env.CORS_ORIGINS),
    jwt: {
      secret: env.AUTH_JWT_SECRET,
      jwksUrl: env.AUTH_JWKS_URL,
      issuer: env.AUTH_JWT_ISSUER,
      audience: env.AUTH_JWT_AUDIENCE,
      userClaim: env.AUTH_USER_CLAIM ?? defaults.userClaim,
      maxLifetimeS: int(env, 'AUTH_JWT_MAX_LIFETIME_S', defaults.jwtMaxLifetimeS, 60, 31_536_000)
    },
    apiKeys,
    quotas,
    sessions,
    tracing: parseTracing(env),
    playground: env.PLAYGROUND !== undefined && bool(env.PLAYGROUND),
    devAuth: false,
    redis: parseRedis(env),
    rateLimit: {
      max: int(env, 'RATE_LIMIT_MAX', defaults.rateLimitMax, 1, 1_000_000_000),
      chatMax: int(env, 'RATE_LIMIT_CHAT_MAX', defaults.rateLimitChatMax, 1, 1_000_000_000),
      windowMs: int(env, 'RATE_LIMIT_WINDOW_MS', defaults.rateLimitWindowMs, 1, 86_400_000),
      authFailureMax: int(env, 'RATE_LIMIT_AUTH_FAILURES_MAX', defaults.rateLimitAuthFailuresMax, 1, 1_000_000_000),
      failClosed: env.RATE_LIMIT_FAIL_CLOSED !== undefined && bool(env.RATE_LIMIT_FAIL_CLOSED)
    },
    upstreamTimeoutMs: int(env, 'UPSTREAM_TIMEOUT_MS', defaults.upstreamTimeoutMs, 1, 600_000),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', defaults.bodyLimitBytes, 1, 104_857_600),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    metricsPort: parseMetricsPort(env),
    logLevel: env.LOG_LEVEL ?? defaults.logLevel,
    replicaCacheTtlMs: int(env, 'REPLICA_CACHE_TTL_MS', defaults.replicaCacheTtlMs, 0, 3_600_000),
    streamIdleTimeoutMs: int(env, 'STREAM_IDLE_TIMEOUT_MS', defaults.streamIdleTimeoutMs, 1, 3_600_000),
    streamMaxDurationMs: int(env, 'STREAM_MAX_DURATION_MS', defaults.streamMaxDurationMs, 1, 86_400_000),
    streamMaxPartBytes: int(env, 'STREAM_MAX_PART_BYTES', defaults.streamMaxPartBytes, 1_024, 67_108_864),
    streamMaxPerUser: int(env, 'STREAM_MAX_PER_USER', defaults.streamMaxPerUser, 1, 10_000),
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', defaults.shutdownGraceMs, 0, 3_600_000),
    upstreamConnections: int(env, 'UPSTREAM_CONNECTIONS', defaults.upstreamConnections, 1, 100_000),
    breaker: {
      threshold: int(env, 'UPSTREAM_BREAKER_THRESHOLD', defaults.breakerThreshold, 1, 1_000),
      cooldownMs: int(env, 'UPSTREAM_BREAKER_COOLDOWN_MS', defaults.breakerCooldownMs, 1, 3_600_000)
    },
    readyCacheMs: int(env, 'READY_CACHE_MS', defaults.readyCacheMs, 0, 60_000),
    maxEventLoopDelayMs: int(env, 'MAX_EVENT_LOOP_DELAY_MS', defaults.maxEventLoopDelayMs, 0, 60_000)
  }
}
