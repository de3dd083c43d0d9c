import fp from 'fastify-plugin'
import { ReplicaAccess } from './replica-access.js'
import { UserProvisioner } from './user-provisioner.js'
import { callContext } from '../upstream/sensay-plugin.js'

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
  app.decorate('provisionUser', (request) => {
    const identity = request.identity
    if (identity?.kind !== 'user' || provisioner.has(identity.userId)) return undefined
    return provisioner.ensure(identity.userId, callContext(request))
  })
}, { name: 'access', dependencies: ['sensay', 'redis', 'metrics'] })
