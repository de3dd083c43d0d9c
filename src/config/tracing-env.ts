import type { Env } from './env-schema.js'
import type { TracesSampler, TracingConfig } from './config.js'
import { ConfigError } from './config-error.js'

const SAMPLERS = new Set<TracesSampler>(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'])

function protocolOf (env: Env): TracingConfig['protocol'] {
  const variable = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL !== undefined ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL' : 'OTEL_EXPORTER_OTLP_PROTOCOL'
  const value = env[variable] ?? 'http/protobuf'
  if (value === 'http/protobuf' || value === 'http/json') return value
  const why = value === 'grpc' ? ' (gRPC is not supported: use the collector\'s OTLP/HTTP port, 4318)' : ''
  throw new ConfigError(variable, `must be http/protobuf or http/json${why}`)
}

/** OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is the whole URL; OTEL_EXPORTER_OTLP_ENDPOINT is a base the signal's path is appended to. */
function urlOf (env: Env): string {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined) return new URL(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT).href
  const base = new URL(env.OTEL_EXPORTER_OTLP_ENDPOINT!)
  if (base.search !== '') throw new ConfigError('OTEL_EXPORTER_OTLP_ENDPOINT', 'must be a base URL without a query (v1/traces is appended to it)')
  return new URL(base.pathname.replace(/\/*$/, '/') + 'v1/traces', base).href
}

/** `key=value,key=value`, percent-encoded as the specification says; a malformed pair names the variable. */
function resourceAttributesOf (value: string | undefined): Record<string, string> {
  const attributes: Record<string, string> = {}
  if (value === undefined) return attributes
  for (const pair of value.split(',')) {
    if (pair.trim() === '') continue
    const at = pair.indexOf('=')
    const key = at > 0 ? pair.slice(0, at).trim() : ''
    if (key === '') throw new ConfigError('OTEL_RESOURCE_ATTRIBUTES', `must be key=value pairs separated by commas (got ${pair})`)
    try {
      attributes[decodeURIComponent(key)] = decodeURIComponent(pair.slice(at + 1).trim())
    } catch {
      throw new ConfigError('OTEL_RESOURCE_ATTRIBUTES', `has a badly percent-encoded pair (${pair})`)
    }
  }
  return attributes
}

function samplerOf (env: Env): { sampler: TracesSampler, samplerRatio: number } {
  const sampler = (env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on') as TracesSampler
  if (!SAMPLERS.has(sampler)) throw new ConfigError('OTEL_TRACES_SAMPLER', `must be one of ${[...SAMPLERS].join(', ')}`)
  const raw = env.OTEL_TRACES_SAMPLER_ARG
  if (raw === undefined || !sampler.endsWith('traceidratio')) return { sampler, samplerRatio: 1 }
  const ratio = Number(raw)
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) throw new ConfigError('OTEL_TRACES_SAMPLER_ARG', 'must be a ratio from 0 to 1')
  return { sampler, samplerRatio: ratio }
}

/**
 * Tracing from OpenTelemetry's standard variables: on when an OTLP endpoint
 * is set, unless OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none. Off,
 * nothing of OpenTelemetry's SDK is ever loaded.
 */
export function parseTracing (env: Env): TracingConfig | undefined {
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT === undefined && env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT === undefined) return undefined
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return undefined
  const recordUserId = env.OTEL_RECORD_USER_ID
  const resourceAttributes = resourceAttributesOf(env.OTEL_RESOURCE_ATTRIBUTES)
  const scheduleDelayMs = env.OTEL_BSP_SCHEDULE_DELAY === undefined ? 5_000 : Number(env.OTEL_BSP_SCHEDULE_DELAY)
  if (scheduleDelayMs < 1 || scheduleDelayMs > 3_600_000) throw new ConfigError('OTEL_BSP_SCHEDULE_DELAY', 'must be an integer from 1 to 3600000')
  return {
    url: urlOf(env),
    protocol: protocolOf(env),
    // OTEL_SERVICE_NAME wins over a service.name among the resource attributes, as the specification says.
    serviceName: env.OTEL_SERVICE_NAME ?? resourceAttributes['service.name'] ?? 'sensay-bff',
    resourceAttributes,
    ...samplerOf(env),
    scheduleDelayMs,
    recordUserId: recordUserId === 'true' || recordUserId === '1' || recordUserId === 'yes'
  }
}
