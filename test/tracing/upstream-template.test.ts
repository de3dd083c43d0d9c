import { describe, expect, it } from 'vitest'
import { chatReplica, upstreamTemplate } from '../../src/tracing/upstream-template.js'

const R = '5f0c8e9a-1111-4222-8333-444455556666'
const C = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'

describe('Sensay paths as span templates', () => {
  it.each([
    [`/v1/replicas/${R}/chat/completions`, '/v1/replicas/{replicaUUID}/chat/completions'],
    [`/v1/replicas/${R}`, '/v1/replicas/{replicaUUID}'],
    [`/v1/replicas/${R}/chats/${C}/conversations/${C}/messages`, '/v1/replicas/{replicaUUID}/chats/{chatUUID}/conversations/{conversationUUID}/messages'],
    [`/v1/replicas/${R}/knowledge-base/42`, '/v1/replicas/{replicaUUID}/knowledge-base/{knowledgeBaseID}'],
    ['/v1/knowledge-base/7', '/v1/knowledge-base/{knowledgeBaseID}'],
    ['/v1/knowledge-base/file-types', '/v1/knowledge-base/file-types'],
    ['/v1/users/me', '/v1/users/me'],
    ['/v1/users/alice%40example.com', '/v1/users/{userID}'],
    ['/v1/users/meredith', '/v1/users/{userID}'],
    ['/v1/replicas', '/v1/replicas'],
    [`/v1/replicas/${R}/chat/history/web`, '/v1/replicas/{replicaUUID}/chat/history/web']
  ])('%s → %s', (path, template) => {
    expect(upstreamTemplate(path)).toBe(template)
  })

  it('knows a chat completion call by its path', () => {
    expect(chatReplica(`/v1/replicas/${R}/chat/completions`)).toBe(R)
    expect(chatReplica(`/v1/experimental/replicas/${R}/chat/completions`)).toBe(R)
    expect(chatReplica(`/v1/replicas/${R}/chat/history`)).toBeUndefined()
  })
})
