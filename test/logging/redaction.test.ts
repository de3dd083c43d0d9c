import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { ADMIN_KEY, JWT_SECRET, SECRET, startHarness, USER_KEY, type Harness } from '../helpers/harness.js'

let h: Harness

beforeAll(async () => { h = await startHarness() })
afterAll(async () => h.close())

describe('logs', () => {
  it('carry one line per request and never a secret, token or key, across every route', async () => {
    const base = await h.app.listen({ host: '127.0.0.1', port: 0 })
    const token = await h.token('logan', { email: 'logan@example.com', email_verified: true })
    const bearer = { authorization: `Bearer ${token}` }
    const secrets = [SECRET, JWT_SECRET, ADMIN_KEY, USER_KEY, token, token.split('.')[2]!]
    h.logs.length = 0

    const send = async (method: string, url: string, headers: Record<string, string> = bearer, payload?: unknown) =>
      h.app.inject({ method: method as 'GET', url, headers: { ...headers, cookie: 'sid=cookie-value-123' }, payload: payload as string })
    const created = await send('POST', '/v1/replicas', bearer, { name: 'Log Bot', shortDescription: 's', greeting: 'g', slug: 'log-bot', llm: {} })
    const uuid = created.json().uuid as string
    const kbCreated = await send('POST', `/v1/replicas/${uuid}/knowledge-base`, bearer, { text: 'facts' })
    const kbId = kbCreated.json().results[0].knowledgeBaseID as number
    const requests: Array<[string, string, Record<string, string>?, unknown?]> = [
      ['GET', '/v1/users/me'],
      ['PUT', '/v1/users/me', bearer, { name: 'Logan' }],
      ['GET', '/v1/users/me/usage'],
      ['GET', '/v1/replicas'],
      ['GET', `/v1/replicas/${uuid}`],
      ['PUT', `/v1/replicas/${uuid}`, bearer, { name: 'Log Bot 2', shortDescription: 's', greeting: 'g', slug: 'log-bot', llm: {} }],
      ['POST', `/v1/replicas/${uuid}/chat/completions`, bearer, { content: 'hello' }],
      ['GET', `/v1/replicas/${uuid}/chat/history`],
      ['GET', `/v1/replicas/${uuid}/knowledge-base`],
      ['GET', `/v1/replicas/${uuid}/knowledge-base/${kbId}`],
      ['PATCH', `/v1/replicas/${uuid}/knowledge-base/${kbId}`, bearer, { title: 'T' }],
      ['DELETE', `/v1/replicas/${uuid}/knowledge-base/${kbId}`],
      ['GET', `/v1/replicas/${uuid}/conversations`],
      ['GET', `/v1/replicas/${uuid}/conversations/00000000-0000-4000-8000-000000000000/messages`],
      ['GET', '/v1/replicas', { 'x-api-key': ADMIN_KEY }],
      ['GET', '/v1/users/me', { 'x-api-key': USER_KEY }],
      ['GET', '/v1/replicas', { 'x-api-key': `${ADMIN_KEY}-wrong` }],
      ['GET', '/v1/replicas', { authorization: `Bearer ${token}x` }],
      ['POST', '/v1/replicas', bearer, { ownerID: 'x' }],
      ['GET', '/healthz'],
      ['GET', '/readyz'],
      ['GET', '/openapi.json'],
      ['DELETE', `/v1/replicas/${uuid}`],
      ['DELETE', '/v1/users/me']
    ]
    for (const [method, url, headers, payload] of requests) await send(method, url, headers, payload)
    // A streamed chat over a real socket, and a 5xx with a cause.
    const replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Streamer' })
    const streamed = await request(`${base}/v1/replicas/${replica.uuid}/chat/completions`, { method: 'POST', headers: { ...bearer, accept: 'text/event-stream', 'content-type': 'application/json' }, body: '{"content":"hi"}' })
    await streamed.body.text()
    h.emu.faults.push({ path: `/v1/replicas/${replica.uuid}`, status: 500 })
    await send('GET', `/v1/replicas/${replica.uuid}`)
    h.app.log.error({ err: new Error(`upstream said ${SECRET}`) }, 'an error quoting the secret')

    const total = requests.length + 2 + 1 + 1
    const requestLines = h.logLines().filter((l) => l.msg === 'request' || l.msg === 'request failed')
    expect(requestLines).toHaveLength(total)
    for (const line of requestLines) {
      expect(line).toEqual(expect.objectContaining({ reqId: expect.any(String), method: expect.any(String), route: expect.any(String), status: expect.any(Number), ms: expect.any(Number) }))
    }
    expect(requestLines.find((l) => l.route === '/v1/replicas/:replicaUUID/chat/completions')).toMatchObject({ user: 'jwt:logan', ip: '127.0.0.1', upstreamStatus: 200, upstreamRequestId: expect.stringMatching(/^emu::/) })
    expect(requestLines.find((l) => l.status === 502)).toMatchObject({ msg: 'request failed', err: expect.anything() })

    const text = h.logs.join('\n')
    for (const secret of secrets) expect(text).not.toContain(secret)
    expect(text).not.toContain('cookie-value-123')
    expect(text).toContain('[REDACTED]')
  })
})
