// Sensay paths as templates: span names and `url.template` stay few however many
// replicas, chats and users there are. Only the segments after these collections vary.

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
// One pass over the path: a UUID after replicas/, chats/ or conversations/, digits after
// knowledge-base/, and any id but `me` after users/.
const VARIABLE = new RegExp(`/(replicas|chats|conversations)/${UUID}(?=/|$)|/knowledge-base/[0-9]+(?=/|$)|/users/(?!me(?:/|$))[^/]+`, 'g')
const NAMES: Record<string, string> = { replicas: '/replicas/{replicaUUID}', chats: '/chats/{chatUUID}', conversations: '/conversations/{conversationUUID}' }

const templates = new Map<string, string>()

/** `/v1/replicas/5f0c…/chat/completions` → `/v1/replicas/{replicaUUID}/chat/completions` (remembered for the next call to the same path). */
export function upstreamTemplate (path: string): string {
  let template = templates.get(path)
  if (template === undefined) {
    template = templateOf(path)
    // A replica's paths recur (its chats, its lookups): a bounded memory of the recent ones.
    if (templates.size >= 2_000) templates.clear()
    templates.set(path, template)
  }
  return template
}

function templateOf (path: string): string {
  return path.replace(VARIABLE, (match, collection: string | undefined) => {
    if (collection !== undefined) return NAMES[collection]!
    return match.startsWith('/knowledge-base/') ? '/knowledge-base/{knowledgeBaseID}' : '/users/{userID}'
  })
}

const CHAT = new RegExp(`^/v1/(?:experimental/)?replicas/(${UUID})/chat/completions$`)

/** The replica of a chat completion call (native or Sensay's experimental one); undefined for any other call. */
export function chatReplica (path: string): string | undefined {
  return path.endsWith('/chat/completions') ? CHAT.exec(path)?.[1] : undefined
}
