// The reference: a bare Fastify + @fastify/reply-from proxy of the same
// upstream, adding only the organization secret. No auth, no validation,
// no rate limit, no logging: the floor the BFF is measured against.
import Fastify from 'fastify'
import replyFrom from '@fastify/reply-from'

const app = Fastify({ logger: false })
await app.register(replyFrom, { base: process.env.UPSTREAM, undici: { connections: Number(process.env.CONNECTIONS ?? 128), pipelining: 1 } })
app.all('/*', (request, reply) => reply.from(request.url, {
  rewriteRequestHeaders: (_req, headers) => ({ ...headers, 'x-organization-secret': process.env.SECRET, 'x-user-id': 'bench-user-0' })
}))
const address = await app.listen({ host: '127.0.0.1', port: 0, backlog: 4096 })
console.log(`Server listening at ${address}`)
process.on('SIGTERM', () => app.close().then(() => process.exit(0)))
