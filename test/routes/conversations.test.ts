import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_KEY, startHarness, UNKNOWN_UUID, type Harness } from '../helpers/harness.js'
import type { EmuReplica } from '../../src/emulator/state.js'

let h: Harness
let replica: EmuReplica
const conversations = () => `/v1/replicas/${replica.uuid}/conversations`

beforeAll(async () => {
  h = await startHarness()
  h.emu.state.addUser('paul')
  replica = h.emu.state.addReplica({ ownerID: 'paul', name: 'Paul Bot' })
  await h.app.inject({ method: 'POST', url: `/v1/replicas/${replica.uuid}/chat/completions`, headers: await h.as('quinn'), payload: { content: 'Hi Paul' } })
})
afterAll(async () => h.close())
beforeEach(() => { h.emu.calls.length = 0 })

describe('conversations', () => {
  it('lets the owner list conversations and read messages', async () => {
    const headers = await h.as('paul')
    const list = await h.app.inject({ method: 'GET', url: `${conversations()}?page=1&pageSize=10&sortBy=firstMessageAt&sortOrder=asc`, headers })
    expect(list.statusCode).toBe(200)
    const body = list.json()
    expect(body.total).toBe(1)
    expect(body.items[0]).toMatchObject({ source: 'web', messageCount: 2, replicaReplyCount: 1, conversationType: 'individual' })
    const messages = await h.app.inject({ method: 'GET', url: `${conversations()}/${body.items[0].uuid}/messages?limit=10`, headers })
    expect(messages.statusCode).toBe(200)
    expect(messages.json().items.map((m: { content: string }) => m.content)[0]).toBe('Hi Paul')
  })

  it('answers 403 to a non-owner and sends nothing', async () => {
    const headers = await h.as('quinn')
    const list = await h.app.inject({ method: 'GET', url: conversations(), headers })
    expect(list.statusCode).toBe(403)
    const messages = await h.app.inject({ method: 'GET', url: `${conversations()}/${UNKNOWN_UUID}/messages`, headers })
    expect(messages.statusCode).toBe(403)
    expect(h.emu.calls.filter((c) => c.path.includes('/conversations'))).toHaveLength(0)
  })

  it('lets an admin list conversations', async () => {
    const res = await h.app.inject({ method: 'GET', url: conversations(), headers: { 'x-api-key': ADMIN_KEY } })
    expect(res.statusCode).toBe(200)
    expect(res.json().total).toBe(1)
  })

  it('validates the conversation id and query', async () => {
    const headers = await h.as('paul')
    const bad = await h.app.inject({ method: 'GET', url: `${conversations()}/nope/messages`, headers })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().details[0]).toMatchObject({ in: 'path', field: 'conversationUUID' })
    const badQuery = await h.app.inject({ method: 'GET', url: `${conversations()}?pageSize=1000`, headers })
    expect(badQuery.statusCode).toBe(400)
    expect(badQuery.json().details[0]).toMatchObject({ in: 'query', field: 'pageSize' })
    expect(h.emu.calls.filter((c) => c.path.includes('/conversations'))).toHaveLength(0)
  })
})

describe('conversation and replica pairs, against an upstream that does not check them', () => {
  it('another replica\'s conversation, asked for under your replica, is a 404 and shows none of its messages', async () => {
    h.emu.state.addUser('rival')
    const theirs = h.emu.state.addReplica({ ownerID: 'rival', name: 'Rival Bot' })
    h.emu.state.addMessage(theirs, 'rival', 'web', 'user', 'their private words')
    const conversationUUID = [...h.emu.state.conversations.values()].find((c) => c.replicaUUID === theirs.uuid)!.uuid
    h.emu.options.checksPairs = false
    try {
      const res = await h.app.inject({ method: 'GET', url: `${conversations()}/${conversationUUID}/messages`, headers: await h.as('paul') })
      expect(res.statusCode).toBe(404)
      expect(res.json()).toMatchObject({ error_code: 'NOT_FOUND', error: 'Conversation not found.' })
      expect(res.body).not.toContain('their private words')
    } finally {
      h.emu.options.checksPairs = true
    }
  })
})
