import { randomUUID } from 'node:crypto'

// The emulator's in-memory world, shaped after Sensay's OpenAPI schema.

export interface EmuUser { id: string, name?: string, email?: string, linkedAccounts: Array<{ accountID: string, accountType: string }> }

export interface EmuReplica {
  uuid: string
  name: string
  shortDescription: string
  greeting: string
  ownerID: string
  slug: string
  private: boolean
  whitelistEmails: string[]
  tags: string[]
  type: string
  purpose?: string
  profileImage: string
  suggestedQuestions: string[]
  voicePreviewText?: string
  isEveryConversationAccessibleBySupport?: boolean
  llm: { model: string, memoryMode: string, systemMessage: string, tools: string[], embeddingModel: string }
  distilledKnowledge?: string
  createdAt: string
  telegram?: { id: number, mention: string }
}

export interface EmuMessage { id: number, uuid: string, createdAt: string, content: string, role: 'user' | 'assistant', source: string, userId: string, replicaUUID: string, conversationUUID: string }
export interface EmuConversation { uuid: string, chatUUID: string, replicaUUID: string, userId: string, source: string, firstMessageAt: string, lastMessageAt: string, lastReplicaReplyAt?: string, summary?: string | null, commonQuestions?: string[], commonTopics?: string[] }
export interface EmuKnowledge {
  id: number
  replicaUUID: string
  type: 'text' | 'website' | 'file' | 'youtube'
  title?: string
  url?: string
  filename?: string
  rawText?: string
  summary?: string
  uploaded?: boolean
  createdAtMs: number
  updatedAtMs: number
}

export const DEFAULT_PROFILE_IMAGE = 'https://studio.sensay.io/assets/default-replica-profile.webp'

export class EmulatorState {
  readonly users = new Map<string, EmuUser>()
  readonly replicas = new Map<string, EmuReplica>()
  readonly messages: EmuMessage[] = []
  readonly conversations = new Map<string, EmuConversation>()
  readonly knowledge = new Map<number, EmuKnowledge>()
  #nextMessageId = 1
  #nextKnowledgeId = 1000
  #nextId = 1

  nextId (): number {
    return this.#nextId++
  }

  addUser (id: string, fields: Partial<EmuUser> = {}): EmuUser {
    const user: EmuUser = { id, linkedAccounts: [], ...fields }
    this.users.set(id, user)
    return user
  }

  addReplica (fields: Partial<EmuReplica> & { ownerID: string, name: string }): EmuReplica {
    const uuid = fields.uuid ?? randomUUID()
    const replica: EmuReplica = {
      shortDescription: '',
      greeting: 'Hi!',
      slug: `${fields.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${uuid.slice(0, 8)}`,
      private: false,
      whitelistEmails: [],
      tags: [],
      type: 'character',
      profileImage: DEFAULT_PROFILE_IMAGE,
      suggestedQuestions: [],
      createdAt: new Date().toISOString(),
      ...fields,
      llm: { model: 'claude-haiku-4-5', memoryMode: 'rag-search', systemMessage: '', tools: [], embeddingModel: 'multilingual-e5-large', ...fields.llm },
      uuid
    }
    this.replicas.set(uuid, replica)
    return replica
  }

  addMessage (replica: EmuReplica, userId: string, source: string, role: 'user' | 'assistant', content: string): EmuMessage {
    const now = new Date().toISOString()
    let conversation = [...this.conversations.values()].find((c) => c.replicaUUID === replica.uuid && c.userId === userId && c.source === source)
    if (!conversation) {
      conversation = { uuid: randomUUID(), chatUUID: randomUUID(), replicaUUID: replica.uuid, userId, source, firstMessageAt: now, lastMessageAt: now }
      this.conversations.set(conversation.uuid, conversation)
    }
    conversation.lastMessageAt = now
    if (role === 'assistant') conversation.lastReplicaReplyAt = now
    const message: EmuMessage = { id: this.#nextMessageId++, uuid: randomUUID(), createdAt: now, content, role, source, userId, replicaUUID: replica.uuid, conversationUUID: conversation.uuid }
    this.messages.push(message)
    return message
  }

  addKnowledge (fields: Omit<EmuKnowledge, 'id' | 'createdAtMs' | 'updatedAtMs'>): EmuKnowledge {
    const entry: EmuKnowledge = { ...fields, id: this.#nextKnowledgeId++, createdAtMs: Date.now(), updatedAtMs: Date.now() }
    this.knowledge.set(entry.id, entry)
    return entry
  }
}
