import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN_KEY, startHarness, USER_KEY, type Harness } from '../helpers/harness.js'

let h: Harness

beforeAll(async () => { h = await startHarness() })
afterAll(async () => h.close())
beforeEach(() => { h.emu.calls.length = 0 })

describe('/v1/users/me', () => {
  it('provisions the user on first sight, then reads as that user', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: await h.as('gina') })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ success: true, id: 'gina' })
    expect(h.emu.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /v1/users', 'GET /v1/users/me'])
    expect(h.emu.calls[0]?.body).toEqual({ id: 'gina' })
    expect(h.emu.calls[1]?.headers['x-user-id']).toBe('gina')
  })

  it('provisions once per user, even for concurrent first requests', async () => {
    const headers = await h.as('hank')
    const results = await Promise.all(Array.from({ length: 8 }, () => h.app.inject({ method: 'GET', url: '/v1/users/me', headers })))
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(200))
    await h.app.inject({ method: 'GET', url: '/v1/users/me', headers })
    expect(h.emu.callsTo('POST', '/v1/users')).toHaveLength(1)
  })

  it('treats 409 on provisioning as "already exists"', async () => {
    h.emu.state.addUser('ivy', { name: 'Ivy' })
    const res = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: await h.as('ivy') })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: 'ivy', name: 'Ivy' })
  })

  it('does not remember a failed provisioning', async () => {
    h.emu.faults.push({ method: 'POST', path: '/v1/users', status: 500 })
    const headers = await h.as('jack')
    const first = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers })
    expect(first.statusCode).toBe(502)
    const second = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers })
    expect(second.statusCode).toBe(200)
    expect(h.emu.callsTo('POST', '/v1/users')).toHaveLength(2)
  })

  it('updates name and email only, with the session user\'s id', async () => {
    const res = await h.app.inject({ method: 'PUT', url: '/v1/users/me', headers: await h.as('gina'), payload: { name: 'Gina G', email: 'gina@example.com' } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: 'gina', name: 'Gina G', email: 'gina@example.com' })
    expect(h.emu.callsTo('PUT', '/v1/users/me')[0]?.body).toEqual({ id: 'gina', name: 'Gina G', email: 'gina@example.com' })
  })

  it('accepts its own id in a PUT body (Sensay requires it), refuses another\'s with 403', async () => {
    const own = await h.app.inject({ method: 'PUT', url: '/v1/users/me', headers: await h.as('gina'), payload: { id: 'gina', name: 'Gina' } })
    expect(own.statusCode).toBe(200)
    const other = await h.app.inject({ method: 'PUT', url: '/v1/users/me', headers: await h.as('gina'), payload: { id: 'bob', name: 'x' } })
    expect(other.statusCode).toBe(403)
    expect(other.json().details[0]).toMatchObject({ in: 'body', field: 'id' })
    expect(h.emu.callsTo('PUT', '/v1/users/me').map((c) => (c.body as { id: string }).id)).toEqual(['gina'])
  })

  it('refuses linkedAccounts (integration data) in a PUT body, naming it', async () => {
    const res = await h.app.inject({ method: 'PUT', url: '/v1/users/me', headers: await h.as('gina'), payload: { name: 'x', linkedAccounts: [{ accountID: '1', accountType: 'discord' }] } })
    expect(res.statusCode).toBe(400)
    expect(res.json().details[0]).toMatchObject({ field: 'linkedAccounts', message: 'is not accepted' })
    expect(h.emu.callsTo('PUT', '/v1/users/me')).toHaveLength(0)
  })

  it('deletes the user, and provisions again on the next request', async () => {
    const headers = await h.as('kate')
    await h.app.inject({ method: 'GET', url: '/v1/users/me', headers })
    const res = await h.app.inject({ method: 'DELETE', url: '/v1/users/me', headers })
    expect(res.statusCode).toBe(204)
    expect(res.body).toBe('')
    expect(h.emu.state.users.has('kate')).toBe(false)
    const again = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers })
    expect(again.statusCode).toBe(200)
    expect(h.emu.callsTo('POST', '/v1/users')).toHaveLength(2)
  })

  it('reports usage for the session user', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/users/me/usage', headers: await h.as('gina') })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ success: true, conversations: { currentMonthTotal: 0 }, knowledgeBaseEntries: { total: 0 } })
  })

  it('acts as a user API key\'s userId', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: { 'x-api-key': USER_KEY } })
    expect(res.statusCode).toBe(200)
    expect(res.json().id).toBe('carol')
  })

  it.each(['/v1/users/me', '/v1/users/me/usage'])('answers 403 to an admin key on %s', async (url) => {
    const res = await h.app.inject({ method: 'GET', url, headers: { 'x-api-key': ADMIN_KEY } })
    expect(res.statusCode).toBe(403)
    expect(res.json()).toMatchObject({ error_code: 'FORBIDDEN' })
    expect(h.emu.calls).toHaveLength(0)
  })
})

describe('user bootstrap: GET /v1/users/:userID and POST /v1/users', () => {
  it('a caller whose first request is POST /v1/users is created with their name and email, once; later requests do not provision again', async () => {
    const headers = await h.as('nora')
    const created = await h.app.inject({ method: 'POST', url: '/v1/users', headers, payload: { name: 'Nora N', email: 'nora@example.com' } })
    expect(created.statusCode).toBe(200)
    expect(created.json()).toMatchObject({ success: true, id: 'nora', name: 'Nora N', email: 'nora@example.com' })
    await h.app.inject({ method: 'GET', url: '/v1/users/me', headers })
    expect(h.emu.callsTo('POST', '/v1/users').map((c) => c.body)).toEqual([{ id: 'nora', name: 'Nora N', email: 'nora@example.com' }])
    const again = await h.app.inject({ method: 'POST', url: '/v1/users', headers, payload: { id: 'nora', name: 'Nora N' } })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ error_code: 'USER_ALREADY_EXISTS' })
  })

  it('GET of your own id answers 404 until Sensay knows you, without provisioning; then your user', async () => {
    const headers = await h.as('otto')
    expect((await h.app.inject({ method: 'GET', url: '/v1/users/otto', headers })).statusCode).toBe(404)
    expect(h.emu.callsTo('POST', '/v1/users')).toEqual([])
    await h.app.inject({ method: 'GET', url: '/v1/users/me', headers })
    const res = await h.app.inject({ method: 'GET', url: '/v1/users/otto', headers })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ success: true, id: 'otto', linkedAccounts: [] })
  })

  it('an admin key reads any user and creates as Sensay does (linkedAccounts included)', async () => {
    const admin = { 'x-api-key': ADMIN_KEY }
    const created = await h.app.inject({ method: 'POST', url: '/v1/users', headers: admin, payload: { id: 'made-by-ops', linkedAccounts: [{ accountID: '42', accountType: 'discord' }] } })
    expect(created.statusCode).toBe(200)
    expect(h.emu.callsTo('POST', '/v1/users')[0]?.body).toEqual({ id: 'made-by-ops', linkedAccounts: [{ accountID: '42', accountType: 'discord' }] })
    const read = await h.app.inject({ method: 'GET', url: '/v1/users/made-by-ops', headers: admin })
    expect(read.json()).toMatchObject({ id: 'made-by-ops', linkedAccounts: [{ accountID: '42', accountType: 'discord' }] })
  })

  it('a user id a header cannot carry is a 400, nothing sent', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/users/${encodeURIComponent(' spaced')}`, headers: await h.as('pat') })
    expect(res.statusCode).toBe(400)
    expect(res.json().details[0]).toMatchObject({ in: 'path', field: 'userID' })
    expect(h.emu.calls.filter((c) => c.path.startsWith('/v1/users/'))).toEqual([])
  })
})
