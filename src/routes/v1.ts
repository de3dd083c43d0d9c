import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { settle } from '../plugins/maybe-async.js'
import { addResponseCheck } from '../schemas/response-check.js'
import { usersRoutes } from './users.js'
import { replicasRoutes } from './replicas.js'
import { chatRoutes, type ChatOptions } from './chat.js'
import { knowledgeBaseRoutes } from './knowledge-base.js'
import { orgKnowledgeBaseRoutes } from './org-knowledge-base.js'
import { mirroredRoutes } from './mirrored/register.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route makes the caller's Sensay user itself, or asks whether it exists: no provisioning first. */
    provisionsItself?: boolean
  }
}

/**
 * Everything under /v1 needs an identity (401 before the body is even
 * parsed), and a user's Sensay account exists before any route acts as it;
 * provisioning runs after validation, so a bad request never reaches upstream.
 */
export async function v1Routes (app: FastifyInstance, options: ChatOptions): Promise<void> {
  // A token verified before skips straight to the rate limit, synchronously
  // when the limits are counted in-process. Anything else is verified first: a
  // valid credential is never locked out by other people's failed attempts from
  // the same address. A failure counts; past the limit it is a 429, not a 401.
  const firstSight = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    try {
      await app.authenticate(request)
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 401) {
        await app.checkAuthFailures(request)
        await app.countAuthFailure(request)
      }
      throw err
    }
    await app.limitRequest(request, reply)
  }
  app.addHook('onRequest', (request, reply, done) => {
    settle(() => app.knownIdentity(request) ? app.limitRequest(request, reply) : firstSight(request, reply), done)
  })
  app.addHook('preHandler', (request, reply, done) => {
    // An answer for a browser session is that user's: no shared cache may keep it.
    if (request.identity?.kind === 'user' && request.identity.via === 'session') reply.header('cache-control', 'no-store')
    // A caller's own POST /v1/users is the provisioning (with their name and email), and
    // GET /v1/users/:userID is how apps ask whether to make it: neither provisions first.
    if (request.route!.config.provisionsItself === true) return done()
    settle(() => app.provisionUser(request), done)
  })
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
