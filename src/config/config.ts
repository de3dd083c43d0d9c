import type { ApiKey } from '../auth/api-keys.js'

export interface JwtConfig {
  secret?: string
  jwksUrl?: string
  issuer?: string
  audience?: string
  userClaim: string
}

/** The typed configuration, made once at boot; buildApp takes nothing else. */
export interface Config {
  organizationSecret: string
  sensayBaseUrl: string
  apiVersion: string
  host: string
  port: number
  corsOrigins: string[]
  jwt: JwtConfig
  apiKeys: ApiKey[]
  /** `Bearer dev:<id>` is accepted only when true; only the demo sets it. */
  devAuth: boolean
  redisUrl?: string
  rateLimit: { max: number, chatMax: number, windowMs: number }
  upstreamTimeoutMs: number
  bodyLimitBytes: number
  trustProxy: boolean | number | string[]
  logLevel: string
  replicaCacheTtlMs: number
}

export const defaults = {
  sensayBaseUrl: 'https://api.sensay.io',
  apiVersion: '2025-03-25',
  host: '0.0.0.0',
  port: 3000,
  userClaim: 'sub',
  rateLimitMax: 300,
  rateLimitChatMax: 30,
  rateLimitWindowMs: 60_000,
  upstreamTimeoutMs: 30_000,
  bodyLimitBytes: 1_048_576,
  logLevel: 'info',
  replicaCacheTtlMs: 5_000
} as const
