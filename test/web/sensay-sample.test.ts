/// <reference lib="dom" />
import { resolve } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { startHarness, type Harness } from '../helpers/harness.js'
import { CHROMIUM, hasChromium, launchChromium, scriptPage, type ScriptPage } from '../helpers/script-page.js'
import { GENERATED_CLIENT } from '../global-setup.js'

// Sensay's chat sample runs in the browser, on its own origin, with the client
// generated from Sensay's document (bundled as a browser would get it): only
// the base URL and the credential change. Its X-USER-ID and X-API-Version
// headers pass the CORS preflight and are ignored; the secret never would.

if (!hasChromium) console.warn(`Chromium not found at ${CHROMIUM}: the sample's browser test is skipped (apt-get install chromium, or set CHROMIUM_PATH)`)

let h: Harness
let browser: Browser
let page: ScriptPage

describe.skipIf(!hasChromium)('Sensay\'s chat sample in Chromium, from another origin', () => {
  beforeAll(async () => {
    const bundle = await build({ entryPoints: [resolve(GENERATED_CLIENT, 'index.ts')], bundle: true, format: 'iife', globalName: 'Sensay', write: false, platform: 'browser' })
    const script = bundle.outputFiles[0]!.text
    page = await scriptPage(script, 'sample')
    h = await startHarness({ emulator: { streamChunkDelayMs: 0 }, config: { corsOrigins: [page.url] } })
    browser = await launchChromium()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await h?.close()
    page?.server.close()
  })

  it('ensures the user, makes a replica and chats; a page still sending the secret fails at the preflight', async () => {
    const base = await h.app.listen({ host: '127.0.0.1', port: 0 })
    const token = await h.token('browser-sample')
    const context = await browser.newContext()
    try {
      const tab = await context.newPage()
      await tab.goto(page.url)
      const outcome = await tab.evaluate(async ({ base, token }) => {
        const { OpenAPI, UsersService, ReplicasService, ChatCompletionsService, ApiError } = (window as any).Sensay
        OpenAPI.BASE = base
        OpenAPI.TOKEN = token
        OpenAPI.HEADERS = { 'X-USER-ID': 'browser-sample', 'X-USER-ID-TYPE': 'user' }
        const steps: string[] = []
        try {
          await UsersService.getV1Users('browser-sample')
          steps.push('user exists')
        } catch (err) {
          if (!(err instanceof ApiError) || (err as any).status !== 404) throw err
          await UsersService.postV1Users(undefined, undefined, { id: 'browser-sample', name: 'Browser Sample' })
          steps.push('user created')
        }
        const { items } = await ReplicasService.getV1Replicas()
        let uuid = items.find((r: any) => r.ownerID === 'browser-sample')?.uuid
        if (!uuid) {
          ({ uuid } = await ReplicasService.postV1Replicas(undefined, undefined, {
            name: 'Browser Replica', shortDescription: 'From the page', greeting: 'Hi!', ownerID: 'browser-sample', slug: 'browser-replica', llm: { model: 'gpt-4o' }
          }))
          steps.push('replica created')
        }
        const chat = await ChatCompletionsService.postV1ReplicasChatCompletions(uuid, undefined, undefined, { content: 'Hello from the page', source: 'web', skip_chat_history: false })
        steps.push(chat.content)
        // The same page with the organization secret still in it: refused before anything is sent.
        OpenAPI.HEADERS = { 'X-ORGANIZATION-SECRET': 'leaked' }
        const leaked = await UsersService.getV1UsersMe().then(() => 'answered', (err: unknown) => String(err))
        return { steps, leaked }
      }, { base, token })
      expect(outcome.steps.slice(0, 2)).toEqual(['user created', 'replica created'])
      expect(outcome.steps[2]).toContain('Hello from the page')
      expect(outcome.leaked).toMatch(/TypeError|Failed to fetch/)
      expect(h.emu.callsTo('POST', '/v1/users').map((c) => c.body)).toEqual([{ id: 'browser-sample', name: 'Browser Sample' }])
      expect(h.emu.calls.filter((c) => c.headers['x-organization-secret'] === 'leaked')).toEqual([])
    } finally {
      await context.close()
    }
  }, 30_000)
})
