import type { QuotasConfig } from '../quotas/quota-config.js'
import type { ApiKey } from '../auth/api-keys.js'

export interface JwtConfig {
  secret?: string
  jwksUrl?: string
  issuer?: string
  audience?: string
  userClaim: string
  /** The longest a token may live (exp minus iat, or minus now without iat), in seconds; default 24 h. */
  maxLifetimeS?: number
  /** The claim naming the caller's quota tier (QUOTAS_FILE's tierClaim). */
  tierClaim?: string
}

/** Browser sessions: the BFF holds the OpenID Connect login, the browser only a cookie. */
export interface SessionConfig {
  issuer: string
  clientId: string
  clientSecret: string
  /** The BFF's external URL; the redirect URI is this + /auth/callback. */
  publicUrl: string
  /** Cookie signing keys, newest first: older ones still verify, so keys can be rotated. */
  secrets: string[]
  /** A session unused this long ends. */
  idleTimeoutS: number
  /** A session ends this long after login, used or not. */
  absoluteTimeoutS: number
}

/** The typed configuration, made once at boot; buildApp takes nothing else. */
export interface HostPort { host: string, port: number }

/** Where Redis is: one server, a Sentinel-managed master, or a Redis Cluster. */
export type RedisTarget =
  | { kind: 'url', url: string }
  | { kind: 'sentinel', sentinels: HostPort[], name: string }
  | { kind: 'cluster', nodes: HostPort[] }

export type TracesSampler = 'always_on' | 'always_off' | 'traceidratio' | 'parentbased_always_on' | 'parentbased_always_off' | 'parentbased_traceidratio'

/** OpenTelemetry tracing, from the standard OTEL_* variables. */
export interface TracingConfig {
  /** Where spans are POSTed: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
  url: string
  protocol: 'http/protobuf' | 'http/json'
  serviceName: string
  /** OTEL_RESOURCE_ATTRIBUTES, decoded. */
  resourceAttributes: Record<string, string>
  sampler: TracesSampler
  /** The ratio of the traceidratio samplers (OTEL_TRACES_SAMPLER_ARG, default 1). */
  samplerRatio: number
  /** OTEL_BSP_SCHEDULE_DELAY: how long finished spans wait to be sent in one batch. */
  scheduleDelayMs: number
  /** OTEL_RECORD_USER_ID: the user id as `enduser.id` on server spans. */
  recordUserId: boolean
  /** OTEL_EXPORTER_OTLP_(TRACES_)HEADERS: sent with every export (a collector's API key). */
  headers: Record<string, string>
  /** OTEL_EXPORTER_OTLP_(TRACES_)TIMEOUT: the longest one export may take. */
  timeoutMs: number
  /** OTEL_EXPORTER_OTLP_(TRACES_)COMPRESSION. */
  compression: 'gzip' | 'none'
  /** OTEL_EXPORTER_OTLP_(TRACES_)CERTIFICATE, _CLIENT_CERTIFICATE and _CLIENT_KEY: PEM, read at start. */
  tls?: { ca?: string, cert?: string, key?: string }
}

export interface Config {
  organizationSecret: string
  sensayBaseUrl: string
  apiVersion: string
  host: string
  port: number
  corsOrigins: string[]
  jwt: JwtConfig
  apiKeys: ApiKey[]
  /** Serve the web playground at / (PLAYGROUND; on in the demo). */
  playground?: boolean
  /** Set when OIDC_ISSUER is: browser sessions on. */
  sessions?: SessionConfig
  /** `Bearer dev:<id>` is accepted only when true; only the demo sets it. */
  devAuth: boolean
  /** QUOTAS_FILE: tiers of usage limits and budgets. */
  quotas?: QuotasConfig
  /** Set when OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is (and OTEL_SDK_DISABLED is not true): traces exported. */
  tracing?: TracingConfig
  /** Shared Redis: REDIS_URL, REDIS_SENTINELS + REDIS_SENTINEL_NAME, or REDIS_CLUSTER_NODES (one of them). */
  redis?: RedisTarget
  rateLimit: {
    max: number
    chatMax: number
    windowMs: number
    /** Failed authentications per client address per window. */
    authFailureMax: number
    /** Refuse (503) rather than serve unlimited when the counter store is down. */
    failClosed: boolean
  }
  upstreamTimeoutMs: number
  bodyLimitBytes: number
  trustProxy: boolean | number | string[]
  /** Where GET /metrics is served (a second listener on `host`); undefined: nowhere. */
  metricsPort?: number
  logLevel: string
  replicaCacheTtlMs: number
  /** Longest silence between two chunks of a streamed answer. */
  streamIdleTimeoutMs: number
  /** Longest a streamed answer may last. */
  streamMaxDurationMs: number
  /** Longest single part (line or event) of an upstream stream. */
  streamMaxPartBytes: number
  /** Streamed answers one user may have open at once. */
  streamMaxPerUser: number
  /** On SIGTERM, how long in-flight requests and streams may take to finish. */
  shutdownGraceMs: number
  /** Keep-alive connections to Sensay at most; each open stream holds one. */
  upstreamConnections: number
  /** Consecutive upstream failures that open the circuit, and how long it stays open. */
  breaker: { threshold: number, cooldownMs: number }
  /** How long /readyz reuses its last upstream probe. */
  readyCacheMs: number
  /** Event-loop delay past which requests get 503 OVERLOADED (0: never). */
  maxEventLoopDelayMs: number
}

export const defaults = {
  jwtMaxLifetimeS: 86_400,
  sessionIdleTimeoutS: 2 * 3600,
  sessionAbsoluteTimeoutS: 24 * 3600,
  sensayBaseUrl: 'https://api.sensay.io',
  apiVersion: '2025-03-25',
  host: '0.0.0.0',
  port: 3000,
  userClaim: 'sub',
  rateLimitMax: 300,
  rateLimitChatMax: 30,
  rateLimitWindowMs: 60_000,
  rateLimitAuthFailuresMax: 20,
  upstreamTimeoutMs: 30_000,
  bodyLimitBytes: 1_048_576,
  logLevel: 'info',
  replicaCacheTtlMs: 5_000,
  streamIdleTimeoutMs: 30_000,
  streamMaxDurationMs: 600_000,
  streamMaxPartBytes: 1_048_576,
  streamMaxPerUser: 5,
  shutdownGraceMs: 10_000,
  upstreamConnections: 1024,
  breakerThreshold: 5,
  breakerCooldownMs: 10_000,
  readyCacheMs: 2_000,
  maxEventLoopDelayMs: 1_000
} as const
