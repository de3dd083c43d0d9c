/// <reference lib="dom" />
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser } from 'playwright-core'
import type { EmuReplica } from '../../src/emulator/state.js'
import { startHarness, type Harness } from '../helpers/harness.js'

// The official OpenAI SDK in Chromium, on a page of another origin (bundled as a
// frontend would ship it, `dangerouslyAllowBrowser`): its preflight (x-stainless-*
// headers) passes, a streamed answer arrives chunk by chunk, errors are its classes.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)

let h: Harness
let browser: Browser
let page: { url: string, server: Server }
let replica: EmuReplica

describe.skipIf(!hasChromium)(`the openai SDK in Chromium, from another origin${hasChromium ? '' : ' (skipped: no Chromium)'}`, () => {
  beforeAll(async () => {
    const bundle = await build({ stdin: { contents: "import OpenAI from 'openai'; window.OpenAI = OpenAI", resolveDir: process.cwd() }, bundle: true, format: 'iife', write: false, platform: 'browser' })
    const script = bundle.outputFiles[0]!.text
    const server = createServer((req, res) => {
      if (req.url === '/openai.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' })
        return res.end(script)
      }
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<!doctype html><title>openai</title><script src="/openai.js"></script>')
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    page = { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server }
    h = await startHarness({ emulator: { streamChunkDelayMs: 1 }, config: { corsOrigins: [page.url] } })
    h.emu.state.addUser('bob')
    replica = h.emu.state.addReplica({ ownerID: 'bob', name: 'Ada', slug: 'ada-browser' })
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'] })
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
