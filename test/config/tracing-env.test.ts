import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config/load-config.js'

const minimal = { SENSAY_ORGANIZATION_SECRET: 's3cret', AUTH_JWT_SECRET: 'x'.repeat(32) }

function failure (env: Record<string, string>): ConfigError {
  try {
    loadConfig({ ...minimal, ...env })
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return err as ConfigError
  }
  throw new Error('expected a ConfigError')
}

const tracing = (env: Record<string, string>) => loadConfig({ ...minimal, ...env }).tracing

describe('tracing from the OTEL_* variables', () => {
  it('is off without an endpoint, with OTEL_SDK_DISABLED=true, and with OTEL_TRACES_EXPORTER=none', () => {
    expect(tracing({})).toBeUndefined()
    expect(tracing({ OTEL_SERVICE_NAME: 'x', OTEL_TRACES_SAMPLER: 'always_on' })).toBeUndefined()
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBeUndefined()
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined()
  })

  it('appends v1/traces to OTEL_EXPORTER_OTLP_ENDPOINT and takes OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as it is', () => {
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })?.url).toBe('http://collector:4318/v1/traces')
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com/otlp/' })?.url).toBe('https://otel.example.com/otlp/v1/traces')
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/custom' })?.url).toBe('http://b:4318/custom')
  })

  it('applies the defaults: protobuf, sensay-bff, parent-based always on, 5 s batches, no user id', () => {
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({
      url: 'http://collector:4318/v1/traces',
      protocol: 'http/protobuf',
      serviceName: 'sensay-bff',
      resourceAttributes: {},
      sampler: 'parentbased_always_on',
      samplerRatio: 1,
      scheduleDelayMs: 5_000,
      recordUserId: false,
      headers: {},
      timeoutMs: 10_000,
      compression: 'none',
      tls: undefined
    })
  })

  it('reads the protocol, service name, resource attributes, sampler and OTEL_RECORD_USER_ID', () => {
    expect(tracing({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=prod,team=chat%20ops,service.name=ignored',
      OTEL_SERVICE_NAME: 'bff-eu',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_BSP_SCHEDULE_DELAY: '1000',
      OTEL_RECORD_USER_ID: 'true'
    })).toMatchObject({
      protocol: 'http/json',
      serviceName: 'bff-eu',
      resourceAttributes: { 'deployment.environment.name': 'prod', team: 'chat ops' },
      sampler: 'parentbased_traceidratio',
      samplerRatio: 0.25,
      scheduleDelayMs: 1_000,
      recordUserId: true
    })
    // Without OTEL_SERVICE_NAME, the resource's service.name.
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-resource' })?.serviceName).toBe('from-resource')
  })

  it('reads the export\'s headers, timeout, compression and TLS files, the traces-specific ones winning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bff-otel-'))
    writeFileSync(join(dir, 'ca.pem'), 'CA PEM')
    writeFileSync(join(dir, 'cert.pem'), 'CERT PEM')
    writeFileSync(join(dir, 'key.pem'), 'KEY PEM')
    expect(tracing({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Api-Key%20abc,x-team=chat',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-team=traces',
      OTEL_EXPORTER_OTLP_TIMEOUT: '3000',
      OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'gzip',
      OTEL_EXPORTER_OTLP_CERTIFICATE: join(dir, 'ca.pem'),
      OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: join(dir, 'cert.pem'),
      OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: join(dir, 'key.pem')
    })).toMatchObject({
      headers: { authorization: 'Api-Key abc', 'x-team': 'traces' },
      timeoutMs: 3_000,
      compression: 'gzip',
      tls: { ca: 'CA PEM', cert: 'CERT PEM', key: 'KEY PEM' }
    })
  })

  it('names a header variable without quoting its value', () => {
    const err = failure({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_HEADERS: 'authorization=ok,secret-value-without-equals' })
    expect(err.message).toBe('Invalid configuration: OTEL_EXPORTER_OTLP_HEADERS must be key=value pairs separated by commas (pair 2 is not)')
  })

  it.each([
    [{ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, 'OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json (gRPC is not supported'],
    [{ OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'thrift' }, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be http/protobuf or http/json'],
    [{ OTEL_TRACES_SAMPLER: 'jaeger_remote' }, 'OTEL_TRACES_SAMPLER must be one of always_on'],
    [{ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '1.5' }, 'OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1'],
    [{ OTEL_RESOURCE_ATTRIBUTES: 'novalue' }, 'OTEL_RESOURCE_ATTRIBUTES must be key=value pairs separated by commas (pair 1 is not)'],
    [{ OTEL_RESOURCE_ATTRIBUTES: 'a=%E0%A4%A' }, 'OTEL_RESOURCE_ATTRIBUTES has a badly percent-encoded pair (pair 1)'],
    [{ OTEL_BSP_SCHEDULE_DELAY: '0' }, 'OTEL_BSP_SCHEDULE_DELAY must be an integer from 1'],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318/?x=1' }, 'OTEL_EXPORTER_OTLP_ENDPOINT must be a base URL without a query'],
    [{ OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '0' }, 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT must be an integer from 1 to 600000'],
    [{ OTEL_EXPORTER_OTLP_COMPRESSION: 'zstd' }, 'OTEL_EXPORTER_OTLP_COMPRESSION must be gzip or none'],
    [{ OTEL_EXPORTER_OTLP_CERTIFICATE: '/nonexistent/ca.pem' }, 'OTEL_EXPORTER_OTLP_CERTIFICATE cannot be read (ENOENT: /nonexistent/ca.pem)'],
    [{ OTEL_EXPORTER_OTLP_CLIENT_KEY: '/tmp/key.pem' }, 'OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE must be set together with its client key/certificate']
  ])('stops start-up naming the variable: %o', (env, message) => {
    const err = failure({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', ...env })
    expect(err.message).toContain(`Invalid configuration: ${message}`)
  })

  it('names a malformed endpoint', () => {
    expect(failure({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector:4318' }).variable).toBe('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT')
  })
})
