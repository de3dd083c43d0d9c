import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { TObject, TSchema } from '@sinclair/typebox'
import { SPEC_URL } from '../../src/emulator/openapi.js'
import { ReplicaInput } from '../../src/schemas/replicas.js'
import { ChatCompletionInput } from '../../src/schemas/chat.js'
import { KnowledgeBaseCreateInput, KnowledgeBaseUpdateInput } from '../../src/schemas/knowledge-base.js'
import { UserUpdateInput } from '../../src/schemas/users.js'

type Json = Record<string, unknown>
const spec = JSON.parse(readFileSync(SPEC_URL, 'utf8')) as { paths: Record<string, Record<string, Json>> }

function upstreamBody (method: string, path: string): Json {
  const op = spec.paths[path]![method] as { requestBody: { content: { 'application/json': { schema: Json } } } }
  return op.requestBody.content['application/json'].schema
}

/** Every field the BFF accepts exists upstream with the same JSON type: narrowing, never inventing. */
function expectSubset (ours: TSchema, theirs: Json, where: string) {
  const props = (ours as TObject).properties
  const upstream = theirs.properties as Record<string, Json>
  for (const [name, schema] of Object.entries(props)) {
    const other = upstream[name]
    expect(other, `${where}.${name} exists upstream`).toBeDefined()
    const type = (schema as { type?: string }).type
    if (type && other!.type) expect(type, `${where}.${name} type`).toBe(other!.type)
    if (type === 'object') expectSubset(schema, other!, `${where}.${name}`)
  }
  expect((ours as { additionalProperties?: boolean }).additionalProperties, `${where} refuses unknown fields`).toBe(false)
}

describe('narrowed request schemas against Sensay\'s', () => {
  it('replica create and update', () => {
    expectSubset(ReplicaInput, upstreamBody('post', '/v1/replicas'), 'POST /v1/replicas')
    expectSubset(ReplicaInput, upstreamBody('put', '/v1/replicas/{replicaUUID}'), 'PUT /v1/replicas/{replicaUUID}')
  })

  it('chat completion', () => {
    expectSubset(ChatCompletionInput, upstreamBody('post', '/v1/replicas/{replicaUUID}/chat/completions'), 'chat')
  })

  it('knowledge base', () => {
    expectSubset(KnowledgeBaseCreateInput, upstreamBody('post', '/v1/replicas/{replicaUUID}/knowledge-base'), 'kb create')
    expectSubset(KnowledgeBaseUpdateInput, upstreamBody('patch', '/v1/replicas/{replicaUUID}/knowledge-base/{knowledgeBaseID}'), 'kb update')
  })

  it('user update', () => {
    expectSubset(UserUpdateInput, upstreamBody('put', '/v1/users/me'), 'PUT /v1/users/me')
  })
})
