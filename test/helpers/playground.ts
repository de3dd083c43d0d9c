/// <reference lib="dom" />
import { existsSync, mkdirSync } from 'node:fs'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'
import { startIdentityProvider, type IdentityProvider } from '../../src/emulator/identity-provider.js'
import { startHarness, type Harness } from './harness.js'
import { closedPort } from './ports.js'
import type { EmuReplica } from '../../src/emulator/state.js'

// The playground served by a BFF with browser sessions (a real OpenID provider),
// the demo's dev users and a quota, in a real Chromium (Debian's, driven by
// playwright-core; never a downloaded browser). .ci/run installs it.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)
if (!hasChromium) console.warn(`Chromium not found at ${CHROMIUM}: the browser tests are skipped (apt-get install chromium, or set CHROMIUM_PATH)`)

export interface Playground {
  h: Harness
  idp: IdentityProvider
  browser: Browser
  /** The BFF's origin (PUBLIC_URL). */
  bff: string
  /** Ada, a public replica of the user `owner`. */
  replica: EmuReplica
  /** A fresh page; a failure leaves a screenshot in test-results/. */
  onPage: (name: string, body: (page: Page) => Promise<void>, options?: BrowserContextOptions) => Promise<void>
  asDevUser: (page: Page, user: string) => Promise<void>
  logInThroughProvider: (page: Page, user: string) => Promise<void>
  /** On the provider's login form: sign `user` in and wait to be back on the playground, logged in. */
  signInAtProvider: (page: Page, user: string) => Promise<void>
  openReplica: (page: Page, name: string) => Promise<void>
  close: () => Promise<void>
}

export async function startPlayground ({ corsOrigins = [] }: { corsOrigins?: string[] } = {}): Promise<Playground> {
  const port = await closedPort()
  const bff = `http://127.0.0.1:${port}`
  const client = { client_id: 'playground', client_secret: 'playground-client-secret-0123456789' }
  const idp = await startIdentityProvider([{ ...client, redirect_uris: [`${bff}/auth/callback`], post_logout_redirect_uris: [`${bff}/`] }])
  const h = await startHarness({
    emulator: { streamChunkDelayMs: 40 },
    config: {
      devAuth: true,
      playground: true,
      quotas: { default: 'free', tiers: { free: { chatsPerDay: 100 } } },
      corsOrigins,
      sessions: { issuer: idp.issuer, clientId: client.client_id, clientSecret: client.client_secret, publicUrl: bff, secrets: ['playground-session-key-0123456789abcdef'], idleTimeoutS: 3600, absoluteTimeoutS: 7200 }
    }
  })
  h.emu.state.addUser('owner')
  const replica = h.emu.state.addReplica({ ownerID: 'owner', name: 'Ada', shortDescription: 'A friendly replica', greeting: 'Hello! Ask me anything.' })
  await h.app.listen({ host: '127.0.0.1', port })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })

  const onPage: Playground['onPage'] = async (name, body, options) => {
    const context = await browser.newContext(options)
    const page = await context.newPage()
    try {
      await body(page)
    } catch (err) {
      mkdirSync('test-results', { recursive: true })
      await page.screenshot({ path: `test-results/${name}.png`, fullPage: true }).catch(() => undefined)
      throw err
    } finally {
      await context.close()
    }
  }
  const asDevUser: Playground['asDevUser'] = async (page, user) => {
    await page.goto(`${bff}/`)
    await page.getByLabel('Dev user').fill(user)
    await page.getByRole('button', { name: 'Use' }).click()
    await page.getByText(`Logged in as ${user}`).waitFor()
  }
  const signInAtProvider: Playground['signInAtProvider'] = async (page, user) => {
    await page.locator('input[name="login"]').fill(user)
    await page.locator('input[name="password"]').fill('anything')
    await page.locator('button[type="submit"]').click()
    await page.waitForURL(`${bff}/`)
    await page.getByText(`Logged in as ${user}`).waitFor()
  }
  const logInThroughProvider: Playground['logInThroughProvider'] = async (page, user) => {
    await page.goto(`${bff}/`)
    await page.getByRole('link', { name: 'Log in' }).click()
    await signInAtProvider(page, user)
  }
  const openReplica: Playground['openReplica'] = async (page, name) => {
    await page.getByRole('button', { name }).click()
    await page.getByRole('heading', { name, level: 2 }).waitFor()
  }
  return {
    h,
    idp,
    browser,
    bff,
    replica,
    onPage,
    asDevUser,
    logInThroughProvider,
    signInAtProvider,
    openReplica,
    close: async () => {
      await browser.close()
      await h.close()
      await idp.close()
    }
  }
}
