import type { FastifySchemaCompiler } from 'fastify'
import { createAjv } from './ajv.js'
import { lenientQuery } from './lenient-query.js'

const common = { removeAdditional: false, useDefaults: false, addUsedSchema: false } as const
// Bodies are JSON and keep their types: `"true"` is not a boolean, `42` not a string.
const bodyAjv = createAjv({ ...common, coerceTypes: false })
// Path and query values arrive as strings; a single `tags=x` becomes `["x"]`.
const partsAjv = createAjv({ ...common, coerceTypes: 'array' })

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  if (httpPart === 'body') return bodyAjv.compile(schema)
  const validate = partsAjv.compile(schema)
  // Undeclared query parameters are dropped, not refused (see lenient-query.ts).
  return httpPart === 'querystring' ? lenientQuery(schema, validate) : validate
}
