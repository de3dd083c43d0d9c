import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { settle } from '../plugins/maybe-async.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route makes the caller's Sensay user itself, or asks whether it exists: no provisioning first. */
    provisionsItself?: boolean
  }
}

/**
 * The hooks of every door that acts as a caller (/v1, /openai/v1): an identity
 * (401 before the body is even parsed), the caller's rate limit, and the
 * user's Sensay account provisioned before any route acts as it (after
 * validation, so a bad request never reaches upstream).
 */
export function requireIdentity (app: FastifyInstance): void {
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
}
