import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'

const Health = Type.Object({ status: Type.String() })
const Ready = Type.Object({ status: Type.String(), checks: Type.Object({ upstream: Type.String(), redis: Type.Optional(Type.String()) }) })
const PROBE_TIMEOUT_MS = 2_000

export const healthRoutes: FastifyPluginAsyncTypebox<{ readyCacheMs: number }> = async (app, { readyCacheMs }) => {
  let last: { at: number, upstream: string } | undefined

  app.get('/healthz', {
    config: { unlimited: true },
    schema: { tags: ['Operations'], summary: 'Liveness: no I/O', response: { 200: Health } }
  }, async () => ({ status: 'ok' }))

  // Ready when Sensay answers at all (any status below 500): a 4xx still proves the path works.
  app.get('/readyz', {
    config: { unlimited: true },
    // No 503 schema: a 503 is either this route's own not-ready answer or the contract's error shape (shutting down, overloaded).
    schema: { tags: ['Operations'], summary: 'Readiness: upstream (and Redis, when configured) reachable; 503 with the failed checks otherwise', response: { 200: Ready, 503: Type.Unknown({ description: 'Not ready: { status, checks }; or the error shape while shutting down or overloaded.' }) } }
  }, async (request, reply) => {
    const [upstream, redis] = await Promise.all([probeUpstream(request.id), probeRedis()])
    const checks = redis === undefined ? { upstream } : { upstream, redis }
    const ok = upstream === 'ok' && (redis === undefined || redis === 'ok')
    if (!ok) reply.header('retry-after', '5')
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not ready', checks })
  })

  // Not ready while the breaker is open; otherwise one probe per READY_CACHE_MS, however often the LB asks.
  async function probeUpstream (requestId: string): Promise<string> {
    if (app.sensay.breaker.state === 'open') return 'circuit open'
    if (last && Date.now() - last.at < readyCacheMs) return last.upstream
    let upstream: string
    try {
      const status = await app.sensay.probe('/v1/healthcheck', { requestId }, PROBE_TIMEOUT_MS)
      upstream = status < 500 ? 'ok' : `status ${status}`
    } catch (err) {
      upstream = (err as { code?: string }).code ?? 'unreachable'
    }
    last = { at: Date.now(), upstream }
    return upstream
  }

  async function probeRedis (): Promise<string | undefined> {
    if (!app.redis) return undefined
    try {
      return (await app.redis.ping()) === 'PONG' ? 'ok' : 'unexpected answer'
    } catch {
      return 'unreachable'
    }
  }
}
