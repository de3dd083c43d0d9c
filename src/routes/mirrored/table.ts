import type { Pair } from '../../auth/pairs.js'
import type { HttpMethod } from '../../upstream/sensay-client.js'

/**
 * Who may call a mirrored route:
 * - `any`: any identity (an admin key acts for the organization);
 * - `user`: a user, as themselves (an admin key has no user: 403);
 * - `visible`: a user who can see the replica in the path, as themselves;
 * - `owner`: the replica's owner, or an admin key.
 */
export type Policy = 'any' | 'user' | 'visible' | 'owner'

export interface MirroredRoute {
  method: HttpMethod
  /** Sensay's path template; the BFF serves the same path and calls it upstream. */
  path: string
  policy: Policy
  tag: string
  /** Body fields the BFF sets itself: a client may send the same value, nothing else. */
  fixed?: Record<string, string>
  /** Body fields only the organization may set (integration data): 400 naming them. */
  organizationOnly?: string[]
  /** Pairs proven before anything is shown or written (see auth/pairs.ts). */
  pair?: Pair
  /** Where the answer's items name their replica, checked against the path's. */
  itemsName?: 'items' | 'mentions'
  /** A chat completion: the chat rate limit, aborted when the client leaves, timeouts not Sensay's fault. */
  chat?: boolean
}

const REPLICA = '/v1/replicas/{replicaUUID}'
const CHAT = `${REPLICA}/chats/{chatUUID}`
const CONVERSATION = `${REPLICA}/conversations/{conversationUUID}`
const web = { source: 'web' }

/**
 * The mirrored routes whose handler is "check the policy, prove the pair,
 * call the same path, check the answer": data, not code. Routes that do more
 * (users, replicas, chat completions, knowledge base) are written by hand in
 * routes/; the README's route table lists both, and test/routes/coverage
 * checks that every operation in Sensay's document is mirrored or refused.
 */
export const MIRRORED: readonly MirroredRoute[] = [
  // Chat history: the caller's own, with a replica they can see.
  { method: 'POST', path: `${REPLICA}/chat/history`, policy: 'visible', tag: 'Chat', fixed: web, organizationOnly: ['discord_data'] },
  ...(['web', 'embed', 'telegram', 'discord'] as const).map((source): MirroredRoute =>
    ({ method: 'GET', path: `${REPLICA}/chat/history/${source}`, policy: 'visible', tag: 'Chat' })),
  // Sensay's beta OpenAI-style chat (JSON only).
  { method: 'POST', path: '/v1/experimental/replicas/{replicaUUID}/chat/completions', policy: 'visible', tag: 'Chat', fixed: web, organizationOnly: ['discord_data'], chat: true },

  // A replica's chats and conversations: its owner's and admins'.
  { method: 'GET', path: `${REPLICA}/chats`, policy: 'owner', tag: 'Conversations' },
  { method: 'GET', path: CHAT, policy: 'owner', tag: 'Conversations', pair: 'chat' },
  { method: 'GET', path: `${CHAT}/messages`, policy: 'owner', tag: 'Conversations', itemsName: 'items' },
  { method: 'GET', path: `${CHAT}/conversations`, policy: 'owner', tag: 'Conversations', pair: 'chat' },
  { method: 'GET', path: `${CHAT}/conversations/{conversationUUID}`, policy: 'owner', tag: 'Conversations', pair: 'chat-conversation' },
  { method: 'GET', path: `${CHAT}/conversations/{conversationUUID}/messages`, policy: 'owner', tag: 'Conversations', pair: 'chat-conversation', itemsName: 'items' },
  { method: 'GET', path: `${REPLICA}/conversations`, policy: 'owner', tag: 'Conversations' },
  { method: 'GET', path: CONVERSATION, policy: 'owner', tag: 'Conversations', pair: 'conversation' },
  { method: 'PATCH', path: CONVERSATION, policy: 'owner', tag: 'Conversations', pair: 'conversation' },
  { method: 'GET', path: `${CONVERSATION}/messages`, policy: 'owner', tag: 'Conversations', itemsName: 'items' },
  { method: 'GET', path: `${CONVERSATION}/mentions`, policy: 'owner', tag: 'Conversations', pair: 'conversation', itemsName: 'mentions' },

  // Analytics and integrations: the owner's.
  { method: 'GET', path: `${REPLICA}/analytics/conversations/historical`, policy: 'owner', tag: 'Analytics' },
  { method: 'GET', path: `${REPLICA}/analytics/conversations/sources`, policy: 'owner', tag: 'Analytics' },
  { method: 'POST', path: `${REPLICA}/integrations/telegram`, policy: 'owner', tag: 'Integrations' },
  { method: 'DELETE', path: `${REPLICA}/integrations/telegram`, policy: 'owner', tag: 'Integrations' },

  { method: 'GET', path: '/v1/knowledge-base/file-types', policy: 'any', tag: 'Knowledge base' }
]

/**
 * Sensay's operations the BFF does not offer, and why. Each answers 404
 * naming the operation (after authentication, like every /v1 route).
 */
export const NOT_OFFERED: ReadonlyArray<{ method: HttpMethod, path: string, why: string }> = [
  { method: 'POST', path: '/v1/api-keys/invites/{code}/redeem', why: 'it hands out organization credentials' },
  { method: 'POST', path: `${REPLICA}/chat/completions/telegram`, why: 'Telegram chats are written by Sensay\'s Telegram integration, not by a web client' },
  { method: 'POST', path: `${REPLICA}/chat/history/telegram`, why: 'Telegram chats are written by Sensay\'s Telegram integration, not by a web client' },
  { method: 'POST', path: `${REPLICA}/chat/completions/test`, why: 'a hidden test endpoint of Sensay\'s' },
  { method: 'POST', path: `${REPLICA}/integrations/discord`, why: 'hidden upstream; Discord bots are set up by the organization' },
  { method: 'GET', path: '/v1/healthcheck', why: 'Sensay\'s internal health (the BFF\'s own is /readyz)' },
  { method: 'POST', path: '/v1/webhooks/supabase/knowledge-base', why: 'Sensay\'s storage webhook, called by Sensay itself' },
  { method: 'GET', path: '/v1/knowledge-base/distilled/{replicaUUID}', why: 'hidden upstream; the distilled prompt is internal' },
  { method: 'POST', path: '/v1/knowledge-base/distilled/{replicaUUID}', why: 'hidden upstream; the distilled prompt is internal' }
]

/** `/v1/replicas/{replicaUUID}` to Fastify's `/replicas/:replicaUUID`, under the /v1 prefix. */
export function routeUrl (path: string): string {
  return path.replace(/^\/v1/, '').replace(/\{(\w+)\}/g, ':$1')
}
