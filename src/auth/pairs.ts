import { errors } from '../errors/app-error.js'
import type { CallContext, SensayClient } from '../upstream/sensay-client.js'

/**
 * Chats and conversations are addressed under a replica's path, but Sensay
 * may serve them by their own id alone; their details do not name the
 * replica. So a pair is proven from data that does: a message of the chat
 * (or conversation) read under the replica's path must name that replica.
 * One that cannot be proven (no message, another replica's) is a 404 before
 * anything is shown or written.
 */
export type Pair = 'chat' | 'conversation' | 'chat-conversation'

export interface PairParams { replicaUUID: string, chatUUID?: string, conversationUUID?: string }

const same = (a: unknown, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase()

/** Every item names the replica: a list where one does not means the path's pair is not this replica's. */
export function itemsNameReplica (items: unknown, replicaUUID: string): boolean {
  return !Array.isArray(items) || items.every((item) => typeof item === 'object' && item !== null && same((item as { replicaUUID?: unknown }).replicaUUID, replicaUUID))
}

/** Mentions hold messages in groups (placeholders hold none): each message must name the replica. */
export function mentionsNameReplica (items: unknown, replicaUUID: string): boolean {
  if (!Array.isArray(items)) return true
  return items.every((item) => {
    const messages = typeof item === 'object' && item !== null ? (item as { messages?: unknown }).messages : undefined
    return messages === undefined || (Array.isArray(messages) && itemsNameReplica(messages, replicaUUID))
  })
}

async function provenByMessages (client: SensayClient, path: string, replicaUUID: string, userId: string | undefined, ctx: CallContext): Promise<boolean> {
  const { body } = await client.json<{ items?: unknown }>({ method: 'GET', path, query: { limit: 1 }, userId }, ctx)
  return Array.isArray(body.items) && body.items.length > 0 && itemsNameReplica(body.items, replicaUUID)
}

export async function verifyPair (client: SensayClient, pair: Pair, params: PairParams, userId: string | undefined, ctx: CallContext): Promise<void> {
  const { replicaUUID, chatUUID, conversationUUID } = params
  const base = `/v1/replicas/${replicaUUID}`
  if (pair === 'chat') {
    if (!await provenByMessages(client, `${base}/chats/${chatUUID}/messages`, replicaUUID, userId, ctx)) throw errors.notFound('Chat not found.')
    return
  }
  if (pair === 'chat-conversation') {
    const { body } = await client.json<{ chatUUID?: unknown }>({ method: 'GET', path: `${base}/chats/${chatUUID}/conversations/${conversationUUID}`, userId }, ctx)
    if (!same(body.chatUUID, chatUUID!)) throw errors.notFound('Conversation not found.')
  }
  if (!await provenByMessages(client, `${base}/conversations/${conversationUUID}/messages`, replicaUUID, userId, ctx)) throw errors.notFound('Conversation not found.')
}
