import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'

interface Conditional { if?: unknown, then?: unknown, else?: unknown, description?: string }

/**
 * A body validated with if/then/else (the chat body: the AI SDK's shape when it has `id` and
 * `messages`, else Sensay's) is documented as the `anyOf` it amounts to: code generators
 * (openapi-typescript, Sensay's openapi-typescript-codegen) know no if/then/else and typed it `{}`.
 */
function documentedBody (body: unknown): unknown {
  const conditional = body as Conditional | undefined
  if (conditional?.if === undefined || conditional.then === undefined || conditional.else === undefined) return body
  return { anyOf: [conditional.else, conditional.then], ...(conditional.description === undefined ? {} : { description: conditional.description }) }
}

/** The BFF's own OpenAPI 3.1 document, generated from the route schemas, and a browsable page. */
export const docsRoutes = fp<{ sessions?: boolean }>(async (app, { sessions }) => {
  await app.register(swagger, {
    transform: ({ schema, url }) => ({ schema: schema?.body === undefined ? schema : { ...schema, body: documentedBody(schema.body) }, url }),
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'sensay-bff',
        version: '0.1.0',
        description: 'A backend-for-frontend for the Sensay API. Every error has the shape of ErrorResponse.'
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          // With browser sessions: the cookie set at /auth/callback (plus the X-CSRF: 1 header on every call).
          ...(sessions ? { session: { type: 'apiKey', in: 'cookie', name: '__Host-bff_session' } } : {})
        }
      },
      security: [{ bearer: [] }, { apiKey: [] }, ...(sessions ? [{ session: [] }] : [])]
    }
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}, { name: 'docs' })
