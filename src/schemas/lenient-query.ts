import type { preValidationHookHandler, RouteOptions } from 'fastify'

declare module 'fastify' {
  interface FastifyRequest {
    /** Query parameters the route does not define: dropped, never forwarded, named in the log line. */
    droppedQuery?: string[]
  }
}

interface ObjectSchema { properties?: Record<string, { type?: unknown }> }

/**
 * Apps send query parameters Sensay ignores (`limit`, `offset`, `?v=2`):
 * they are dropped before validation rather than refused, so only what the
 * route defines is validated and forwarded. `tags[]=a` (how many HTTP
 * clients spell arrays) is read as `tags=a` where `tags` is an array.
 * A defined parameter with a bad value still fails validation: 400 naming it.
 */
export function addLenientQuery (route: RouteOptions): void {
  const schema = route.schema?.querystring as ObjectSchema | undefined
  const declared = new Set(Object.keys(schema?.properties ?? {}))
  const arrays = new Set([...declared].filter((name) => schema?.properties?.[name]?.type === 'array'))
  const lenient: preValidationHookHandler = (request, _reply, done) => {
    const query = request.query as Record<string, unknown>
    for (const key in query) {
      if (declared.has(key)) continue
      const base = key.endsWith('[]') ? key.slice(0, -2) : undefined
      if (base !== undefined && arrays.has(base)) {
        const value = query[key]
        const existing = query[base]
        query[base] = existing === undefined ? value : ([] as unknown[]).concat(existing, value)
      } else {
        (request.droppedQuery ??= []).push(key)
      }
      delete query[key]
    }
    done()
  }
  const existing = route.preValidation
  route.preValidation = existing === undefined ? [lenient] : [lenient, ...(Array.isArray(existing) ? existing : [existing])]
}
