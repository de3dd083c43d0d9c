import type { FastifyInstance } from 'fastify'
import { requireIdentity } from '../auth/require-identity.js'
import { addResponseCheck } from '../schemas/response-check.js'
import { usersRoutes } from './users.js'
import { replicasRoutes } from './replicas.js'
import { chatRoutes, type ChatOptions } from './chat.js'
import { knowledgeBaseRoutes } from './knowledge-base.js'
import { orgKnowledgeBaseRoutes } from './org-knowledge-base.js'
import { mirroredRoutes } from './mirrored/register.js'

/** Everything under /v1 needs an identity, and a user's Sensay account exists before any route acts as it. */
export async function v1Routes (app: FastifyInstance, options: ChatOptions): Promise<void> {
  requireIdentity(app)
  // On every route: a query parameter it does not define is dropped (never forwarded), and
  // an upstream answer that does not fit its response schema is a 502.
  app.addHook('onRoute', (route) => {
    route.schema ??= {}
    route.schema.querystring ??= { type: 'object', properties: {}, additionalProperties: false }
    addResponseCheck(route)
  })
  await app.register(usersRoutes)
  await app.register(replicasRoutes)
  const { streamIdleTimeoutMs, streamMaxDurationMs, streamMaxPartBytes, streamMaxPerUser } = options
  await app.register(chatRoutes, { streamIdleTimeoutMs, streamMaxDurationMs, streamMaxPartBytes, streamMaxPerUser })
  await app.register(knowledgeBaseRoutes)
  await app.register(orgKnowledgeBaseRoutes)
  await app.register(mirroredRoutes)
}
