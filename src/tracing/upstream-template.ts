// Sensay paths as templates: span names and `url.template` stay few however many
// replicas, chats and users there are. Only the segments after these collections vary.

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
const DIGITS = /^[0-9]+$/
const VARIABLE = new Map<string, { name: string, matches: (segment: string) => boolean }>([
  ['replicas', { name: '{replicaUUID}', matches: (s) => UUID.test(s) }],
  ['chats', { name: '{chatUUID}', matches: (s) => UUID.test(s) }],
  ['conversations', { name: '{conversationUUID}', matches: (s) => UUID.test(s) }],
  ['knowledge-base', { name: '{knowledgeBaseID}', matches: (s) => DIGITS.test(s) }],
  // Any id but `me` (the caller).
  ['users', { name: '{userID}', matches: (s) => s !== 'me' }]
])

/** `/v1/replicas/5f0c…/chat/completions` → `/v1/replicas/{replicaUUID}/chat/completions`. */
export function upstreamTemplate (path: string): string {
  const segments = path.split('/')
  for (let i = 1; i < segments.length; i++) {
    const variable = VARIABLE.get(segments[i - 1]!)
    if (variable !== undefined && segments[i] !== '' && variable.matches(segments[i]!)) segments[i] = variable.name
  }
  return segments.join('/')
}

const CHAT = /^\/v1\/(?:experimental\/)?replicas\/([0-9a-fA-F-]{36})\/chat\/completions$/

/** The replica of a chat completion call (native or Sensay's experimental one); undefined for any other call. */
export function chatReplica (path: string): string | undefined {
  return CHAT.exec(path)?.[1]
}
