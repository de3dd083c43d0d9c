import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config/load-config.js'
import { createBffClient, BffError } from '../../packages/client/src/index.js'
// @ts-expect-error: a plain .mjs script, no types
import { generateSchema } from '../../packages/client/scripts/schema.mjs'
import { startHarness, UNKNOWN_UUID, type Harness } from '../helpers/harness.js'
import type { EmuReplica } from '../../src/emulator/state.js'

// packages/client: the typed client frontend teams use, against the BFF on a real socket.

let h: Harness
let base: string
let replica: EmuReplica

beforeAll(async () => {
  // The schema test below blocks the loop for a while (openapi-typescript): no 503 OVERLOADED after it.
  h = await startHarness({ emulator: { streamChunkDelayMs: 1 }, config: { maxEventLoopDelayMs: 0 } })
  h.emu.state.addUser('bob')
  replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Ada', shortDescription: 'A friendly replica' })
  base = await h.app.listen({ host: '127.0.0.1', port: 0 })
})
afterAll(async () => h.close())

describe('@sensay-bff/client', () => {
  it('has types generated from the BFF\'s current OpenAPI document (npm run generate -w @sensay-bff/client when this fails)', async () => {
    const fresh = await generateSchema({ buildApp, loadConfig }) as string
    expect(fresh === readFileSync('packages/client/src/schema.ts', 'utf8'), 'packages/client/src/schema.ts is stale: npm run build && npm run generate -w @sensay-bff/client').toBe(true)
  })

  it('builds, and the playground compiles against it', () => {
    for (const project of ['packages/client/tsconfig.json', 'web/tsconfig.json']) {
      const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', project, '--noEmit'], { encoding: 'utf8' })
      expect(tsc.status, `${project}: ${tsc.stdout}${tsc.stderr}`).toBe(0)
    }
  }, 60_000)

  it('calls the REST API typed, with a bearer token', async () => {
    const client = createBffClient({ baseUrl: base, token: await h.token('alice') })
    const { data, error } = await client.GET('/v1/replicas/{replicaUUID}', { params: { path: { replicaUUID: replica.uuid } } })
    expect(error).toBeUndefined()
    expect(data).toMatchObject({ uuid: replica.uuid, name: 'Ada' })
    const missing = await client.GET('/v1/replicas/{replicaUUID}', { params: { path: { replicaUUID: UNKNOWN_UUID } } })
    expect(missing.response.status).toBe(404)
    expect(missing.error).toMatchObject({ error_code: 'NOT_FOUND', request_id: expect.any(String) })
  })

  it('streams a chat answer as it arrives; the whole equals Sensay\'s answer', async () => {
    const client = createBffClient({ baseUrl: base, token: () => 'dev-never-used' })
    const token = await h.token('alice')
    const typed = createBffClient({ baseUrl: base, token })
    const pieces: string[] = []
    const answer = await typed.streamChat(replica.uuid, 'Hello there', { onText: (delta) => pieces.push(delta), skipChatHistory: true })
    expect(pieces.length).toBeGreaterThan(1)
    expect(pieces.join('')).toBe(answer)
    const json = await typed.POST('/v1/replicas/{replicaUUID}/chat/completions', { params: { path: { replicaUUID: replica.uuid } }, body: { content: 'Hello there', skip_chat_history: true } })
    expect(answer).toBe((json.data as { content: string }).content)
    // A token the BFF refuses: the helper throws the contract's error.
    await expect(client.streamChat(replica.uuid, 'Hello')).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED', requestId: expect.any(String) })
    await expect(client.streamChat(replica.uuid, 'Hello')).rejects.toBeInstanceOf(BffError)
  })

  it('stops the answer when the signal aborts', async () => {
    const typed = createBffClient({ baseUrl: base, token: await h.token('alice') })
    const abort = new AbortController()
    const closed = new Promise<{ aborted: boolean }>((resolve) => h.emu.events.once('stream-closed', resolve))
    const asked = typed.streamChat(replica.uuid, 'Hello there', { signal: abort.signal, onText: () => abort.abort() })
    await expect(asked).rejects.toThrow()
    expect((await closed).aborted).toBe(true)
  })

  it('without a token, sends the session cookie\'s X-CSRF header and knows the login URL', async () => {
    const seen: Array<Record<string, string>> = []
    const client = createBffClient({
      baseUrl: 'https://bff.example.com/',
      fetch: async (input, init) => {
        const request = new Request(input, init)
        seen.push(Object.fromEntries(request.headers))
        return new Response(JSON.stringify({ success: false, status: 401, error_code: 'UNAUTHENTICATED', error: 'No session.' }), { status: 401 })
      }
    })
    expect(client.session.loginUrl('/chat?x=1')).toBe('https://bff.example.com/auth/login?returnTo=%2Fchat%3Fx%3D1')
    expect(await client.session.user()).toBeNull()
    await client.GET('/v1/users/me')
    expect(seen.map((headers) => headers['x-csrf'])).toEqual(['1', '1'])
    expect(seen.every((headers) => headers.authorization === undefined)).toBe(true)
  })
})
