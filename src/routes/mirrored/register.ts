import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { requireUser, upstreamUserId, type Identity } from '../../auth/identity.js'
import { itemsNameReplica, mentionsNameReplica, verifyPair, type PairParams } from '../../auth/pairs.js'
import { ReplicaAccess } from '../../auth/replica-access.js'
import { errors } from '../../errors/app-error.js'
import { errorResponses, KnowledgeBaseId, Uuid } from '../../schemas/common.js'
import { declaredOnly } from '../../schemas/declared.js'
import { sensaySchemas } from '../../schemas/sensay-spec.js'
import { unanswered } from '../../quotas/quotas-plugin.js'
import { callContext } from '../../upstream/sensay-plugin.js'
import type { CallContext } from '../../upstream/sensay-client.js'
import { MIRRORED, NOT_OFFERED, routeUrl, type MirroredRoute } from './table.js'

type Params = Record<string, string>
type Schema = Record<string, unknown>

const PARAM_SCHEMAS: Record<string, object> = { replicaUUID: Uuid, chatUUID: Uuid, conversationUUID: Uuid, knowledgeBaseID: KnowledgeBaseId }

function paramsSchema (path: string): object {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string)
  const properties = Object.fromEntries(names.map((name) => [name, PARAM_SCHEMAS[name] ?? { type: 'string', minLength: 1 }]))
  return { type: 'object', properties, required: names, additionalProperties: false }
}

/** Sensay's body schema, narrowed: fixed fields take only the BFF's value, organization-only fields go. */
function narrowBody (body: Schema | undefined, route: MirroredRoute): Schema | undefined {
  if (!body) return undefined
  const properties = { ...(body.properties as Record<string, Schema>) }
  for (const [name, value] of Object.entries(route.fixed ?? {})) {
    if (properties[name]) properties[name] = { ...properties[name], enum: [value], description: `Only \`${value}\`: the BFF sets it.` }
  }
  for (const name of route.organizationOnly ?? []) delete properties[name]
  return { ...body, properties }
}

const fill = (path: string, params: Params) => path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] as string)

async function authorize (app: FastifyInstance, route: MirroredRoute, identity: Identity, params: Params, ctx: CallContext): Promise<void> {
  if (route.policy === 'user' || route.policy === 'visible') requireUser(identity)
  const replicaUUID = params.replicaUUID
  if (replicaUUID === undefined || route.policy === 'any' || route.policy === 'user') return
  const replica = route.policy === 'visible' ? await app.replicaAccess.visible(identity, replicaUUID, ctx) : await app.replicaAccess.owned(identity, replicaUUID, ctx)
  if (route.chat === true) ctx.model = ReplicaAccess.modelOf(replica)
}

/**
 * Registers the table's routes: each validates with Sensay's own schemas
 * (narrowed), authorizes by its policy, proves its pair, calls the same path
 * with only validated fields, and checks the answer's items name the replica.
 */
export async function mirroredRoutes (app: FastifyInstance): Promise<void> {
  for (const route of MIRRORED) {
    const derived = sensaySchemas(route.method, route.path)
    const body = narrowBody(derived.body, route)
    const noBody = route.method === 'GET' || route.method === 'DELETE'
    app.route({
      method: route.method,
      url: routeUrl(route.path),
      config: route.chat ? { chatLimit: true } : {},
      schema: {
        tags: [route.tag],
        summary: `${derived.summary ?? route.path} (${route.policy})`,
        ...(route.path.includes('{') ? { params: paramsSchema(route.path) } : {}),
        querystring: derived.querystring,
        ...(noBody || !body ? {} : { body }),
        response: { ...derived.response, ...errorResponses }
      },
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const identity = request.identity!
        const params = request.params as Params
        const input = request.body as Record<string, unknown> | undefined
        for (const name of route.organizationOnly ?? []) {
          if (input?.[name] !== undefined) throw errors.invalidField('body', name, 'is integration data only the organization may set')
        }
        const ctx = callContext(request)
        await authorize(app, route, identity, params, ctx)
        const userId = upstreamUserId(identity)
        if (route.pair) await verifyPair(app.sensay, route.pair, params as unknown as PairParams, userId, ctx)
        // A chat nobody waits for any more is aborted upstream (set after the checks, which are shared).
        if (route.chat) ctx.client = reply.raw
        // A chat on this door counts against the caller's budgets like one on the others.
        const charge = route.chat && identity.kind === 'user' ? await app.quotas.admit(request, reply, identity) : undefined
        let status: number
        let answer: { items?: unknown }
        try {
          ({ status, body: answer } = await app.sensay.json<{ items?: unknown }>({
            method: route.method,
            path: fill(route.path, params),
            userId,
            query: request.query as Record<string, string>,
            body: noBody || !body ? undefined : { ...declaredOnly(body as never, input ?? {}), ...route.fixed }
          }, ctx))
        } catch (err) {
          if (charge !== undefined && unanswered(err)) charge.refund()
          throw err
        }
        const replicaUUID = params.replicaUUID
        if (replicaUUID !== undefined && route.itemsName !== undefined) {
          const named = route.itemsName === 'items' ? itemsNameReplica(answer.items, replicaUUID) : mentionsNameReplica(answer.items, replicaUUID)
          if (!named) throw errors.notFound('Conversation not found.')
        }
        return reply.code(status).send(answer)
      }
    })
  }

  // Sensay's operations the BFF does not offer: a 404 that says so, and why.
  for (const refused of NOT_OFFERED) {
    const operation = `${refused.method} ${refused.path}`
    app.route({
      method: refused.method,
      url: routeUrl(refused.path),
      schema: { hide: true, querystring: { type: 'object' } },
      handler: async () => { throw errors.notFound(`${operation} is not offered by this service: ${refused.why}.`) }
    })
  }
}
