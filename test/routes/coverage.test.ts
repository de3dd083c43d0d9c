import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NOT_OFFERED } from '../../src/routes/mirrored/table.js'
import { sensayOperations } from '../../src/schemas/sensay-spec.js'
import { startHarness, type Harness } from '../helpers/harness.js'

// Every operation in Sensay's document is either mirrored (a route of the same
// method and path) or listed as not offered, answered with a 404 that names it
// and a README row saying why: a new Sensay route cannot slip by unnoticed.

let h: Harness
beforeAll(async () => { h = await startHarness() })
afterAll(async () => h.close())

const fastifyPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1')
const key = (op: { method: string, path: string }) => `${op.method} ${op.path}`
const refused = new Set(NOT_OFFERED.map(key))
const SAMPLE: Record<string, string> = { replicaUUID: '5b0e2f3c-8a41-4d8e-9b8e-1f2a3b4c5d6e', code: 'INVITE123' }

describe('Sensay\'s operations, each mirrored or refused', () => {
  const operations = sensayOperations()

  it('the document has the operations this list was made from', () => {
    expect(operations.length).toBeGreaterThanOrEqual(53)
    for (const op of NOT_OFFERED) expect(operations.map(key), `${key(op)} is one of Sensay's`).toContain(key(op))
  })

  for (const op of operations) {
    if (refused.has(key(op))) {
      it(`${key(op)}: not offered, a 404 naming it, nothing sent, a README row saying why`, async () => {
        const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name] ?? 'x')
        h.emu.calls.length = 0
        const res = await h.app.inject({ method: op.method as 'GET', url, headers: await h.as('coverage-user'), ...(op.method === 'GET' ? {} : { payload: {} }) })
        expect(res.statusCode).toBe(404)
        expect(res.json()).toMatchObject({ error_code: 'NOT_FOUND', error: expect.stringContaining(`${key(op)} is not offered`) })
        expect(h.emu.calls.filter((c) => c.path !== '/v1/users')).toEqual([])
        expect(readFileSync('README.md', 'utf8')).toContain(`| \`${key(op)}\` |`)
      })
    } else {
      it(`${key(op)}: mirrored`, () => {
        expect(h.app.hasRoute({ method: op.method as 'GET', url: fastifyPath(op.path) })).toBe(true)
      })
    }
  }

  it('refused operations need an identity first, like every /v1 route', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/api-keys/invites/ABC/redeem', payload: {} })
    expect(res.statusCode).toBe(401)
  })
})
