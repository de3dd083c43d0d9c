import { Type, type Static } from '@sinclair/typebox'

// The environment as strings, each checked by shape before it is converted.
// The first failing variable is named in the start-up error.
const Int = (min: number, max: number) => Type.String({ pattern: '^[0-9]+$', description: `an integer from ${min} to ${max}` })
const Url = Type.String({ pattern: '^https?://[^\\s]+$', description: 'an http(s) URL' })

export const EnvSchema = Type.Object({
  SENSAY_ORGANIZATION_SECRET: Type.Optional(Type.String({ minLength: 1, description: 'a non-empty secret' })),
  SENSAY_ORGANIZATION_SECRET_FILE: Type.Optional(Type.String({ minLength: 1, description: 'a readable file path' })),
  SENSAY_BASE_URL: Type.Optional(Url),
  SENSAY_API_VERSION: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'a date such as 2025-03-25' })),
  HOST: Type.Optional(Type.String({ minLength: 1, description: 'a host name or address' })),
  PORT: Type.Optional(Int(0, 65535)),
  METRICS_PORT: Type.Optional(Int(1, 65535)),
  CORS_ORIGINS: Type.Optional(Type.String({ description: 'comma-separated origins' })),
  AUTH_JWT_SECRET: Type.Optional(Type.String({ minLength: 1, description: 'a non-empty secret' })),
  AUTH_JWKS_URL: Type.Optional(Url),
  AUTH_JWT_ISSUER: Type.Optional(Type.String({ minLength: 1, description: 'a non-empty issuer' })),
  AUTH_JWT_AUDIENCE: Type.Optional(Type.String({ minLength: 1, description: 'a non-empty audience' })),
  AUTH_JWT_MAX_LIFETIME_S: Type.Optional(Int(60, 31_536_000)),
  SENSAY_ALLOW_INSECURE_UPSTREAM: Type.Optional(Type.String({ pattern: '^(true|false|1|0|yes|no)$', description: 'true or false' })),
  PLAYGROUND: Type.Optional(Type.String({ pattern: '^(true|false|1|0|yes|no)$', description: 'true or false' })),
  OIDC_ISSUER: Type.Optional(Url),
  OIDC_CLIENT_ID: Type.Optional(Type.String({ minLength: 1, description: 'a client id' })),
  OIDC_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1, description: 'a non-empty secret' })),
  OIDC_CLIENT_SECRET_FILE: Type.Optional(Type.String({ minLength: 1, description: 'a readable file path' })),
  PUBLIC_URL: Type.Optional(Url),
  SESSION_SECRET: Type.Optional(Type.String({ minLength: 1, description: 'comma-separated keys, newest first' })),
  SESSION_SECRET_FILE: Type.Optional(Type.String({ minLength: 1, description: 'a readable file path' })),
  SESSION_IDLE_TIMEOUT_S: Type.Optional(Int(60, 31_536_000)),
  SESSION_ABSOLUTE_TIMEOUT_S: Type.Optional(Int(60, 31_536_000)),
  AUTH_USER_CLAIM: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.:/-]+$', description: 'a claim name' })),
  API_KEYS_FILE: Type.Optional(Type.String({ minLength: 1, description: 'a readable file path' })),
  QUOTAS_FILE: Type.Optional(Type.String({ minLength: 1, description: 'a readable file path' })),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://', description: 'a redis:// or rediss:// URL' })),
  REDIS_SENTINELS: Type.Optional(Type.String({ minLength: 1, description: 'host:port,... of the sentinels' })),
  REDIS_SENTINEL_NAME: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,128}$', description: 'the master\'s name the sentinels monitor' })),
  REDIS_CLUSTER_NODES: Type.Optional(Type.String({ minLength: 1, description: 'host:port,... of some cluster nodes' })),
  RATE_LIMIT_MAX: Type.Optional(Int(1, 1_000_000_000)),
  RATE_LIMIT_CHAT_MAX: Type.Optional(Int(1, 1_000_000_000)),
  RATE_LIMIT_WINDOW_MS: Type.Optional(Int(1, 86_400_000)),
  UPSTREAM_TIMEOUT_MS: Type.Optional(Int(1, 600_000)),
  BODY_LIMIT_BYTES: Type.Optional(Int(1, 104_857_600)),
  TRUST_PROXY: Type.Optional(Type.String({ minLength: 1, description: 'true, false, a hop count or comma-separated addresses' })),
  LOG_LEVEL: Type.Optional(Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { description: 'one of fatal, error, warn, info, debug, trace, silent' })),
  REPLICA_CACHE_TTL_MS: Type.Optional(Int(0, 3_600_000)),
  STREAM_IDLE_TIMEOUT_MS: Type.Optional(Int(1, 3_600_000)),
  STREAM_MAX_DURATION_MS: Type.Optional(Int(1, 86_400_000)),
  STREAM_MAX_PART_BYTES: Type.Optional(Int(1_024, 67_108_864)),
  STREAM_MAX_PER_USER: Type.Optional(Int(1, 10_000)),
  SHUTDOWN_GRACE_MS: Type.Optional(Int(0, 3_600_000)),
  UPSTREAM_CONNECTIONS: Type.Optional(Int(1, 100_000)),
  READY_CACHE_MS: Type.Optional(Int(0, 60_000)),
  MAX_EVENT_LOOP_DELAY_MS: Type.Optional(Int(0, 60_000)),
  UPSTREAM_BREAKER_THRESHOLD: Type.Optional(Int(1, 1_000)),
  UPSTREAM_BREAKER_COOLDOWN_MS: Type.Optional(Int(1, 3_600_000)),
  RATE_LIMIT_AUTH_FAILURES_MAX: Type.Optional(Int(1, 1_000_000_000)),
  RATE_LIMIT_FAIL_CLOSED: Type.Optional(Type.String({ pattern: '^(true|false|1|0|yes|no)$', description: 'true or false' }))
})

export type Env = Static<typeof EnvSchema>
