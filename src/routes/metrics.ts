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

/** Prometheus metrics: requests by route template, method and status, and process metrics; served by metrics-server.ts on METRICS_PORT. */
export const metricsPlugin = fp(async (app) => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const requests = new FastCounter('http_requests_total', 'Requests answered, by route template, method and status.', ['route', 'method', 'status'], registry)
  const duration = new FastHistogram('http_request_duration_seconds', 'Time to answer, by route template and method.', ['route', 'method'], LATENCY_BUCKETS_S, registry)
  const upstream = new FastHistogram('upstream_request_duration_seconds', 'Time to the upstream answer (whole body for JSON, headers for streams), by route template and upstream status.', ['route', 'status'], LATENCY_BUCKETS_S, registry)
  const retries = new Counter({ name: 'upstream_retries_total', help: 'Upstream GETs retried after a connection failure or 502/503/504.', registers: [registry] })
  const breakerState = new Gauge({ name: 'upstream_circuit_state', help: 'Circuit breaker: 0 closed, 1 half-open, 2 open.', registers: [registry] })
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
