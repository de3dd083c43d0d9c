import { createHash, timingSafeEqual } from 'node:crypto'
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

export const ApiKeySchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  sha256: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }),
  role: Type.Union([Type.Literal('admin'), Type.Literal('user'), Type.Literal('service')]),
  userId: Type.Optional(Type.String({ minLength: 1 })),
  /** The quota tier of a user key (QUOTAS_FILE). */
  tier: Type.Optional(Type.String({ minLength: 1 }))
}, { additionalProperties: false })

export type ApiKey = Static<typeof ApiKeySchema>

/** Parses the API_KEYS_FILE text; throws with a one-line reason. */
export function parseApiKeys (text: string): ApiKey[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new Error('is not valid JSON')
  }
  if (!Array.isArray(data)) throw new Error('must hold a JSON array of {name, sha256, role, userId?}')
  const names = new Set<string>()
  return data.map((entry, i) => {
    const first = Value.Errors(ApiKeySchema, entry).First()
    if (first) throw new Error(`entry ${i}${first.path || ''}: ${first.message}`)
    const key = entry as ApiKey
    if (key.role === 'user' && !key.userId) throw new Error(`entry ${i} (${key.name}): role "user" needs a userId`)
    if (key.role !== 'user' && key.userId !== undefined) throw new Error(`entry ${i} (${key.name}): only role "user" takes a userId (a service key acts for the user its request names)`)
    if (names.has(key.name)) throw new Error(`entry ${i}: duplicate name ${key.name}`)
    names.add(key.name)
    return { ...key, sha256: key.sha256.toLowerCase() }
  })
}

export function sha256Hex (value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

/**
 * Finds the key whose hash matches. Every stored hash is compared, in
 * constant time, so the answer's timing does not say how close a guess was.
 */
export function createApiKeyMatcher (keys: ApiKey[]): (presented: string) => ApiKey | undefined {
  const stored = keys.map((key) => ({ key, digest: Buffer.from(key.sha256, 'hex') }))
  return (presented) => {
    const digest = createHash('sha256').update(presented).digest()
    let found: ApiKey | undefined
    for (const entry of stored) {
      if (timingSafeEqual(entry.digest, digest)) found = entry.key
    }
    return found
  }
}
