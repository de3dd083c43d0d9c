import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../helpers/harness.js'
import { refusal as refusalOf, sensaySdk } from '../helpers/sensay-sdk.js'

// Sensay's own SDK, generated from Sensay's OpenAPI document by the global
// setup (openapi-typescript-codegen, as Sensay's CLI does it), pointed at the
// BFF by changing only the base URL and the credential: the getting-started
// flow runs unchanged, and what must be refused still is, with nothing sent.

let sdk: any
let h: Harness

beforeAll(async () => {
  h = await startHarness({ emulator: { streamChunkDelayMs: 0 } })
  h.emu.state.addUser('bob')
  sdk = await sensaySdk(await h.app.listen({ host: '127.0.0.1', port: 0 }))
  sdk.OpenAPI.TOKEN = await h.token('sdk-alice')
})
afterAll(async () => h.close())

const refusal = (call: Promise<unknown>) => refusalOf(sdk, call)

describe('Sensay\'s generated SDK against the BFF', () => {
  it('runs the getting-started flow unchanged', async () => {
    const { UsersService, ReplicasService, ChatCompletionsService, ChatHistoryService, KnowledgeBaseService, ConversationsService } = sdk

    const me = await UsersService.getV1UsersMe()
    expect(me).toMatchObject({ success: true, id: 'sdk-alice' })
    expect(await UsersService.putV1UsersMe(undefined, undefined, { id: 'sdk-alice', name: 'Alice SDK' })).toMatchObject({ name: 'Alice SDK' })

    // Listing: the generated client always sends page_index=1, page_size=24 and sort=name.
    const before = await ReplicasService.getV1Replicas()
    expect(before.success).toBe(true)

    // As Sensay's getting-started guide writes it: ownerID, and an `llm.provider` Sensay ignores.
    const created = await ReplicasService.postV1Replicas(undefined, undefined, {
      name: 'My Replica',
      shortDescription: 'A helpful assistant',
      greeting: 'Hi there! How can I help you today?',
      ownerID: 'sdk-alice',
      private: false,
      slug: 'sdk-replica',
      llm: { provider: 'openai', model: 'gpt-4o' }
    })
    expect(created).toMatchObject({ success: true, uuid: expect.any(String) })
    const uuid: string = created.uuid
    const [createCall] = h.emu.callsTo('POST', '/v1/replicas')
    expect(createCall?.body).toMatchObject({ ownerID: 'sdk-alice', llm: { model: 'gpt-4o' } })
    expect((createCall?.body as { llm: object }).llm).not.toHaveProperty('provider')

    const listed = await ReplicasService.getV1Replicas(undefined, 'sdk-alice')
    expect(listed.items.map((r: { uuid: string }) => r.uuid)).toContain(uuid)

    const replica = await ReplicasService.getV1Replicas1(uuid)
    expect(replica).toMatchObject({ uuid, name: 'My Replica', ownerID: 'sdk-alice' })

    // The generated type requires ownerID on PUT.
    const replaced = await ReplicasService.putV1Replicas(uuid, undefined, undefined, {
      name: 'My Replica v2', shortDescription: 'A helpful assistant', greeting: 'Hello again', ownerID: 'sdk-alice', slug: 'sdk-replica', llm: { model: 'gpt-4o' }
    })
    expect(replaced).toEqual({ success: true })

    // As Sensay's CLI sends it: source web.
    const chat = await ChatCompletionsService.postV1ReplicasChatCompletions(uuid, undefined, undefined, { content: 'Hello from the SDK', source: 'web' })
    expect(chat).toMatchObject({ success: true, content: expect.stringContaining('Hello from the SDK') })

    const history = await ChatHistoryService.getV1ReplicasChatHistory(uuid)
    expect(history.items.map((i: { content: string }) => i.content)).toContain('Hello from the SDK')

    const added = await KnowledgeBaseService.postV1ReplicasKnowledgeBase(uuid, undefined, undefined, { title: 'Facts', text: 'The sky is blue.' })
    const id: number = added.results[0].knowledgeBaseID
    expect(id).toBeGreaterThan(0)
    expect(await KnowledgeBaseService.getV1ReplicasKnowledgeBase1(id, uuid)).toMatchObject({ id, type: 'text' })
    const entries = await KnowledgeBaseService.getV1ReplicasKnowledgeBase(uuid)
    expect(entries.items.map((e: { id: number }) => e.id)).toContain(id)

    const conversations = await ConversationsService.getV1ReplicasConversations1(uuid)
    expect(conversations.items.length).toBeGreaterThan(0)
    const messages = await ConversationsService.getV1ReplicasConversationsMessages(uuid, conversations.items[0].uuid)
    expect(messages.items.map((m: { content: string }) => m.content)).toContain('Hello from the SDK')

    expect(await KnowledgeBaseService.deleteV1ReplicasKnowledgeBase(id, uuid)).toMatchObject({ success: true })
    expect(await ReplicasService.deleteV1Replicas(uuid)).toEqual({ success: true })
    expect(h.emu.state.replicas.has(uuid)).toBe(false)
  })

  it('still refuses what asks for more, and sends none of it upstream', async () => {
    const { ReplicasService, ChatCompletionsService, KnowledgeBaseService } = sdk
    const bobs = h.emu.state.addReplica({ ownerID: 'bob', name: 'Bob', slug: 'bob-sdk' })
    const mine = h.emu.state.addReplica({ ownerID: 'sdk-alice', name: 'Mine', slug: 'mine-sdk' })
    h.emu.calls.length = 0

    const body = { name: 'Stolen', shortDescription: 's', greeting: 'g', ownerID: 'bob', slug: 'stolen', llm: { model: 'gpt-4o' } }
    const otherOwner = await refusal(ReplicasService.postV1Replicas(undefined, undefined, body))
    expect(otherOwner.status).toBe(403)
    expect(otherOwner.body.details[0]).toMatchObject({ in: 'body', field: 'ownerID' })
    const takeOver = await refusal(ReplicasService.putV1Replicas(bobs.uuid, undefined, undefined, { ...body, ownerID: 'sdk-alice' }))
    expect(takeOver.status).toBe(403)

    const otherSource = await refusal(ChatCompletionsService.postV1ReplicasChatCompletions(mine.uuid, undefined, undefined, { content: 'hi', source: 'telegram' }))
    expect(otherSource.status).toBe(400)
    expect(otherSource.body.details[0]).toMatchObject({ in: 'body', field: 'source' })

    const quota = await refusal(ChatCompletionsService.postV1ReplicasChatCompletions(mine.uuid, undefined, undefined, { content: 'hi', usageLimits: { conversations: { monthlyQuota: 1e9 } } }))
    expect(quota.status).toBe(400)
    expect(quota.body.details[0]).toMatchObject({ in: 'body', field: 'usageLimits' })
    const kbQuota = await refusal(KnowledgeBaseService.postV1ReplicasKnowledgeBase(mine.uuid, undefined, undefined, { text: 'x', usageLimits: { knowledgeBaseEntries: { totalUserQuota: 1e9 } } }))
    expect(kbQuota.status).toBe(400)

    const reachedUpstream = h.emu.calls.filter((c) => c.method !== 'GET')
    expect(reachedUpstream).toEqual([])
    expect(h.emu.state.replicas.get(bobs.uuid)?.name).toBe('Bob')
  })
})
