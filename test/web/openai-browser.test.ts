/// <reference lib="dom" />
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { EmuReplica } from '../../src/emulator/state.js'
import { startHarness, type Harness } from '../helpers/harness.js'
import { hasChromium, launchChromium, scriptPage, type ScriptPage } from '../helpers/script-page.js'

// The official OpenAI SDK in Chromium, on a page of another origin (bundled as a
// frontend would ship it, `dangerouslyAllowBrowser`): its preflight (x-stainless-*
// headers) passes, a streamed answer arrives chunk by chunk, errors are its classes.

let h: Harness
let browser: Browser
let page: ScriptPage
let replica: EmuReplica

describe.skipIf(!hasChromium)(`the openai SDK in Chromium, from another origin${hasChromium ? '' : ' (skipped: no Chromium)'}`, () => {
  beforeAll(async () => {
    const bundle = await build({ stdin: { contents: "import OpenAI from 'openai'; window.OpenAI = OpenAI", resolveDir: process.cwd() }, bundle: true, format: 'iife', write: false, platform: 'browser' })
    const script = bundle.outputFiles[0]!.text
    page = await scriptPage(script, 'openai')
    h = await startHarness({ emulator: { streamChunkDelayMs: 1 }, config: { corsOrigins: [page.url] } })
    h.emu.state.addUser('bob')
    replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Ada', slug: 'ada-browser' })
    browser = await launchChromium()
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await h?.close()
    page?.server.close()
  })

  it('streams a chat by slug, lists models, and gets a NotFoundError for a missing model', async () => {
    const base = await h.app.listen({ host: '127.0.0.1', port: 0 })
    const token = await h.token('browser-openai')
    const context = await browser.newContext()
    try {
      const tab = await context.newPage()
      await tab.goto(page.url)
      const outcome = await tab.evaluate(async ({ base, token }) => {
        const OpenAI = (window as any).OpenAI
        const client = new OpenAI({ baseURL: `${base}/openai/v1`, apiKey: token, dangerouslyAllowBrowser: true, maxRetries: 0 })
        const models = (await client.models.list()).data.map((m: any) => m.id)
        const stream = await client.chat.completions.create({ model: 'ada-browser', messages: [{ role: 'user', content: 'Hello from Chromium' }], stream: true })
        let text = ''
        let chunks = 0
        for await (const chunk of stream) {
          chunks++
          text += chunk.choices[0]?.delta?.content ?? ''
        }
        let missing = ''
        try {
          await client.chat.completions.create({ model: 'no-such-replica', messages: [{ role: 'user', content: 'Hi' }] })
        } catch (err: any) {
          missing = `${err.constructor.name} ${err.status} ${err.code}`
        }
        return { models, text, chunks, missing }
      }, { base, token })
      expect(outcome.models).toContain(replica.uuid)
      expect(outcome.text).toBe('Hi, I am Ada. You asked: "Hello from Chromium". This answer comes from the Sensay emulator.')
      expect(outcome.chunks).toBeGreaterThan(5)
      expect(outcome.missing).toBe('NotFoundError 404 model_not_found')
    } finally {
      await context.close()
    }
  }, 60_000)
})
