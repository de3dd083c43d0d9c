import type { TSchema } from '@sinclair/typebox'

interface Node { properties?: Record<string, TSchema>, items?: TSchema, anyOf?: TSchema[] }

/**
 * A validated value with only the fields its schema declares. Where Sensay's
 * schema is open (its POST `llm`, knowledge-base chunks), keys it ignores are
 * accepted; this drops them, so nothing goes upstream that was not validated.
 */
export function declaredOnly<T> (schema: TSchema, value: T): T {
  if (value === null || typeof value !== 'object') return value
  const node = schema as Node
  if (Array.isArray(value)) return (node.items ? value.map((item) => declaredOnly(node.items!, item)) : value) as T
  const objectSchema: Node | undefined = node.properties ? node : node.anyOf?.find((branch) => (branch as Node).properties) as Node | undefined
  if (!objectSchema?.properties) return value
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(objectSchema.properties)) {
    const field = (value as Record<string, unknown>)[key]
    if (field !== undefined) out[key] = declaredOnly(child, field)
  }
  return out as T
}
