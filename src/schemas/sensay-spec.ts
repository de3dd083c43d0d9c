import { readFileSync } from 'node:fs'

type Schema = Record<string, unknown>
interface Parameter { name: string, in: string, required?: boolean, schema?: Schema }
interface Operation {
  parameters?: Parameter[]
  requestBody?: { content?: Record<string, { schema?: Schema }> }
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>
  'x-hidden'?: boolean
  summary?: string
}
interface Document { paths: Record<string, Record<string, Operation>>, components: { schemas: Record<string, Schema> } }

/** Sensay's OpenAPI document as shipped in spec/ (the same file as shared/upstream), read once. */
const SPEC_URL = new URL('../../spec/sensay-openapi.json', import.meta.url)
let document: Document | undefined
function spec (): Document {
  document ??= JSON.parse(readFileSync(SPEC_URL, 'utf8')) as Document
  return document
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

/** Every operation in Sensay's document, as `METHOD /path/{param}`, hidden ones flagged. */
export function sensayOperations (): Array<{ method: string, path: string, hidden: boolean, summary?: string }> {
  const out = []
  for (const [path, item] of Object.entries(spec().paths)) {
    for (const method of METHODS) {
      const op = item[method]
      if (op) out.push({ method: method.toUpperCase(), path, hidden: op['x-hidden'] === true, summary: op.summary })
    }
  }
  return out
}

type Side = 'request' | 'response'

/**
 * OpenAPI 3.0 to the JSON Schema Fastify validates and serializes with:
 * $refs inlined, `nullable` as a null type, boolean exclusiveMinimum,
 * examples and vendor keys dropped, and every `x-hidden` property removed (the
 * BFF neither accepts nor shows Sensay's internal fields). In responses,
 * `additionalProperties` goes (a field Sensay adds is not a broken answer, and
 * the serializer writes only what is declared), and so do `default` (the
 * serializer would invent it) and `format` (Sensay's dates are checked as strings).
 */
function convert (node: unknown, side: Side): unknown {
  if (Array.isArray(node)) return node.map((n) => convert(n, side))
  if (node === null || typeof node !== 'object') return node
  const obj = node as Schema
  if (typeof obj.$ref === 'string') {
    const name = obj.$ref.split('/').pop() as string
    return convert(spec().components.schemas[name], side)
  }
  const out: Schema = {}
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'example' || key === 'deprecated' || key === 'nullable' || key.startsWith('x-')) continue
    if (side === 'response' && (key === 'additionalProperties' || key === 'default' || key === 'format')) continue
    if (key === 'exclusiveMinimum' && typeof value === 'boolean') {
      if (value && typeof obj.minimum === 'number') out.exclusiveMinimum = obj.minimum
      continue
    }
    if (key === 'minimum' && obj.exclusiveMinimum === true) continue
    if (key === 'properties') {
      const properties: Schema = {}
      for (const [name, child] of Object.entries(value as Schema)) {
        if ((child as Schema)['x-hidden'] !== true) properties[name] = convert(child, side)
      }
      out.properties = properties
      continue
    }
    out[key] = convert(value, side)
  }
  if (Array.isArray(out.required) && out.properties) {
    const properties = out.properties as Schema
    out.required = (out.required as string[]).filter((name) => name in properties)
  }
  if (obj.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null']
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null]
  }
  return out
}

function operation (method: string, path: string): Operation {
  const op = spec().paths[path]?.[method.toLowerCase()]
  if (!op) throw new Error(`Sensay's OpenAPI document has no ${method} ${path}`)
  return op
}

export interface DerivedSchemas {
  summary?: string
  /** The query parameters Sensay defines, as one object schema. */
  querystring: Schema
  body?: Schema
  /** Sensay's 2xx answers, by status. */
  response: Record<number, Schema>
}

/** The request and response schemas of one of Sensay's operations, ready for a Fastify route. */
export function sensaySchemas (method: string, path: string): DerivedSchemas {
  const op = operation(method, path)
  const properties: Schema = {}
  const required: string[] = []
  for (const param of op.parameters ?? []) {
    if (param.in !== 'query') continue
    const schema = convert(param.schema ?? {}, 'request') as Schema
    // A query string cannot carry a null: Sensay's `nullable` parameters are plain optional ones.
    if (Array.isArray(schema.type)) schema.type = schema.type.find((t) => t !== 'null')
    properties[param.name] = schema
    if (param.required) required.push(param.name)
  }
  const querystring: Schema = { type: 'object', properties, additionalProperties: false }
  if (required.length > 0) querystring.required = required
  const bodySchema = op.requestBody?.content?.['application/json']?.schema
  const response: Record<number, Schema> = {}
  for (const [status, answer] of Object.entries(op.responses ?? {})) {
    const code = Number(status)
    const schema = answer.content?.['application/json']?.schema
    if (code >= 200 && code < 300 && schema) response[code] = convert(schema, 'response') as Schema
  }
  return {
    summary: op.summary,
    querystring,
    body: bodySchema ? convert(bodySchema, 'request') as Schema : undefined,
    response
  }
}
