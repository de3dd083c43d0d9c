import type { ValidateFunction } from 'ajv'

interface ObjectSchema { properties?: Record<string, { type?: unknown }> }

// What each request's query lost, keyed by its query object: the log line names it.
const dropped = new WeakMap<object, string[]>()

/** The query parameters a request sent that its route does not define (dropped, never forwarded). */
export function droppedQuery (query: unknown): string[] | undefined {
  return typeof query === 'object' && query !== null ? dropped.get(query) : undefined
}

/**
 * Apps send query parameters Sensay ignores (`limit`, `offset`, `?v=2`):
 * they are dropped just before validation rather than refused, so only what
 * the route defines is validated and forwarded. `tags[]=a` (how many HTTP
 * clients spell arrays) is read as `tags=a` where `tags` is an array. A
 * defined parameter with a bad value still fails: 400 naming it.
 *
 * It wraps the query's validator, not a hook: a hook on every route would run
 * for every request, and almost none has a query at all.
 */
export function lenientQuery (schema: unknown, validate: ValidateFunction): ValidateFunction {
  const properties = (schema as ObjectSchema).properties ?? {}
  const declared = new Set(Object.keys(properties))
  const arrays = new Set([...declared].filter((name) => properties[name]?.type === 'array'))
  const wrapper = function (data: unknown, context?: unknown) {
    if (typeof data === 'object' && data !== null) {
      const query = data as Record<string, unknown>
      for (const key in query) {
        if (declared.has(key)) continue
        const base = key.endsWith('[]') ? key.slice(0, -2) : undefined
        if (base !== undefined && arrays.has(base)) {
          const existing = query[base]
          query[base] = existing === undefined ? query[key] : ([] as unknown[]).concat(existing, query[key])
        } else {
          const names = dropped.get(query)
          if (names === undefined) dropped.set(query, [key])
          else names.push(key)
        }
        delete query[key]
      }
    }
    const valid = (validate as (data: unknown, context?: unknown) => boolean)(data, context)
    wrapper.errors = validate.errors
    return valid
  } as unknown as ValidateFunction
  // Fastify passes the parent object when the validator may replace the root (array coercion).
  ;(wrapper as { schemaEnv?: unknown }).schemaEnv = validate.schemaEnv
  return wrapper
}
