import type { EmuConversation, EmuKnowledge, EmuMessage, EmuReplica, EmulatorState } from './state.js'

// How the emulator renders its state, following the response schemas of
// Sensay's OpenAPI document (checked by test/emulator/openapi-conformance).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function replicaView (r: EmuReplica): Record<string, unknown> {
  const view: Record<string, unknown> = {
    name: r.name,
    shortDescription: r.shortDescription,
    greeting: r.greeting,
    type: r.type,
    ownerID: r.ownerID,
    private: r.private,
    whitelistEmails: r.whitelistEmails,
    slug: r.slug,
    tags: r.tags,
    profileImage: r.profileImage,
    suggestedQuestions: r.suggestedQuestions,
    llm: r.llm,
    uuid: r.uuid
  }
  if (r.purpose !== undefined) view.purpose = r.purpose
  if (r.voicePreviewText !== undefined) view.voicePreviewText = r.voicePreviewText
  if (r.isEveryConversationAccessibleBySupport !== undefined) view.isEveryConversationAccessibleBySupport = r.isEveryConversationAccessibleBySupport
  if (r.distilledKnowledge !== undefined) view.distilledKnowledge = r.distilledKnowledge
  return view
}

/** A list item: the replica plus the legacy snake_case fields Sensay's list still returns. */
export function replicaListItem (r: EmuReplica, state: EmulatorState): Record<string, unknown> {
  return {
    ...replicaView(r),
    profile_image: r.profileImage,
    short_description: r.shortDescription,
    introduction: r.greeting,
    created_at: r.createdAt,
    owner_uuid: UUID.test(r.ownerID) ? r.ownerID : null,
    voice_enabled: false,
    video_enabled: false,
    chat_history_count: state.messages.filter((m) => m.replicaUUID === r.uuid).length,
    system_message: r.llm.systemMessage,
    discord_integration: null,
    telegram_integration: null
  }
}

export function historyItem (m: EmuMessage): Record<string, unknown> {
  return {
    id: m.id,
    created_at: m.createdAt,
    content: m.content,
    role: m.role,
    source: m.source,
    is_private: false,
    sources: [],
    user_uuid: m.userId,
    original_message_id: null
  }
}

export function conversationItem (c: EmuConversation, state: EmulatorState): Record<string, unknown> {
  const messages = state.messages.filter((m) => m.conversationUUID === c.uuid)
  const item: Record<string, unknown> = {
    uuid: c.uuid,
    chatUUID: c.chatUUID,
    source: c.source,
    messageCount: messages.length,
    replicaReplyCount: messages.filter((m) => m.role === 'assistant').length,
    firstMessageAt: c.firstMessageAt,
    lastMessageAt: c.lastMessageAt,
    conversationName: c.userId,
    conversationType: 'individual'
  }
  if (c.lastReplicaReplyAt) item.lastReplicaReplyAt = c.lastReplicaReplyAt
  return item
}

/** A chat: its conversations taken together. */
export function chatItem (conversations: EmuConversation[], state: EmulatorState): Record<string, unknown> {
  const first = conversations[0]!
  const uuids = new Set(conversations.map((c) => c.uuid))
  const messages = state.messages.filter((m) => uuids.has(m.conversationUUID))
  const replies = messages.filter((m) => m.role === 'assistant')
  const item: Record<string, unknown> = {
    uuid: first.chatUUID,
    source: first.source,
    messageCount: messages.length,
    replicaReplyCount: replies.length,
    firstMessageAt: conversations.map((c) => c.firstMessageAt).sort()[0],
    lastMessageAt: conversations.map((c) => c.lastMessageAt).sort().at(-1),
    chatName: first.userId,
    chatType: 'individual'
  }
  const lastReply = replies.at(-1)
  if (lastReply) item.lastReplicaReplyAt = lastReply.createdAt
  return item
}

export function messageItem (m: EmuMessage): Record<string, unknown> {
  return { uuid: m.uuid, createdAt: m.createdAt, content: m.content, role: m.role, senderName: m.role === 'user' ? m.userId : 'replica', source: m.source, replicaUUID: m.replicaUUID }
}

/** Entries move NEW → VECTOR_CREATED → READY as time passes, one step per `stepMs`. */
export function knowledgeStatus (e: EmuKnowledge, stepMs: number, now = Date.now()): string {
  const age = now - e.createdAtMs
  if (age < stepMs) return 'NEW'
  if (age < 2 * stepMs) return 'VECTOR_CREATED'
  return 'READY'
}

export function knowledgeItem (e: EmuKnowledge, stepMs: number, detail: boolean): Record<string, unknown> {
  const item: Record<string, unknown> = {
    id: e.id,
    replicaUUID: e.replicaUUID,
    type: e.type,
    status: knowledgeStatus(e, stepMs),
    createdAt: new Date(e.createdAtMs).toISOString(),
    updatedAt: new Date(e.updatedAtMs).toISOString()
  }
  if (e.title !== undefined) item.title = e.title
  if (e.url !== undefined) {
    item.url = e.url
    item.website = { url: e.url, title: e.title ?? e.url, autoRefresh: false }
  }
  if (e.filename !== undefined) item.file = { name: e.filename, size: null, mimeType: e.filename.endsWith('.pdf') ? 'application/pdf' : 'text/plain' }
  if (e.summary !== undefined) item.summary = e.summary
  if (detail) {
    if (e.rawText !== undefined) {
      item.rawText = e.rawText
      item.rawTextChunks = [{ content: e.rawText, chunkIndex: 0, chunkChars: e.rawText.length, chunkTokens: Math.ceil(e.rawText.length / 4) }]
    }
    item.generatedFacts = []
  }
  return item
}
