import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIRRORED, type MirroredRoute } from '../../src/routes/mirrored/table.js'
import type { EmuReplica } from '../../src/emulator/state.js'
import { ADMIN_KEY, UNKNOWN_UUID, startHarness, type Harness } from '../helpers/harness.js'

// Every route of the mirrored table, for every kind of caller: the owner, an
// admin key, a user who can see but not own, one who cannot see, and a chat or
// conversation of another replica under the path; each refusal with nothing
// of it sent upstream.

let h: Harness
let pub: EmuReplica
let priv: EmuReplica
let foreign: EmuReplica
type Ids = { chatUUID: string, conversationUUID: string }
const ids = new Map<string, Ids>()

/** A conversation on the replica: a user chatted with it. */
function converse (replica: EmuReplica, userId: string): Ids {
  h.emu.state.addMessage(replica, userId, 'web', 'user', `hello ${replica.name}`)
  const message = h.emu.state.addMessage(replica, userId, 'web', 'assistant', 'hi')
  const conversation = h.emu.state.conversations.get(message.conversationUUID)!
  return { chatUUID: conversation.chatUUID, conversationUUID: conversation.uuid }
}

const BODIES: Record<string, unknown> = {
  'POST /v1/replicas/{replicaUUID}/chat/history': { content: 'saved', source: 'web' },
  'POST /v1/experimental/replicas/{replicaUUID}/chat/completions': { messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }], store: true },
  'PATCH /v1/replicas/{replicaUUID}/conversations/{conversationUUID}': { summary: 'a summary', commonTopics: ['weather'] },
  'POST /v1/replicas/{replicaUUID}/integrations/telegram': { telegram_token: '123:abc', mention: '@bot' }
}

function request (route: MirroredRoute, replica: EmuReplica, pair: Ids = ids.get(replica.uuid)!) {
  const url = route.path.replace('{replicaUUID}', replica.uuid).replace('{chatUUID}', pair.chatUUID).replace('{conversationUUID}', pair.conversationUUID)
  const body = BODIES[`${route.method} ${route.path}`]
  return { method: route.method, url, ...(body === undefined ? {} : { payload: body as object }) }
}

/** The calls upstream to the route's own path (pair proofs read elsewhere). */
const reached = (route: MirroredRoute, url: string) => h.emu.callsTo(route.method, url)

beforeAll(async () => {
  h = await startHarness()
  for (const user of ['olive', 'nick']) h.emu.state.addUser(user)
  pub = h.emu.state.addReplica({ ownerID: 'olive', name: 'Public', slug: 'mirror-public' })
  priv = h.emu.state.addReplica({ ownerID: 'olive', name: 'Private', slug: 'mirror-private', private: true })
  foreign = h.emu.state.addReplica({ ownerID: 'nick', name: 'Foreign', slug: 'mirror-foreign', private: true })
  for (const replica of [pub, priv, foreign]) ids.set(replica.uuid, converse(replica, replica === foreign ? 'nick' : 'olive'))
})
afterAll(async () => h.close())

const admin = { 'x-api-key': ADMIN_KEY }
const replicaRoutes = MIRRORED.filter((r) => r.path.includes('{replicaUUID}'))

describe('the mirrored table, route by route', () => {
  for (const route of replicaRoutes) {
    describe(`${route.method} ${route.path} (${route.policy})`, () => {
      it('answers the replica\'s owner (the user, for user routes) from Sensay', async () => {
        const req = request(route, pub)
        const res = await h.app.inject({ ...req, headers: await h.as('olive') })
        expect(res.statusCode, res.body).toBeLessThan(300)
        expect(res.json().success ?? true).not.toBe(false)
        expect(reached(route, req.url).at(-1)?.headers['x-user-id']).toBe('olive')
      })

      it(route.policy === 'owner' ? 'answers an admin key, for the organization' : 'refuses an admin key (it has no user): 403, nothing sent', async () => {
        const req = request(route, priv)
        const before = reached(route, req.url).length
        const res = await h.app.inject({ ...req, headers: admin })
        if (route.policy === 'owner') {
          expect(res.statusCode, res.body).toBeLessThan(300)
          expect(reached(route, req.url).at(-1)?.headers['x-user-id']).toBeUndefined()
        } else {
          expect(res.statusCode).toBe(403)
          expect(reached(route, req.url)).toHaveLength(before)
        }
      })

      it(route.policy === 'owner' ? 'refuses a user who sees but does not own the replica: 403, nothing sent' : 'answers a user who can see the replica, as themselves', async () => {
        const req = request(route, pub)
        const before = reached(route, req.url).length
        const res = await h.app.inject({ ...req, headers: await h.as('nick') })
        if (route.policy === 'owner') {
          expect(res.statusCode).toBe(403)
          expect(res.json().error_code).toBe('FORBIDDEN')
          expect(reached(route, req.url)).toHaveLength(before)
        } else {
          expect(res.statusCode, res.body).toBeLessThan(300)
          expect(reached(route, req.url).at(-1)?.headers['x-user-id']).toBe('nick')
        }
      })

      it('a private replica of someone else is the same 404 as one that does not exist, nothing sent', async () => {
        const req = request(route, priv)
        const before = reached(route, req.url).length
        const hidden = await h.app.inject({ ...req, headers: await h.as('nick') })
        const missing = await h.app.inject({ ...req, url: req.url.replace(priv.uuid, UNKNOWN_UUID), headers: await h.as('nick') })
        expect(hidden.statusCode).toBe(404)
        const { request_id: _a, ...a } = hidden.json()
        const { request_id: _b, ...b } = missing.json()
        expect(a).toEqual(b)
        expect(reached(route, req.url)).toHaveLength(before)
      })

      if (route.pair !== undefined || route.itemsName !== undefined) {
        it('another replica\'s chat or conversation under this replica\'s path is a 404, even from an upstream that does not check', async () => {
          h.emu.options.checksPairs = false
          try {
            const req = request(route, pub, ids.get(foreign.uuid))
            const res = await h.app.inject({ ...req, headers: await h.as('olive') })
            expect(res.statusCode, res.body).toBe(404)
            if (route.method !== 'GET') expect(reached(route, req.url)).toHaveLength(0)
          } finally {
            h.emu.options.checksPairs = true
          }
          const conversation = h.emu.state.conversations.get(ids.get(foreign.uuid)!.conversationUUID)!
          expect(conversation.summary).toBeUndefined()
        })
      }
    })
  }

  it('the owner\'s conversation summary is written; the BFF sends only validated fields, with source web', async () => {
    const conversation = h.emu.state.conversations.get(ids.get(pub.uuid)!.conversationUUID)!
    expect(conversation.summary).toBe('a summary')
    const [saved] = h.emu.callsTo('POST', `/v1/replicas/${pub.uuid}/chat/history`)
    expect(saved?.body).toEqual({ content: 'saved', source: 'web' })
    const [chat] = h.emu.callsTo('POST', `/v1/experimental/replicas/${pub.uuid}/chat/completions`)
    expect(chat?.body).toEqual({ messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }], store: true, source: 'web' })
  })
})

describe('what only the organization may send', () => {
  it('integration data and another source are 400 naming the field, nothing sent', async () => {
    h.emu.calls.length = 0
    const cases = [
      { url: `/v1/replicas/${pub.uuid}/chat/history`, payload: { content: 'x', source: 'telegram' }, field: 'source' },
      { url: `/v1/replicas/${pub.uuid}/chat/history`, payload: { content: 'x', discord_data: { channel_id: '1', channel_name: 'c', author_id: 'a', author_name: 'n', message_id: 'm' } }, field: 'discord_data' },
      { url: `/v1/experimental/replicas/${pub.uuid}/chat/completions`, payload: { messages: [{ role: 'user', content: 'x' }], source: 'discord' }, field: 'source' },
      { url: `/v1/experimental/replicas/${pub.uuid}/chat/completions`, payload: { messages: [{ role: 'user', content: 'x' }], discord_data: {} }, field: 'discord_data' }
    ]
    for (const { url, payload, field } of cases) {
      const res = await h.app.inject({ method: 'POST', url, payload, headers: await h.as('nick') })
      expect(res.statusCode, `${url} ${field}`).toBe(400)
      expect(res.json().details[0]).toMatchObject({ in: 'body', field })
    }
    expect(h.emu.calls.filter((c) => c.method === 'POST')).toEqual([])
  })

  it('the experimental chat is a chat: the chat rate limit applies', async () => {
    const res = await h.app.inject({ method: 'POST', url: `/v1/experimental/replicas/${pub.uuid}/chat/completions`, payload: { messages: [{ role: 'user', content: 'x' }] }, headers: await h.as('nick') })
    expect(res.statusCode).toBe(200)
    expect(res.headers['ratelimit-policy']).toContain('"chat"')
    expect(res.json()).toMatchObject({ object: 'chat.completion', choices: [{ message: { role: 'assistant' } }] })
  })

  it('file types answer any identity, the organization included', async () => {
    for (const headers of [admin, await h.as('nick')]) {
      const res = await h.app.inject({ method: 'GET', url: '/v1/knowledge-base/file-types', headers })
      expect(res.statusCode).toBe(200)
      expect(res.json().mediaGroups.length).toBeGreaterThan(0)
    }
  })
})
