import fp from 'fastify-plugin'
import { ReplicaAccess } from './replica-access.js'
import { DELETED_CHANNEL, UserProvisioner } from './user-provisioner.js'
import { AppError } from '../errors/app-error.js'
import { callContext } from '../upstream/sensay-plugin.js'
import { subscriberFor } from '../plugins/redis.js'

declare module 'fastify' {
  interface FastifyInstance {
    replicaAccess: ReplicaAccess
    provisioner: UserProvisioner
    /** preHandler for user routes: the Sensay user exists before we act as it. */
    provisionUser: (request: FastifyRequest) => Promise<void> | undefined
  }
}

export const accessPlugin = fp<{ replicaCacheTtlMs: number }>(async (app, { replicaCacheTtlMs }) => {
  app.decorate('replicaAccess', new ReplicaAccess(app.sensay, replicaCacheTtlMs))
  const provisioner = new UserProvisioner(app.sensay, app.redis, (outcome) => app.counters.provisioned(outcome))
  app.decorate('provisioner', provisioner)
  if (app.redis) {
    // Deletions on other instances: a connection of its own (a subscriber can do nothing
    // else), queueing the subscription until Redis answers and renewing it on reconnect.
    const subscriber = subscriberFor(app.redis)
    subscriber.on('error', () => {})
    subscriber.on('message', (_channel: string, userId: string) => provisioner.drop(userId))
    subscriber.subscribe(DELETED_CHANNEL).catch((err: unknown) => app.log.warn({ err }, 'cannot subscribe to user deletions'))
    app.addHook('onClose', async () => { subscriber.disconnect() })
  }
  // Without Redis, or if a message was missed: Sensay saying the user does not exist
  // is the same news, and the next request provisions the user again.
  app.addHook('onError', (request, _reply, error, done) => {
    const identity = request.identity
    if (identity?.kind === 'user' && error instanceof AppError && error.code === 'USER_NOT_FOUND') provisioner.forget(identity.userId).catch(() => undefined)
    done()
  })
  app.decorate('provisionUser', (request) => {
    const identity = request.identity
    if (identity?.kind !== 'user' || provisioner.has(identity.userId)) return undefined
    return provisioner.ensure(identity.userId, callContext(request))
  })
}, { name: 'access', dependencies: ['sensay', 'redis', 'metrics'] })
