import { readFileSync } from 'node:fs'
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

/** `key=value,key=value`, percent-encoded as the specification says; a malformed pair names the variable (never its value: headers hold keys). */
function pairsOf (variable: keyof Env, value: string | undefined): Record<string, string> {
  const pairs: Record<string, string> = {}
  if (value === undefined) return pairs
  for (const [i, pair] of value.split(',').entries()) {
    if (pair.trim() === '') continue
    const at = pair.indexOf('=')
    const key = at > 0 ? pair.slice(0, at).trim() : ''
    if (key === '') throw new ConfigError(variable, `must be key=value pairs separated by commas (pair ${i + 1} is not)`)
    try {
      pairs[decodeURIComponent(key)] = decodeURIComponent(pair.slice(at + 1).trim())
    } catch {
      throw new ConfigError(variable, `has a badly percent-encoded pair (pair ${i + 1})`)
    }
  }
  return pairs
}

/** The traces-specific variable, else the general one. */
function either<K extends keyof Env> (env: Env, traces: K, general: K): { variable: K, value: Env[K] } {
  return env[traces] !== undefined ? { variable: traces, value: env[traces] } : { variable: general, value: env[general] }
}

function pemFile (variable: keyof Env, path: string | undefined): string | undefined {
  if (path === undefined) return undefined
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    throw new ConfigError(variable, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}: ${path})`)
  }
}

/** The exporter's connection: headers, timeout, compression and TLS files, as OpenTelemetry's exporters read them. */
function exportOf (env: Env): Pick<TracingConfig, 'headers' | 'timeoutMs' | 'compression' | 'tls'> {
  const headers = { ...pairsOf('OTEL_EXPORTER_OTLP_HEADERS', env.OTEL_EXPORTER_OTLP_HEADERS), ...pairsOf('OTEL_EXPORTER_OTLP_TRACES_HEADERS', env.OTEL_EXPORTER_OTLP_TRACES_HEADERS) }
  for (const name of Object.keys(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new ConfigError(env.OTEL_EXPORTER_OTLP_TRACES_HEADERS !== undefined ? 'OTEL_EXPORTER_OTLP_TRACES_HEADERS' : 'OTEL_EXPORTER_OTLP_HEADERS', `has a header name that is not a token (${name})`)
  }
  const timeout = either(env, 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', 'OTEL_EXPORTER_OTLP_TIMEOUT')
  const timeoutMs = timeout.value === undefined ? 10_000 : Number(timeout.value)
  if (timeoutMs < 1 || timeoutMs > 600_000) throw new ConfigError(timeout.variable, 'must be an integer from 1 to 600000')
  const compression = either(env, 'OTEL_EXPORTER_OTLP_TRACES_COMPRESSION', 'OTEL_EXPORTER_OTLP_COMPRESSION').value === 'gzip' ? 'gzip' : 'none'
  const ca = either(env, 'OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE', 'OTEL_EXPORTER_OTLP_CERTIFICATE')
  const cert = either(env, 'OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE', 'OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE')
  const key = either(env, 'OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY', 'OTEL_EXPORTER_OTLP_CLIENT_KEY')
  if ((cert.value === undefined) !== (key.value === undefined)) throw new ConfigError(cert.value === undefined ? cert.variable : key.variable, 'must be set together with its client key/certificate')
  const tls = { ca: pemFile(ca.variable, ca.value), cert: pemFile(cert.variable, cert.value), key: pemFile(key.variable, key.value) }
  return { headers, timeoutMs, compression, tls: tls.ca === undefined && tls.cert === undefined ? undefined : tls }
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
  const resourceAttributes = pairsOf('OTEL_RESOURCE_ATTRIBUTES', env.OTEL_RESOURCE_ATTRIBUTES)
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
    recordUserId: recordUserId === 'true' || recordUserId === '1' || recordUserId === 'yes',
    ...exportOf(env)
  }
}
