import fp from 'fastify-plugin'
import type { FastifyRequest } from 'fastify'
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client'
import { FastCounter, FastHistogram, type HistogramSeries } from '../metrics/series.js'

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Registry
    /** Counts a finished (or abandoned, 499) request; called once per request by request-log. */
    observeRequest: (request: FastifyRequest, status: number, elapsedMs: number) => void
    /** Counters other plugins feed. */
    counters: {
      retry: () => void
      breaker: (state: 'closed' | 'half-open' | 'open') => void
      rateLimited: (policy: string) => void
      provisioned: (outcome: 'created' | 'existed' | 'shared' | 'failed') => void
      quotaRefused: (tier: string) => void
    }
  }
}

const LATENCY_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
// The OpenTelemetry GenAI semantic conventions' explicit buckets: gen_ai.client.operation.duration,
// and (as for gen_ai.server.time_to_first_token) the time to the first chunk.
const GEN_AI_DURATION_BUCKETS_S = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]
const GEN_AI_FIRST_CHUNK_BUCKETS_S = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]
const GEN_AI_LABELS = ['gen_ai_operation_name', 'gen_ai_provider_name', 'error_type'] as const

/** Prometheus metrics: requests by route template, method and status, and process metrics; served by metrics-server.ts on METRICS_PORT. */
export const metricsPlugin = fp(async (app) => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const requests = new FastCounter('http_requests_total', 'Requests answered, by route template, method and status.', ['route', 'method', 'status'], registry)
  const duration = new FastHistogram('http_request_duration_seconds', 'Time to answer, by route template and method.', ['route', 'method'], LATENCY_BUCKETS_S, registry)
  const upstream = new FastHistogram('upstream_request_duration_seconds', 'Time to the upstream answer (whole body for JSON, headers for streams), by route template and upstream status.', ['route', 'status'], LATENCY_BUCKETS_S, registry)
  const retries = new Counter({ name: 'upstream_retries_total', help: 'Upstream GETs retried after a connection failure or 502/503/504.', registers: [registry] })
  const breakerState = new Gauge({ name: 'upstream_circuit_state', help: 'Circuit breaker: 0 closed, 1 half-open, 2 open.', registers: [registry] })
  const genAiDuration = new FastHistogram('gen_ai_client_operation_duration_seconds', 'Chat completions through Sensay, request to last byte (every door, JSON and streamed); error_type is the status of a failed one.', GEN_AI_LABELS, GEN_AI_DURATION_BUCKETS_S, registry)
  const genAiFirstChunk = new FastHistogram('gen_ai_client_time_to_first_chunk_seconds', 'Streamed chat completions: request to the first chunk the client was sent.', GEN_AI_LABELS, GEN_AI_FIRST_CHUNK_BUCKETS_S, registry)
  const rateLimited = new Counter({ name: 'rate_limited_requests_total', help: 'Requests refused by a BFF rate limit, by policy.', labelNames: ['policy'] as const, registers: [registry] })
  const provisioning = new Counter({ name: 'user_provisioning_total', help: 'First sights of users: created upstream, already existed (409), known through Redis, or failed.', labelNames: ['outcome'] as const, registers: [registry] })
  const quotaRefusals = new Counter({ name: 'quota_refusals_total', help: 'Chats refused by a BFF budget (chatsPerDay, chatsPerMonth), by tier.', labelNames: ['tier'] as const, registers: [registry] })
  // eslint-disable-next-line no-new
  new Gauge({
    name: 'open_streams',
    help: 'Streamed chat answers being relayed now.',
    registers: [registry],
    collect () { this.set(app.openStreams?.size ?? 0) }
  })
  app.decorate('metrics', registry)
  app.decorate('counters', {
    retry: () => retries.inc(),
    breaker: (state: 'closed' | 'half-open' | 'open') => breakerState.set(state === 'closed' ? 0 : state === 'half-open' ? 1 : 2),
    rateLimited: (policy: string) => rateLimited.inc({ policy }),
    provisioned: (outcome: 'created' | 'existed' | 'shared' | 'failed') => provisioning.inc({ outcome }),
    quotaRefused: (tier: string) => quotaRefusals.inc({ tier })
  })

  // Label sets are few (route × method × status): each is looked up once per request by one key.
  const bound = new Map<string, { count: { value: number }, time: HistogramSeries }>()
  const upstreamBound = new Map<string, HistogramSeries>()
  const chatSeries = new Map<number, { duration: HistogramSeries, firstChunk: HistogramSeries }>()
  const observeChat = (request: FastifyRequest, status: number, elapsedMs: number): void => {
    let series = chatSeries.get(status)
    if (series === undefined) {
      const errorType = status >= 400 ? String(status) : ''
      series = { duration: genAiDuration.labels('chat', 'sensay', errorType), firstChunk: genAiFirstChunk.labels('chat', 'sensay', errorType) }
      chatSeries.set(status, series)
    }
    series.duration.observe(elapsedMs / 1000)
    const firstChunkMs = request.stream?.firstChunkMs
    if (firstChunkMs !== undefined) series.firstChunk.observe(firstChunkMs / 1000)
  }
  app.decorate('observeRequest', (request: FastifyRequest, status: number, elapsedMs: number) => {
    const route = request.route?.url ?? 'unmatched'
    const key = `${route} ${request.method} ${status}`
    let series = bound.get(key)
    if (!series) {
      series = { count: requests.labels(route, request.method, String(status)), time: duration.labels(route, request.method) }
      bound.set(key, series)
    }
    series.count.value++
    series.time.observe(elapsedMs / 1000)
    if (request.route?.config.chatLimit === true) observeChat(request, status, elapsedMs)
    if (request.upstream) {
      const upstreamKey = `${route} ${request.upstream.status ?? 'error'}`
      let histogram = upstreamBound.get(upstreamKey)
      if (!histogram) {
        histogram = upstream.labels(route, String(request.upstream.status ?? 'error'))
        upstreamBound.set(upstreamKey, histogram)
      }
      histogram.observe(request.upstream.latencyMs / 1000)
    }
  })
}, { name: 'metrics' })
