import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'

const Health = Type.Object({ status: Type.String() })
const Ready = Type.Object({ status: Type.String(), checks: Type.Object({ upstream: Type.String() }) })
const PROBE_TIMEOUT_MS = 2_000

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', {
    schema: { tags: ['Operations'], summary: 'Liveness: no I/O', response: { 200: Health } }
  }, async () => ({ status: 'ok' }))

  // Ready when Sensay answers at all (any status below 500): a 4xx still proves the path works.
  app.get('/readyz', {
    schema: { tags: ['Operations'], summary: 'Readiness: upstream reachable', response: { 200: Ready, 503: Ready } }
  }, async (request, reply) => {
    let upstream: string
    try {
      const status = await app.sensay.probe('/v1/healthcheck', { requestId: request.id }, PROBE_TIMEOUT_MS)
      upstream = status < 500 ? 'ok' : `status ${status}`
    } catch (err) {
      upstream = (err as { code?: string }).code ?? 'unreachable'
    }
    const ok = upstream === 'ok'
    if (!ok) reply.header('retry-after', '5')
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not ready', checks: { upstream } })
  })
}
