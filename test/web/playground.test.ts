/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { once } from 'node:events'
import { mkdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLAYGROUND_CSP } from '../../src/playground/playground-plugin.js'
import { UNKNOWN_UUID, type Harness } from '../helpers/harness.js'
import { closedPort } from '../helpers/ports.js'
import { hasChromium, startPlayground, type Playground } from '../helpers/playground.js'
import type { EmuReplica } from '../../src/emulator/state.js'

// The playground and the browser promises, in a real Chromium (test/helpers/playground.ts).

let pg: Playground
let h: Harness
let bff: string
let replica: EmuReplica
let allowedPage: { url: string, server: Server }
let foreignPage: { url: string, server: Server }
const onPage: Playground['onPage'] = (...args) => pg.onPage(...args)
const asDevUser: Playground['asDevUser'] = (...args) => pg.asDevUser(...args)
const logInThroughProvider: Playground['logInThroughProvider'] = (...args) => pg.logInThroughProvider(...args)
const openReplica: Playground['openReplica'] = (...args) => pg.openReplica(...args)

/** A page on another origin: blank, with a form that posts to the BFF's logout. */
async function otherOrigin (port: number, target: string) {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(`<!doctype html><form id="f" method="post" action="${target}/auth/logout"><button>go</button></form>`)
  })
  server.listen(port, '127.0.0.1')
  await once(server, 'listening')
  return { url: `http://127.0.0.1:${port}`, server }
}

// Skipped only where Chromium is missing, as the warning above says; CI installs it.
describe.skipIf(!hasChromium)('the playground in Chromium', () => {
  beforeAll(async () => {
    const [allowedPort, foreignPort] = [await closedPort(), await closedPort()]
    pg = await startPlayground({ corsOrigins: [`http://127.0.0.1:${allowedPort}`] })
    ;({ h, bff, replica } = pg)
    allowedPage = await otherOrigin(allowedPort, bff)
    foreignPage = await otherOrigin(foreignPort, bff)
  }, 60_000)

  afterAll(async () => {
    await pg?.close()
    allowedPage?.server.close()
    foreignPage?.server.close()
  })

  it('logs in through the real redirect flow, shows who is logged in, logs out', () => onPage('login', async (page) => {
    await logInThroughProvider(page, 'grace')
    expect(await page.getByText('(session)').count()).toBe(1)
    // The session is a cookie the page's script cannot read.
    expect(await page.evaluate(() => document.cookie)).not.toContain('bff_session')
    await page.getByRole('button', { name: 'Log out' }).click()
    // The provider's own session ends too: it asks to confirm, then comes back to the playground.
    await page.getByRole('button', { name: /yes/i }).click()
    await page.waitForURL(`${bff}/`)
    await page.getByRole('link', { name: 'Log in' }).waitFor()
    expect((await page.request.get(`${bff}/auth/user`)).status()).toBe(401)
    // So the next "Log in" asks who you are, instead of signing the same user in without a form,
    // and someone else can log in.
    await page.getByRole('link', { name: 'Log in' }).click()
    await pg.signInAtProvider(page, 'grace-two')
  }))

  it('opened as localhost while PUBLIC_URL says 127.0.0.1, the login still completes (on PUBLIC_URL\'s host)', () => onPage('localhost', async (page) => {
    await page.goto(`${bff.replace('127.0.0.1', 'localhost')}/`)
    await page.getByRole('link', { name: 'Log in' }).click()
    await pg.signInAtProvider(page, 'hopper')
  }))

  it('streams a chat answer into the page as it arrives, then shows it in full', () => onPage('chat', async (page) => {
    await asDevUser(page, 'streamer')
    await openReplica(page, 'Ada')
    await page.getByLabel('Message').fill('Tell me about streams')
    // Every change of the answer's text, with its time: a stream shows up in steps.
    await page.evaluate(() => {
      const seen: Array<[number, number]> = []
      ;(window as unknown as { seen: typeof seen }).seen = seen
      new MutationObserver(() => {
        const last = [...document.querySelectorAll('li[data-role="assistant"]')].at(-1)
        if (last) seen.push([performance.now(), last.textContent?.length ?? 0])
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    await page.getByRole('button', { name: 'Send' }).click()
    await page.locator('li[data-role="assistant"]').getByText('This answer comes from the Sensay emulator.').waitFor()
    const seen = await page.evaluate(() => (window as unknown as { seen: Array<[number, number]> }).seen)
    const lengths = [...new Set(seen.map(([, length]) => length))]
    expect(lengths.length).toBeGreaterThan(3)
    expect(seen.at(-1)![0] - seen[0]![0]).toBeGreaterThan(200)
    mkdirSync('test-results', { recursive: true })
    await page.screenshot({ path: 'test-results/playground-chat.png' })
  }))

  it('shows the plan and the chats left today, one fewer after an answer', () => onPage('quota', async (page) => {
    await asDevUser(page, 'counted')
    await page.getByText('Plan free: 100 of 100 chats left today').waitFor()
    await openReplica(page, 'Ada')
    await page.getByLabel('Message').fill('Count this one')
    await page.getByRole('button', { name: 'Send' }).click()
    await page.locator('li[data-role="assistant"]').getByText('This answer comes from the Sensay emulator.').waitFor()
    await page.getByText('Plan free: 99 of 100 chats left today').waitFor()
  }))

  it('Stop aborts the upstream call', () => onPage('stop', async (page) => {
    h.emu.options.streamChunkDelayMs = 150
    try {
      await asDevUser(page, 'stopper')
      await openReplica(page, 'Ada')
      await page.getByLabel('Message').fill('A long answer, please')
      const closed = once(h.emu.events, 'stream-closed')
      await page.getByRole('button', { name: 'Send' }).click()
      await page.locator('li[data-role="assistant"]').waitFor()
      await page.getByRole('button', { name: 'Stop' }).click()
      const [event] = await closed as [{ aborted: boolean }]
      expect(event.aborted).toBe(true)
      await page.getByRole('button', { name: 'Send' }).waitFor()
    } finally {
      h.emu.options.streamChunkDelayMs = 40
    }
  }))

  it('shows an error with its message and request id', () => onPage('error', async (page) => {
    await asDevUser(page, 'unlucky')
    await openReplica(page, 'Ada')
    h.emu.faults.push({ method: 'POST', path: `/v1/replicas/${replica.uuid}/chat/completions`, status: 429 })
    await page.getByLabel('Message').fill('hello?')
    await page.getByRole('button', { name: 'Send' }).click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toMatch(/Injected failure.*request id [0-9a-f-]{36}/)
  }))

  it('runs only script from its own origin (the CSP is enforced)', () => onPage('csp', async (page) => {
    const violations: string[] = []
    page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) violations.push(message.text()) })
    const res = await page.goto(`${bff}/`)
    expect(res?.headers()['content-security-policy']).toBe(PLAYGROUND_CSP)
    // Served compressed as built: brotli for a browser that accepts it.
    const script = await page.request.get(`${bff}/app.js`, { headers: { 'accept-encoding': 'br, gzip' } })
    expect(script.headers()['content-encoding']).toBe('br')
    expect((await page.request.get(`${bff}/playground-plugin.js`)).status()).toBe(404)
    await page.getByLabel('Dev user').waitFor()
    expect(violations).toEqual([])
    await page.addScriptTag({ content: 'window.injected = true' }).catch(() => undefined)
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined()
    expect(violations.length).toBeGreaterThan(0)
  }))

  it('a page on an allowed origin calls the API with a bearer token and reads errors and headers; another origin is blocked', () => onPage('cors', async (page) => {
    const token = (await h.as('cors-user')).authorization!
    const call = (url: string) => page.evaluate(async ({ url, token }) => {
      try {
        const res = await fetch(url, { headers: { authorization: token } })
        return { status: res.status, body: await res.json() as { error_code: string }, requestId: res.headers.get('x-request-id') }
      } catch (err) {
        return { failed: String(err) }
      }
    }, { url, token })
    await page.goto(allowedPage.url)
    const allowed = await call(`${bff}/v1/replicas/${UNKNOWN_UUID}`)
    expect(allowed).toMatchObject({ status: 404, body: { error_code: 'NOT_FOUND' }, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) })
    await page.goto(foreignPage.url)
    expect(await call(`${bff}/v1/replicas/${UNKNOWN_UUID}`)).toMatchObject({ failed: expect.stringContaining('TypeError') })
  }))

  it('a cross-site form post cannot end the session (CSRF)', () => onPage('csrf', async (page) => {
    await logInThroughProvider(page, 'henry')
    await page.goto(foreignPage.url)
    const [response] = await Promise.all([page.waitForResponse(`${bff}/auth/logout`), page.locator('#f button').click()])
    expect(response.status()).toBe(403)
    expect((await page.request.get(`${bff}/auth/user`)).status()).toBe(200)
  }))

  it('an owner adds knowledge and watches it become READY, and sees conversations', () => onPage('owner', async (page) => {
    await asDevUser(page, 'owner')
    await openReplica(page, 'Ada')
    await page.getByText('Your replica (owner view').waitFor()
    // The knowledge base has a tab of its own, beside the chat.
    await page.getByRole('tab', { name: 'Knowledge base' }).click()
    await page.getByLabel('Knowledge text').fill('Ada was born in 1815.')
    await page.getByRole('button', { name: 'Add' }).click()
    await page.locator('.entries .status', { hasText: 'READY' }).waitFor({ timeout: 10_000 })
    await page.getByRole('heading', { name: 'Conversations' }).waitFor()
  }))

  it('renders the API docs', () => onPage('docs', async (page) => {
    await page.goto(`${bff}/docs`)
    await page.locator('.swagger-ui .info').waitFor()
    await page.getByText('sensay-bff').first().waitFor()
  }))
})
