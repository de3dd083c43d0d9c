import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_KEY, USER_KEY, startHarness, type Harness } from '../helpers/harness.js'

let h: Harness

beforeAll(async () => { h = await startHarness() })
afterAll(async () => h.close())

describe('the request line says who acted, and how', () => {
  it('a JWT whose sub looks like an admin key does not log like one', async () => {
    const lines = async (headers: Record<string, string>) => {
      const res = await h.app.inject({ method: 'GET', url: '/v1/replicas', headers })
      return h.logLines().find((l) => l.reqId === res.headers['x-request-id'])
    }
    expect(await lines(await h.as('admin:ops'))).toMatchObject({ user: 'jwt:admin:ops' })
    expect(await lines({ 'x-api-key': ADMIN_KEY })).toMatchObject({ user: 'admin-key:ops' })
    expect(await lines({ 'x-api-key': USER_KEY })).toMatchObject({ user: 'api-key:carol' })
  })
})
