import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SERVICE_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { refusal as refusalOf, sensaySdk } from '../helpers/sensay-sdk.js'

// The call sequences of apps written for Sensay, as they make them, with the
// client generated from Sensay's document: only the base URL and the
// credential change (the organization secret goes; a token or key comes).

let sdk: any
let h: Harness

beforeAll(async () => {
  h = await startHarness({ emulator: { streamChunkDelayMs: 0, knowledgeStepMs: 20 } })
  sdk = await sensaySdk(await h.app.listen({ host: '127.0.0.1', port: 0 }))
})
afterAll(async () => h.close())

const refusal = (call: Promise<unknown>) => refusalOf(sdk, call)

describe('Sensay\'s chat sample', () => {
  it('ensures the user, finds or makes a replica and chats: X-USER-ID and X-API-Version sent and ignored', async () => {
    const { UsersService, ReplicasService, ChatCompletionsService } = sdk
    const userId = 'sample-user'
    sdk.OpenAPI.TOKEN = await h.token(userId)
    // The sample sends the user id itself (to Sensay, beside the secret); the BFF ignores it.
    sdk.OpenAPI.HEADERS = { 'X-USER-ID': 'someone-else', 'X-API-Version': '2025-03-25' }
    try {
      const missing = await refusal(UsersService.getV1Users(userId))
      expect(missing.status).toBe(404)
      expect(await UsersService.postV1Users(undefined, undefined, { id: userId, name: 'Sample User' })).toMatchObject({ success: true, id: userId, name: 'Sample User' })
      expect(await UsersService.getV1Users(userId)).toMatchObject({ id: userId, name: 'Sample User' })
      // Exactly one user creation reached Sensay, the sample's own, with its name.
      expect(h.emu.callsTo('POST', '/v1/users').map((c) => c.body)).toEqual([{ id: userId, name: 'Sample User' }])

      const listed = await ReplicasService.getV1Replicas()
      let uuid: string | undefined = listed.items.find((r: { ownerID?: string }) => r.ownerID === userId)?.uuid
      if (uuid === undefined) {
        ({ uuid } = await ReplicasService.postV1Replicas(undefined, undefined, {
          name: 'Sample Replica', shortDescription: 'A sample', greeting: 'Hello!', ownerID: userId, slug: 'sample-replica', llm: { model: 'gpt-4o' }
        }))
      }
      const chat = await ChatCompletionsService.postV1ReplicasChatCompletions(uuid, undefined, undefined, { content: 'Hi from the sample', source: 'web', skip_chat_history: false })
      expect(chat).toMatchObject({ success: true, content: expect.stringContaining('Hi from the sample') })
      for (const call of h.emu.calls.filter((c) => c.headers['x-user-id'] !== undefined)) expect(call.headers['x-user-id']).toBe(userId)
    } finally {
      sdk.OpenAPI.HEADERS = undefined
    }
  })

  it('another user\'s id is the same 404 as a missing one, and creating someone else is 403 with nothing sent', async () => {
    const { UsersService } = sdk
    h.emu.state.addUser('existing-bob', { name: 'Bob', email: 'bob@example.com' })
    sdk.OpenAPI.TOKEN = await h.token('nosy')
    const other = await refusal(UsersService.getV1Users('existing-bob'))
    const missing = await refusal(UsersService.getV1Users('nobody-at-all'))
    expect(other.status).toBe(404)
    const { request_id: _a, ...otherBody } = other.body
    const { request_id: _b, ...missingBody } = missing.body
    expect(otherBody).toEqual(missingBody)
    h.emu.calls.length = 0
    const create = await refusal(UsersService.postV1Users(undefined, undefined, { id: 'existing-bob', name: 'Mallory' }))
    expect(create.status).toBe(403)
    expect(create.body.details[0]).toMatchObject({ in: 'body', field: 'id' })
    const linked = await refusal(UsersService.postV1Users(undefined, undefined, { linkedAccounts: [{ accountID: '1', accountType: 'discord' }] }))
    expect(linked.status).toBe(400)
    expect(linked.body.details[0]).toMatchObject({ in: 'body', field: 'linkedAccounts' })
    expect(h.emu.callsTo('POST', '/v1/users')).toEqual([])
    expect(h.emu.callsTo('GET', '/v1/users/existing-bob')).toEqual([])
  })
})

describe('Sensay\'s CLI', () => {
  /** `simple-organization-setup`, call for call: user, replica, clean the old entries, upload, wait for training. */
  async function setup (userId: string): Promise<{ uuid: string, ids: number[] }> {
    const { UsersService, ReplicasService, KnowledgeBaseService } = sdk
    try {
      await UsersService.getV1UsersMe()
    } catch {
      await UsersService.postV1Users(undefined, undefined, { name: 'CLI User', email: 'cli@example.com' })
    }
    const replica = { name: 'CLI Replica', shortDescription: 'Set up by the CLI', greeting: 'Hi', ownerID: userId, slug: `cli-${userId}`, llm: { model: 'gpt-4o' } }
    const listed = await ReplicasService.getV1Replicas(undefined, undefined, 1, 1, 100, replica.slug, undefined, undefined, 'name')
    let uuid: string | undefined = listed.items[0]?.uuid
    if (uuid === undefined) ({ uuid } = await ReplicasService.postV1Replicas(undefined, undefined, replica))
    else await ReplicasService.putV1Replicas(uuid, undefined, undefined, replica)
    const old = await KnowledgeBaseService.getV1KnowledgeBase1(undefined, undefined, undefined, undefined, 1, 100)
    for (const entry of old.items.filter((e: { replicaUUID: string }) => e.replicaUUID === uuid)) await KnowledgeBaseService.deleteV1KnowledgeBase(entry.id)
    const text = await KnowledgeBaseService.postV1ReplicasKnowledgeBase(uuid, undefined, undefined, { text: 'The CLI wrote this.', autoRefresh: false })
    const file = await KnowledgeBaseService.postV1ReplicasKnowledgeBase(uuid, undefined, undefined, { filename: 'notes.txt' })
    const upload = await fetch(file.results[0].signedURL, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'Notes.' })
    expect(upload.status).toBe(200)
    const ids = [text.results[0].knowledgeBaseID, file.results[0].knowledgeBaseID]
    // The CLI polls until every new entry is trained.
    for (let attempt = 0; ; attempt++) {
      const page = await KnowledgeBaseService.getV1KnowledgeBase1(undefined, undefined, undefined, undefined, 1, 100)
      const mine = page.items.filter((e: { id: number }) => ids.includes(e.id))
      if (mine.length === ids.length && mine.every((e: { status: string }) => ['READY', 'VECTOR_CREATED'].includes(e.status))) break
      expect(attempt, 'entries trained in time').toBeLessThan(200)
      await sleep(10)
    }
    return { uuid: uuid!, ids }
  }

  it('simple-organization-setup finishes, and a second run leaves one set of entries, not two', async () => {
    const userId = 'cli-user'
    sdk.OpenAPI.TOKEN = await h.token(userId)
    const first = await setup(userId)
    const second = await setup(userId)
    expect(second.uuid).toBe(first.uuid)
    const entries = [...h.emu.state.knowledge.values()].filter((k) => k.replicaUUID === first.uuid).map((k) => k.id)
    expect(entries.sort()).toEqual(second.ids.sort())
  })

  it('list -u, conversations -m and retrain-failed work; another user\'s entries are neither listed nor touched', async () => {
    const { UsersService, KnowledgeBaseService, ConversationsService, ChatCompletionsService } = sdk
    const outsider = h.emu.state.addReplica({ ownerID: 'outsider', name: 'Outsider', slug: 'outsider-cli', private: true })
    const foreign = h.emu.state.addKnowledge({ replicaUUID: outsider.uuid, type: 'text', rawText: 'secret' })
    sdk.OpenAPI.TOKEN = await h.token('cli-two')
    const { uuid, ids } = await setup('cli-two')
    // GET /v1/users/me provisions on first sight (as every route acting as the user does), so
    // the CLI's POST fallback is not needed; list -u reads the user by id.
    expect(await UsersService.getV1Users('cli-two')).toMatchObject({ success: true, id: 'cli-two' })

    await ChatCompletionsService.postV1ReplicasChatCompletions(uuid, undefined, undefined, { content: 'First message' })
    const conversations = await ConversationsService.getV1ReplicasConversations1(uuid)
    const mentions = await ConversationsService.getV1ReplicasConversationsMentions(uuid, conversations.items[0].uuid, 20, undefined, undefined, 3)
    expect(mentions).toMatchObject({ success: true, hasMore: false })
    expect(mentions.items[0].messages.map((m: { content: string }) => m.content)).toContain('First message')

    expect(await KnowledgeBaseService.patchV1KnowledgeBase(ids[0], undefined, undefined, { status: 'NEW' })).toEqual({ success: true })
    expect(h.emu.callsTo('PATCH', `/v1/knowledge-base/${ids[0]}`).map((c) => c.body)).toEqual([{ status: 'NEW' }])
    const otherStatus = await refusal(KnowledgeBaseService.patchV1KnowledgeBase(ids[0], undefined, undefined, { status: 'READY' }))
    expect(otherStatus.status).toBe(400)
    expect(otherStatus.body.details[0]).toMatchObject({ in: 'body', field: 'status' })

    const all = await KnowledgeBaseService.getV1KnowledgeBase1(undefined, undefined, undefined, undefined, 1, 100)
    expect(all.items.map((e: { id: number }) => e.id)).not.toContain(foreign.id)
    expect(all.total).toBe(all.items.length)
    h.emu.calls.length = 0
    expect((await refusal(KnowledgeBaseService.getV1KnowledgeBase(foreign.id))).status).toBe(404)
    expect((await refusal(KnowledgeBaseService.deleteV1KnowledgeBase(foreign.id))).status).toBe(404)
    expect((await refusal(KnowledgeBaseService.patchV1KnowledgeBase(foreign.id, undefined, undefined, { title: 'mine now' }))).status).toBe(404)
    expect(h.emu.calls.filter((c) => c.method !== 'GET')).toEqual([])
    expect(h.emu.state.knowledge.get(foreign.id)?.title).toBeUndefined()
  })
})

describe('a shop back end with a service key', () => {
  it('acts for each customer as that customer: provisioning, chat, history, and only their own powers', async () => {
    const { UsersService, ChatCompletionsService, ChatHistoryService, AnalyticsService } = sdk
    h.emu.state.addUser('shop-owner')
    const replica = h.emu.state.addReplica({ ownerID: 'shop-owner', name: 'Shop Assistant', slug: 'shop-assistant' })
    sdk.OpenAPI.TOKEN = undefined
    let customer = ''
    sdk.OpenAPI.HEADERS = async () => ({ 'X-API-Key': SERVICE_KEY, 'X-USER-ID': customer })
    try {
      for (customer of ['customer-1', 'customer-2']) {
        h.emu.state.users.get(customer) ?? await UsersService.postV1Users(undefined, undefined, { id: customer })
        const again = await refusal(UsersService.postV1Users(undefined, undefined, { id: customer }))
        expect(again.status).toBe(409)
        await ChatCompletionsService.postV1ReplicasChatCompletions(replica.uuid, undefined, undefined, { content: `Where is my order, says ${customer}?` })
        const res = await fetch(`${sdk.OpenAPI.BASE}/v1/replicas/${replica.uuid}/chat/history?limit=20`, { headers: { 'x-api-key': SERVICE_KEY, 'x-user-id': customer } })
        expect(res.status).toBe(200)
        const history = await res.json() as { items: Array<{ content: string, user_uuid: string }> }
        expect(history.items.map((i) => i.user_uuid)).toEqual([customer, customer])
        expect((await ChatHistoryService.getV1ReplicasChatHistoryWeb(replica.uuid)).items).toHaveLength(2)
        // A customer does not own the shop's replica: no organization powers through the key.
        expect((await refusal(AnalyticsService.getV1ReplicasAnalyticsConversationsHistorical(replica.uuid))).status).toBe(403)
      }
      customer = 'shop-owner'
      const analytics = await AnalyticsService.getV1ReplicasAnalyticsConversationsHistorical(replica.uuid)
      expect(analytics.items.at(-1)).toMatchObject({ cumulativeConversations: 2 })
      const chats = h.emu.callsTo('POST', `/v1/replicas/${replica.uuid}/chat/completions`)
      expect(chats.map((c) => c.headers['x-user-id'])).toEqual(['customer-1', 'customer-2'])
      expect(h.logLines().some((l) => l.user === 'service:shop:customer-2')).toBe(true)
    } finally {
      sdk.OpenAPI.HEADERS = undefined
    }
  })
})
