import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { requireUser } from '../auth/identity.js'
import { errors } from '../errors/app-error.js'
import { errorResponses } from '../schemas/common.js'
import { UsageView, UserUpdateInput, UserView, type UsageViewT, type UserViewT } from '../schemas/users.js'
import { callContext } from '../upstream/sensay-plugin.js'

const tags = ['Users']

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

  app.get('/users/me/usage', {
    schema: { tags, summary: 'Usage of the session user', response: { 200: UsageView, ...errorResponses } }
  }, async (request) => {
    const user = requireUser(request.identity)
    const { body } = await app.sensay.json<UsageViewT>({ method: 'GET', path: '/v1/users/me/usage', userId: user.userId }, callContext(request))
    return body
  })
}
