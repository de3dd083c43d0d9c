import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SPEC_URL } from '../../src/emulator/openapi.js'
import { FILE_MIME_TYPES, KNOWLEDGE_BASE_LANGUAGES } from '../../src/schemas/knowledge-base-enums.js'
import { startHarness, type Harness } from '../helpers/harness.js'

// What each mirrored route accepts, read from the BFF's own OpenAPI document
// (made from the schemas that validate requests), against Sensay's document:
// the same fields, types, enums, required fields and openness, minus the
// exceptions written here. A change on either side fails this test.

type Json = Record<string, unknown>
interface Operation { parameters?: Json[], requestBody?: { content: Record<string, { schema: Json }> } }
type Doc = { paths: Record<string, Record<string, Operation>>, components?: { schemas?: Record<string, Json> } }

const sensay = JSON.parse(readFileSync(SPEC_URL, 'utf8')) as Doc

/** The documented exceptions: what the BFF refuses or narrows on purpose (README, "Compatibility"). */
interface Exceptions {
  /** Fields Sensay accepts that the BFF refuses (400 naming them): organization-only or integration data. */
  refused?: string[]
  /** Fields Sensay requires that the BFF fills in itself (accepted when they name the caller). */
  filled?: string[]
  /** Fields whose accepted values are a subset of Sensay's: field -> the values the BFF accepts. */
  narrowed?: Record<string, unknown[]>
  /** Fields Sensay marks x-hidden that the BFF accepts all the same (narrowed): Sensay's own CLI sends them. */
  unhidden?: string[]
}

// x-hidden fields (Sensay-internal: usageLimits, processing internals,
// deprecated hidden flags) are refused everywhere, and need no entry here.
const MIRRORED: Array<{ method: string, path: string, body?: Exceptions, query?: Exceptions }> = [
  { method: 'get', path: '/v1/users/me' },
  { method: 'put', path: '/v1/users/me', body: { refused: ['linkedAccounts'], filled: ['id'] } },
  { method: 'delete', path: '/v1/users/me' },
  { method: 'get', path: '/v1/users/me/usage' },
  { method: 'get', path: '/v1/replicas', query: {} },
  { method: 'post', path: '/v1/replicas', body: { filled: ['ownerID'] } },
  { method: 'get', path: '/v1/replicas/{replicaUUID}' },
  { method: 'put', path: '/v1/replicas/{replicaUUID}', body: { filled: ['ownerID'] } },
  { method: 'delete', path: '/v1/replicas/{replicaUUID}' },
  { method: 'post', path: '/v1/replicas/{replicaUUID}/chat/completions', body: { refused: ['discord_data'], narrowed: { source: ['web'] } } },
  { method: 'get', path: '/v1/replicas/{replicaUUID}/chat/history' },
  { method: 'post', path: '/v1/replicas/{replicaUUID}/knowledge-base', body: {} },
  { method: 'get', path: '/v1/replicas/{replicaUUID}/knowledge-base', query: {} },
  { method: 'get', path: '/v1/replicas/{replicaUUID}/knowledge-base/{knowledgeBaseID}' },
  { method: 'patch', path: '/v1/replicas/{replicaUUID}/knowledge-base/{knowledgeBaseID}', body: { unhidden: ['status'], narrowed: { status: ['NEW'] } } },
  { method: 'delete', path: '/v1/replicas/{replicaUUID}/knowledge-base/{knowledgeBaseID}' },
  { method: 'get', path: '/v1/replicas/{replicaUUID}/conversations', query: {} },
  { method: 'get', path: '/v1/replicas/{replicaUUID}/conversations/{conversationUUID}/messages', query: {} },
  { method: 'get', path: '/v1/users/{userID}' },
  { method: 'post', path: '/v1/users', body: {} },
  { method: 'post', path: '/v1/replicas/{replicaUUID}/chat/history', body: { refused: ['discord_data'], narrowed: { source: ['web'] } } },
  ...['web', 'embed', 'telegram', 'discord'].map((source) => ({ method: 'get', path: `/v1/replicas/{replicaUUID}/chat/history/${source}` })),
  { method: 'post', path: '/v1/experimental/replicas/{replicaUUID}/chat/completions', body: { refused: ['discord_data'], narrowed: { source: ['web'] } } },
  { method: 'get', path: '/v1/replicas/{replicaUUID}/chats', query: {} },
  { method: 'get', path: '/v1/replicas/{replicaUUID}/chats/{chatUUID}' },
  { method: 'get', path: '/v1/replicas/{replicaUUID}/chats/{chatUUID}/messages', query: {} },
  { method: 'get', path: '/v1/replicas/{replicaUUID}/chats/{chatUUID}/conversations', query: {} },
  { method: 'get', path: '/v1/replicas/{replicaUUID}/chats/{chatUUID}/conversations/{conversationUUID}' },
  { method: 'get', path: '/v1/replicas/{replicaUUID}/chats/{chatUUID}/conversations/{conversationUUID}/messages', query: {} },
  { method: 'get', path: '/v1/replicas/{replicaUUID}/conversations/{conversationUUID}' },
  { method: 'patch', path: '/v1/replicas/{replicaUUID}/conversations/{conversationUUID}', body: {} },
  { method: 'get', path: '/v1/replicas/{replicaUUID}/conversations/{conversationUUID}/mentions', query: {} },
  { method: 'get', path: '/v1/replicas/{replicaUUID}/analytics/conversations/historical' },
  { method: 'get', path: '/v1/replicas/{replicaUUID}/analytics/conversations/sources' },
  { method: 'post', path: '/v1/replicas/{replicaUUID}/integrations/telegram', body: {} },
  { method: 'delete', path: '/v1/replicas/{replicaUUID}/integrations/telegram' },
  { method: 'get', path: '/v1/knowledge-base/file-types' },
  // Hidden in Sensay's document; Sensay's CLI uses them (users get only their replicas' entries).
  { method: 'get', path: '/v1/knowledge-base', query: {} },
  { method: 'get', path: '/v1/knowledge-base/{knowledgeBaseID}' },
  { method: 'patch', path: '/v1/knowledge-base/{knowledgeBaseID}', body: { unhidden: ['status'], narrowed: { status: ['NEW'] } } },
  { method: 'delete', path: '/v1/knowledge-base/{knowledgeBaseID}' }
]

function deref (doc: Doc, node: Json): Json {
  const ref = node.$ref
  if (typeof ref !== 'string') return node
  return deref(doc, doc.components!.schemas![ref.split('/').pop()!]!)
}

/** The JSON types a schema admits (OpenAPI 3.0 `nullable` and 3.1 type arrays alike). */
function typesOf (doc: Doc, raw: Json): string[] {
  const schema = deref(doc, raw)
  const options = (schema.anyOf ?? schema.oneOf) as Json[] | undefined
  if (options) return [...new Set(options.flatMap((o) => typesOf(doc, o)))].sort()
  const types = ([] as unknown[]).concat(schema.type ?? (schema.const !== undefined ? typeof schema.const : []))
  if (schema.nullable === true) types.push('null')
  return [...new Set(types as string[])].sort()
}

/** The enum values of a schema, anyOf branches flattened (Sensay lists deprecated models in their own branches). */
function enumOf (doc: Doc, raw: Json): unknown[] | undefined {
  const schema = deref(doc, raw)
  const options = (schema.anyOf ?? schema.oneOf) as Json[] | undefined
  if (options) {
    const values = options.map((o) => enumOf(doc, o)).filter((v) => v !== undefined).flat()
    return values.length > 0 ? values.filter((v) => v !== null).sort() : undefined
  }
  if (schema.const !== undefined) return [schema.const]
  return Array.isArray(schema.enum) ? (schema.enum as unknown[]).filter((v) => v !== null).sort() : undefined
}

const sameType = (ours: string[], theirs: string[]) =>
  // An integer where Sensay says number is a narrowing we allow: pages and sizes are whole.
  JSON.stringify(ours.map((t) => t === 'integer' && theirs.includes('number') ? 'number' : t)) === JSON.stringify(theirs)

/** Compares one accepted shape with Sensay's, recursing into objects and arrays; returns the differences. */
function compare (bff: Doc, ours: Json, theirs: Json, where: string, exceptions: Exceptions = {}): string[] {
  const a = deref(bff, ours)
  const b = deref(sensay, theirs)
  const problems: string[] = []
  const typesA = typesOf(bff, a)
  // A query string cannot carry a null: Sensay's `nullable` query parameters are plain optional ones.
  const typesB = typesOf(sensay, b).filter((t) => !(t === 'null' && where.startsWith('query.')))
  if (!sameType(typesA, typesB)) problems.push(`${where}: type ${typesA.join('|')} vs Sensay's ${typesB.join('|')}`)
  const enumA = enumOf(bff, a)
  const enumB = exceptions.narrowed?.[where.split('.').pop()!] !== undefined ? exceptions.narrowed[where.split('.').pop()!] : enumOf(sensay, b)
  if (JSON.stringify(enumA) !== JSON.stringify(enumB)) problems.push(`${where}: values ${JSON.stringify(enumA)} vs ${JSON.stringify(enumB)}`)
  if (typesB.includes('array') && b.items) problems.push(...compare(bff, a.items as Json, b.items as Json, `${where}[]`))
  if (typesB.includes('object') && (b.properties || a.properties)) {
    const propsA = (a.properties ?? {}) as Record<string, Json>
    const propsB = (b.properties ?? {}) as Record<string, Json>
    const accepted = Object.keys(propsB).filter((k) => (propsB[k]!['x-hidden'] !== true || exceptions.unhidden?.includes(k)) && !exceptions.refused?.includes(k))
    expect(Object.keys(propsA).sort(), `${where}: the fields accepted`).toEqual(accepted.sort())
    for (const key of accepted) problems.push(...compare(bff, propsA[key]!, propsB[key]!, `${where}.${key}`, exceptions))
    const requiredB = ((b.required ?? []) as string[]).filter((k) => !exceptions.filled?.includes(k))
    expect(((a.required ?? []) as string[]).sort(), `${where}: the required fields`).toEqual(requiredB.sort())
    const openA = a.additionalProperties !== false
    const openB = b.additionalProperties !== false
    if (openA !== openB) problems.push(`${where}: ${openA ? 'open' : 'closed'} where Sensay's is ${openB ? 'open' : 'closed'}`)
  }
  return problems
}

let h: Harness
let bff: Doc

beforeAll(async () => {
  h = await startHarness()
  bff = (await h.app.inject({ url: '/openapi.json' })).json()
})
afterAll(async () => h.close())

function bffOperation (method: string, path: string): Operation {
  const op = bff.paths[path]?.[method]
  expect(op, `the BFF serves ${method.toUpperCase()} ${path}`).toBeDefined()
  return op!
}

function queryOf (op: Operation): Record<string, Json> {
  return Object.fromEntries((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name as string, p.schema as Json]))
}

describe('mirrored routes accept what Sensay accepts, minus the documented exceptions', () => {
  it('every /v1 route of the BFF mirrors a Sensay route of the same method and path (but the BFF\'s own quota)', () => {
    const own = new Set(['get /v1/users/me/quota'])
    const ours = Object.entries(bff.paths).filter(([path]) => path.startsWith('/v1/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`))
      .filter((route) => !own.has(route))
    expect(ours.sort()).toEqual(MIRRORED.map((r) => `${r.method} ${r.path}`).sort())
    for (const r of MIRRORED) expect(sensay.paths[r.path]?.[r.method], `${r.method} ${r.path} upstream`).toBeDefined()
  })

  for (const route of MIRRORED) {
    it(`${route.method.toUpperCase()} ${route.path}`, () => {
      const ours = bffOperation(route.method, route.path)
      const theirs = sensay.paths[route.path]![route.method]!
      const problems: string[] = []
      const theirBody = theirs.requestBody?.content['application/json']?.schema
      let ourBody = ours.requestBody?.content['application/json']?.schema
      // Chat also takes the AI SDK's bodies (validated if/then/else); the document shows the two
      // shapes as anyOf, Sensay's first.
      if (route.path === '/v1/replicas/{replicaUUID}/chat/completions') ourBody = (ourBody?.anyOf as Json[] | undefined)?.[0]
      expect(ourBody === undefined, 'has a body').toBe(theirBody === undefined)
      if (ourBody && theirBody) problems.push(...compare(bff, ourBody, theirBody, 'body', route.body))
      const ourQuery = queryOf(ours)
      const theirQuery = queryOf(theirs)
      expect(Object.keys(ourQuery).sort(), 'query parameters').toEqual(Object.keys(theirQuery).sort())
      for (const [name, schema] of Object.entries(theirQuery)) problems.push(...compare(bff, ourQuery[name]!, schema, `query.${name}`, route.query))
      expect(problems).toEqual([])
    })
  }

  it('the copied enumerations still match Sensay\'s', () => {
    expect([...KNOWLEDGE_BASE_LANGUAGES]).toEqual(sensay.components!.schemas!.KnowledgeBaseLanguage!.enum)
    const patch = sensay.paths['/v1/replicas/{replicaUUID}/knowledge-base/{knowledgeBaseID}']!.patch!.requestBody!.content['application/json']!.schema
    const file = (patch.properties as Record<string, Json>).file!
    expect([...FILE_MIME_TYPES]).toEqual(((file.properties as Record<string, Json>).mimeType!).enum)
  })
})

describe('what the alignment check itself catches', () => {
  const theirs: Json = { type: 'object', properties: { a: { type: 'string', enum: ['x', 'y'] }, n: { type: 'number' } }, required: ['a'], additionalProperties: false }

  it('a narrowed enum, a wrong type and an opened object are reported', () => {
    const ours: Json = { type: 'object', properties: { a: { type: 'string', enum: ['x'] }, n: { type: 'string' } }, required: ['a'] }
    expect(compare(bff, ours, theirs, 'body')).toEqual([
      'body.a: values ["x"] vs ["x","y"]',
      'body.n: type string vs Sensay\'s number',
      'body: open where Sensay\'s is closed'
    ])
  })

  it('a missing field fails', () => {
    const ours: Json = { type: 'object', properties: { a: { type: 'string', enum: ['x', 'y'] } }, required: ['a'], additionalProperties: false }
    expect(() => compare(bff, ours, theirs, 'body')).toThrow(/the fields accepted/)
  })
})

/** An object schema's properties and required fields, anyOf branches merged (required: in every branch). */
function objectShape (doc: Doc, raw: Json): { properties: Record<string, Json>, required: string[] } | undefined {
  const schema = deref(doc, raw)
  const branches = (schema.anyOf ?? schema.oneOf) as Json[] | undefined
  if (branches) {
    const shapes = branches.map((b) => objectShape(doc, b)).filter((s) => s !== undefined)
    if (shapes.length === 0) return undefined
    return {
      properties: Object.assign({}, ...shapes.map((s) => s.properties)),
      required: shapes[0]!.required.filter((r) => shapes.every((s) => s.required.includes(r)))
    }
  }
  if (!schema.properties) return undefined
  return { properties: schema.properties as Record<string, Json>, required: (schema.required ?? []) as string[] }
}

/** What the BFF promises to serve is within what Sensay promises to send: no field Sensay lacks or hides, nothing required that Sensay leaves optional. */
function compareResponse (ours: Json, theirs: Json, where: string): string[] {
  const a = objectShape(bff, ours)
  const b = objectShape(sensay, theirs)
  const itemsA = deref(bff, ours).items as Json | undefined
  const itemsB = deref(sensay, theirs).items as Json | undefined
  if (itemsA && itemsB) return compareResponse(itemsA, itemsB, `${where}[]`)
  if (!a || !b) return []
  const problems: string[] = []
  for (const [key, schema] of Object.entries(a.properties)) {
    const other = b.properties[key]
    if (other === undefined) problems.push(`${where}.${key}: Sensay does not send it`)
    else if (deref(sensay, other)['x-hidden'] === true) problems.push(`${where}.${key}: x-hidden at Sensay`)
    else problems.push(...compareResponse(schema, other, `${where}.${key}`))
  }
  for (const key of a.required) if (!b.required.includes(key)) problems.push(`${where}.${key}: required here, optional at Sensay`)
  return problems
}

describe('mirrored routes promise no more than Sensay answers', () => {
  for (const route of MIRRORED) {
    it(`${route.method.toUpperCase()} ${route.path}`, () => {
      const ours = bffOperation(route.method, route.path) as Operation & { responses: Record<string, { content?: Record<string, { schema: Json }> }> }
      const theirs = sensay.paths[route.path]![route.method]! as Operation & { responses: Record<string, { content?: Record<string, { schema: Json }> }> }
      const problems: string[] = []
      for (const [status, response] of Object.entries(ours.responses)) {
        if (Number(status) >= 300) continue
        const schema = response.content?.['application/json']?.schema
        // Sensay documents KB create as 207 only; the BFF serves a plain 200 in the same shape.
        const other = theirs.responses[status] ?? theirs.responses['207']
        const otherSchema = other?.content?.['application/json']?.schema
        if (schema && otherSchema) problems.push(...compareResponse(schema, otherSchema, `${status}`))
        else expect(schema === undefined, `${status} has a JSON body on both sides`).toBe(otherSchema === undefined)
      }
      expect(problems).toEqual([])
    })
  }
})
