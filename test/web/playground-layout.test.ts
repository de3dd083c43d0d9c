/// <reference lib="dom" />
import { createRequire } from 'node:module'
import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { hasChromium, startPlayground, type Playground } from '../helpers/playground.js'

// The playground as a newcomer meets it, on a phone (390x844) and a desktop
// (1280x800): layout, Markdown, keyboard, states and accessibility (axe-core).

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const SIZES = [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 800 }]] as const
const MARKDOWN = 'Here is **bold**, *italic*, `code` and [a link](https://example.com/docs).\n\n- one\n- two\n\n```\nconst x = 1\n```\n\n<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> [bad](javascript:window.pwned=3)'

let pg: Playground

beforeAll(async () => {
  pg = await startPlayground()
  // A long conversation already there: twelve messages, one answer in Markdown with raw HTML in it.
  pg.h.emu.state.addUser('reader')
  for (let i = 1; i <= 6; i++) {
    pg.h.emu.state.addMessage(pg.replica, 'reader', 'web', 'user', `Question number ${i}`)
    pg.h.emu.state.addMessage(pg.replica, 'reader', 'web', 'assistant', i === 6 ? MARKDOWN : `Answer number ${i}, long enough to wrap on a phone screen and take some room.`)
  }
}, 60_000)
afterAll(async () => pg?.close())

async function axeViolations (page: Page) {
  await page.addScriptTag({ path: AXE })
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Array<{ id: string, impact: string, nodes: Array<{ target: string[] }> }> }> } }).axe
    return (await axe.run(document)).violations
  })
  return violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

const inViewport = (page: Page, label: string) => page.getByLabel(label).evaluate((element) => {
  const box = element.getBoundingClientRect()
  return box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth
})
const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)

describe.skipIf(!hasChromium)('the playground on a phone and a desktop', () => {
  for (const [name, viewport] of SIZES) {
    it(`${name}: fits the width, keeps the input in view after twelve messages, renders Markdown with raw HTML inert, and passes axe`, () => pg.onPage(`layout-${name}`, async (page) => {
      await pg.asDevUser(page, 'reader')
      expect(await noHorizontalScroll(page)).toBe(true)
      expect(await axeViolations(page), 'axe, replica list').toEqual([])
      await pg.openReplica(page, 'Ada')
      const transcript = page.getByRole('list', { name: 'Conversation' })
      await transcript.getByText('Question number 6').waitFor()
      expect(await transcript.locator('li').count()).toBeGreaterThanOrEqual(12)
      expect(await inViewport(page, 'Message')).toBe(true)
      expect(await noHorizontalScroll(page)).toBe(true)
      // The transcript scrolls by itself and shows its end; the page does not scroll.
      expect(await transcript.evaluate((list) => list.scrollHeight > list.clientHeight && list.scrollTop > 0)).toBe(true)
      expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true)
      // Markdown, rendered; raw HTML shown as text and never run; no javascript: link.
      const answer = transcript.locator('li').filter({ hasText: 'Here is' })
      expect(await answer.locator('strong').textContent()).toBe('bold')
      expect(await answer.locator('em').textContent()).toBe('italic')
      expect(await answer.locator('pre code').textContent()).toBe('const x = 1')
      expect(await answer.locator('li').allTextContents()).toEqual(['one', 'two'])
      const link = answer.getByRole('link', { name: 'a link' })
      expect(await link.getAttribute('href')).toBe('https://example.com/docs')
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer')
      expect(await answer.locator('img, script').count()).toBe(0)
      expect(await answer.textContent()).toContain('<img src=x onerror="window.pwned=1">')
      expect(await answer.getByRole('link', { name: 'bad' }).count()).toBe(0)
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined()
      expect(await axeViolations(page), 'axe, chat').toEqual([])
      mkdirSync('test-results', { recursive: true })
      await page.screenshot({ path: `test-results/playground-${name}.png` })
      if (name === 'phone') {
        // One column: the list is gone while a replica is open, and the back button brings it back.
        expect(await page.getByRole('complementary', { name: 'Replicas' }).isVisible()).toBe(false)
        await page.getByRole('button', { name: 'Back to the replicas' }).click()
        await page.getByRole('heading', { name: 'Ada', level: 2 }).waitFor({ state: 'detached' })
        expect(await page.getByRole('complementary', { name: 'Replicas' }).isVisible()).toBe(true)
      }
    }, { viewport, bypassCSP: true }))
  }

  it('Enter sends, Shift+Enter starts a new line, Escape stops and the answer says it was stopped', () => pg.onPage('keyboard', async (page) => {
    pg.h.emu.options.streamChunkDelayMs = 150
    try {
      await pg.asDevUser(page, 'typist')
      await pg.openReplica(page, 'Ada')
      const input = page.getByLabel('Message')
      await input.fill('First line')
      await input.press('Shift+Enter')
      await input.pressSequentially('second line')
      expect(await input.inputValue()).toBe('First line\nsecond line')
      expect(await page.locator('li[data-role="user"]').count()).toBe(0)
      await input.press('Enter')
      await page.locator('li[data-role="user"]').getByText('second line').waitFor()
      expect(await input.inputValue()).toBe('')
      await page.locator('li[data-role="assistant"]').waitFor()
      await page.keyboard.press('Escape')
      await page.locator('li[data-role="assistant"]').getByText('Stopped').waitFor()
      await page.getByRole('button', { name: 'Send' }).waitFor()
      // A new chat starts empty, with the replica's greeting.
      await page.getByRole('button', { name: 'New chat' }).click()
      await page.getByText('Hello! Ask me anything.').waitFor()
      expect(await page.locator('li[data-role="user"]').count()).toBe(0)
    } finally {
      pg.h.emu.options.streamChunkDelayMs = 40
    }
  }))

  it('shows an empty state after login, a typing indicator while waiting, and announces the answer', () => pg.onPage('states', async (page) => {
    await pg.asDevUser(page, 'newcomer')
    await page.getByRole('heading', { name: 'Pick a replica' }).waitFor()
    await pg.openReplica(page, 'Ada')
    pg.h.emu.faults.push({ method: 'POST', path: `/v1/replicas/${pg.replica.uuid}/chat/completions`, delayMs: 600 })
    await page.getByLabel('Message').fill('Are you there?')
    await page.getByLabel('Message').press('Enter')
    await page.getByLabel('Ada is typing').waitFor()
    await page.locator('li[data-role="assistant"]').getByText('This answer comes from the Sensay emulator.').waitFor()
    await page.locator('[aria-live="polite"]', { hasText: 'Ada answered:' }).waitFor()
    expect(await page.locator('li[data-role="assistant"] time').count()).toBe(1)
  }))

  it('an error shows its request id and a Retry that asks again', () => pg.onPage('retry', async (page) => {
    await pg.asDevUser(page, 'retrier')
    await pg.openReplica(page, 'Ada')
    pg.h.emu.faults.push({ method: 'POST', path: `/v1/replicas/${pg.replica.uuid}/chat/completions`, status: 500 })
    await page.getByLabel('Message').fill('Try me')
    await page.getByLabel('Message').press('Enter')
    const alert = page.getByRole('alert')
    expect(await alert.textContent()).toMatch(/request id [0-9a-f-]{36}/)
    await alert.getByRole('button', { name: 'Retry' }).click()
    await page.locator('li[data-role="assistant"]').getByText('This answer comes from the Sensay emulator.').waitFor()
    expect(await page.getByRole('alert').count()).toBe(0)
  }))
})
