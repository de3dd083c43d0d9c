// Sensay paths as templates: span names and `url.template` stay few however many
// replicas, chats and users there are. Only the segments after these collections vary.

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
// One pass over the path: a UUID after replicas/, chats/ or conversations/, digits after
// knowledge-base/, and any id but `me` after users/.
const VARIABLE = new RegExp(`/(replicas|chats|conversations)/${UUID}(?=/|$)|/knowledge-base/[0-9]+(?=/|$)|/users/(?!me(?:/|$))[^/]+`, 'g')
const NAMES: Record<string, string> = { replicas: '/replicas/{replicaUUID}', chats: '/chats/{chatUUID}', conversations: '/conversations/{conversationUUID}' }

/** `/v1/replicas/5f0c…/chat/completions` → `/v1/replicas/{replicaUUID}/chat/completions`. */
export function upstreamTemplate (path: string): string {
  return path.replace(VARIABLE, (match, collection: string | undefined) => {
    if (collection !== undefined) return NAMES[collection]!
    return match.startsWith('/knowledge-base/') ? '/knowledge-base/{knowledgeBaseID}' : '/users/{userID}'
  })
}

const CHAT = new RegExp(`^/v1/(?:experimental/)?replicas/(${UUID})/chat/completions$`)

/** The replica of a chat completion call (native or Sensay's experimental one); undefined for any other call. */
export function chatReplica (path: string): string | undefined {
  return CHAT.exec(path)?.[1]
}
