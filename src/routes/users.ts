import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { requireUser } from '../auth/identity.js'
import { AppError, errors, ifMissing } from '../errors/app-error.js'
import { errorResponses } from '../schemas/common.js'
import { UsageView, UserCreateInput, UserParams, UserUpdateInput, UserView, type UsageViewT, type UserViewT } from '../schemas/users.js'
import { callContext } from '../upstream/sensay-plugin.js'

const tags = ['Users']

const Counts = Type.Record(Type.String(), Type.Integer())
const QuotaView = Type.Object({
  tier: Type.Union([Type.String(), Type.Null()], { description: 'null without QUOTAS_FILE' }),
  limits: Counts,
  used: Counts,
  resetsAt: Type.Record(Type.String(), Type.String({ format: 'date-time' }))
})

// One answer for "no such user" and "not yours": user ids cannot be probed.
const userNotFound = () => errors.notFound('User not found.')

/** The session user's own account. An admin key has no user: 403. */
export const usersRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/users/me', {
    schema: { tags, summary: 'The session user', response: { 200: UserView, ...errorResponses } }
  }, async (request) => {
    const user = requireUser(request.identity)
    const { body } = await app.sensay.json<UserViewT>({ method: 'GET', path: '/v1/users/me', userId: user.userId }, callContext(request))
    return body
  })

  app.put('/users/me', {
    schema: { tags, summary: 'Update the session user (name, email)', body: UserUpdateInput, response: { 200: UserView, ...errorResponses } }
  }, async (request) => {
    const user = requireUser(request.identity)
    if (request.body.id !== undefined && request.body.id !== user.userId) throw errors.forbiddenField('body', 'id', 'must be your own user id')
    // Sensay's PUT wants the id in the body; it is always the session user's.
    const { body } = await app.sensay.json<UserViewT>({ method: 'PUT', path: '/v1/users/me', userId: user.userId, body: { ...request.body, id: user.userId } }, callContext(request))
    return body
  })

  app.delete('/users/me', {
    schema: { tags, summary: 'Delete the session user', response: { 204: Type.Null(), ...errorResponses } }
  }, async (request, reply) => {
    const user = requireUser(request.identity)
    await app.sensay.json({ method: 'DELETE', path: '/v1/users/me', userId: user.userId, noBody: true }, callContext(request))
    await app.provisioner.forget(user.userId)
    return reply.code(204).send(null)
  })

  // The "ensure user" step of Sensay's sample: GET, and POST when it is a 404. Neither
  // provisions the user first, so the POST can carry the caller's name and email.
  app.get('/users/:userID', {
    config: { provisionsItself: true },
    schema: { tags, summary: 'A user by id (your own; an admin key: any)', params: UserParams, response: { 200: UserView, ...errorResponses } }
  }, async (request) => {
    const identity = request.identity!
    const { userID } = request.params
    if (identity.kind === 'user' && userID !== identity.userId) throw userNotFound()
    const { body } = await ifMissing(app.sensay.json<UserViewT>({ method: 'GET', path: `/v1/users/${encodeURIComponent(userID)}` }, callContext(request)), () => { throw userNotFound() })
    return body
  })

  app.post('/users', {
    config: { provisionsItself: true },
    schema: { tags, summary: 'Create your Sensay user, with a name and email (an admin key: any user)', body: UserCreateInput, response: { 200: UserView, ...errorResponses } }
  }, async (request) => {
    const identity = request.identity!
    if (identity.kind === 'admin') {
      const { body } = await app.sensay.json<UserViewT>({ method: 'POST', path: '/v1/users', body: request.body }, callContext(request))
      return body
    }
    const { id, name, email, linkedAccounts } = request.body
    if (id !== undefined && id !== identity.userId) throw errors.forbiddenField('body', 'id', 'must be your own user id')
    if (linkedAccounts !== undefined) throw errors.invalidField('body', 'linkedAccounts', 'is integration data only the organization may set')
    try {
      const { body } = await app.sensay.json<UserViewT>({ method: 'POST', path: '/v1/users', body: { id: identity.userId, name, email } }, callContext(request))
      app.provisioner.remember(identity.userId)
      return body
    } catch (err) {
      // Sensay's 409 reaches the caller (the user exists); it also means there is nothing to provision.
      if (err instanceof AppError && err.statusCode === 409) app.provisioner.remember(identity.userId)
      throw err
    }
  })

  app.get('/users/me/usage', {
    schema: { tags, summary: 'Usage of the session user', response: { 200: UsageView, ...errorResponses } }
  }, async (request) => {
    const user = requireUser(request.identity)
    const { body } = await app.sensay.json<UsageViewT>({ method: 'GET', path: '/v1/users/me/usage', userId: user.userId }, callContext(request))
    return body
  })

  app.get('/users/me/quota', {
    // The BFF's own answer: no Sensay account needed to read it.
    config: { provisionsItself: true },
    schema: {
      tags,
      summary: 'The caller\'s quota tier, its limits, what is used and when each resets (QUOTAS_FILE)',
      response: { 200: QuotaView, ...errorResponses }
    }
  }, async (request) => app.quotas.status(requireUser(request.identity)))
}
