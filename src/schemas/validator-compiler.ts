import type { FastifySchemaCompiler } from 'fastify'
import { createAjv } from './ajv.js'

const common = { removeAdditional: false, useDefaults: false, addUsedSchema: false } as const
// Bodies are JSON and keep their types: `"true"` is not a boolean, `42` not a string.
const bodyAjv = createAjv({ ...common, coerceTypes: false })
// Path and query values arrive as strings; a single `tags=x` becomes `["x"]`.
const partsAjv = createAjv({ ...common, coerceTypes: 'array' })

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : partsAjv).compile(schema)
