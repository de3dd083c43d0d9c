import { Ajv, type Options } from 'ajv'
import * as formatsModule from 'ajv-formats'
import type { FormatsPlugin } from 'ajv-formats'

// ajv-formats is CommonJS; under NodeNext its function arrives as `default`.
const addFormats = (formatsModule as unknown as { default: FormatsPlugin }).default

export function createAjv (options: Options): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: false, ...options })
  addFormats(ajv)
  return ajv
}
