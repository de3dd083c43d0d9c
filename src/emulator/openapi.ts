import { readFileSync } from 'node:fs'
import type { Ajv, ValidateFunction } from 'ajv'
import { createAjv } from '../schemas/ajv.js'

type Schema = Record<string, unknown>
interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> }
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>
}

/** Sensay's OpenAPI document, as shipped in spec/ (the same file as shared/upstream). */
export const SPEC_URL = new URL('../../spec/sensay-openapi.json', import.meta.url)

/**
 * Validators made from Sensay's own OpenAPI schema: the emulator checks the
 * requests it receives with them, and tests check the emulator's answers.
 */
export class SensayOpenApi {
  readonly #spec: { paths: Record<string, Record<string, Operation>>, components: { schemas: Record<string, Schema> } }
  readonly #ajv: Ajv
  readonly #cache = new Map<string, ValidateFunction | null>()

  constructor (specText = readFileSync(SPEC_URL, 'utf8')) {
    this.#spec = JSON.parse(specText)
    this.#ajv = createAjv({ validateSchema: false })
  }

  get paths (): string[] {
    return Object.keys(this.#spec.paths)
  }

  #operation (method: string, path: string): Operation {
    const op = this.#spec.paths[path]?.[method.toLowerCase()]
    if (!op) throw new Error(`Sensay's OpenAPI has no ${method} ${path}`)
    return op
  }

  /** OpenAPI 3.0 to JSON Schema: inline $refs, boolean exclusiveMinimum. */
  #normalize (node: unknown): unknown {
    if (Array.isArray(node)) return node.map((n) => this.#normalize(n))
    if (node === null || typeof node !== 'object') return node
    const obj = node as Schema
    if (typeof obj.$ref === 'string') {
      const name = obj.$ref.split('/').pop() as string
      return this.#normalize(this.#spec.components.schemas[name])
    }
    const out: Schema = {}
    for (const [key, value] of Object.entries(obj)) {
      if (key === 'exclusiveMinimum' && typeof value === 'boolean') {
        if (value && typeof obj.minimum === 'number') out.exclusiveMinimum = obj.minimum
        continue
      }
      if (key === 'minimum' && obj.exclusiveMinimum === true) continue
      if (key === 'example' || key.startsWith('x-')) continue
      out[key] = this.#normalize(value)
    }
    return out
  }

  #compile (key: string, schema: Schema | undefined): ValidateFunction | undefined {
    if (this.#cache.has(key)) return this.#cache.get(key) ?? undefined
    const validate = schema ? this.#ajv.compile(this.#normalize(schema) as Schema) : null
    this.#cache.set(key, validate)
    return validate ?? undefined
  }

  /** The request body validator of an operation, if it has a JSON body. */
  requestValidator (method: string, path: string): ValidateFunction | undefined {
    const schema = this.#operation(method, path).requestBody?.content?.['application/json']?.schema
    return this.#compile(`req ${method} ${path}`, schema)
  }

  /** The validator for a documented response status, if that status has a JSON schema. */
  responseValidator (method: string, path: string, status: number): ValidateFunction | undefined {
    const schema = this.#operation(method, path).responses?.[String(status)]?.content?.['application/json']?.schema
    return this.#compile(`res ${method} ${path} ${status}`, schema)
  }

  hasResponse (method: string, path: string, status: number): boolean {
    return this.#operation(method, path).responses?.[String(status)] !== undefined
  }
}

export function describeErrors (validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`).join('; ')
}
