import type { ValidateFunction } from 'ajv'
import type { preSerializationHookHandler, RouteOptions } from 'fastify'
import { errors } from '../errors/app-error.js'
import { createAjv } from './ajv.js'

// Sensay's answers are checked as they are, no coercion: `null` is not `""`, `42` is not `"42"`.
const ajv = createAjv({ coerceTypes: false, removeAdditional: false, useDefaults: false, addUsedSchema: false })

function describe (validate: ValidateFunction): string {
  const error = validate.errors?.[0]
  if (!error) return 'does not match'
  const where = error.instancePath.split('/').filter(Boolean).join('.') || '(root)'
  const field = error.keyword === 'required' ? `${where === '(root)' ? '' : where + '.'}${String(error.params.missingProperty)}` : where
  return `${field} ${error.message ?? 'is invalid'}`
}

/**
 * Checks what a route is about to send on success against its response
 * schema: a Sensay answer that does not fit what the route promises (a
 * required field missing, a wrong type) is a 502 with the route and field in
 * the log line, never a 500 from the serializer and never a quiet conversion.
 * Streams and error bodies are not checked.
 */
export function addResponseCheck (route: RouteOptions): void {
  const response = route.schema?.response as Record<string, object> | undefined
  if (!response) return
  const validators = new Map<number, ValidateFunction>()
  for (const [status, schema] of Object.entries(response)) {
    const code = Number(status)
    if (code >= 200 && code < 300) validators.set(code, ajv.compile(schema))
  }
  if (validators.size === 0) return
  const where = `${route.method} ${route.url}`
  const check: preSerializationHookHandler<unknown> = (request, reply, payload, done) => {
    const status = reply.statusCode
    if (status < 200 || status >= 300) return done(null, payload)
    const validate = validators.get(status)
    if (validate !== undefined && validate(payload)) return done(null, payload)
    // A success status the route does not document has no schema to narrow it: refused too.
    const why = validate === undefined ? 'a status the route does not document' : describe(validate)
    done(errors.upstreamError({
      upstreamRequestId: request.upstream?.requestId,
      cause: new Error(`upstream answer does not fit ${where} (${status}): ${why}`)
    }))
  }
  const existing = route.preSerialization
  route.preSerialization = existing === undefined ? [check] : [...(Array.isArray(existing) ? existing : [existing]), check]
}
