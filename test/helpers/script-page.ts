import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

export interface ScriptPage { url: string, server: Server }

/** A blank page on its own origin (another port of 127.0.0.1) that loads one script, as a frontend ships a bundle. */
export async function scriptPage (script: string, title: string): Promise<ScriptPage> {
  const server = createServer((req, res) => {
    if (req.url === '/bundle.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' })
      return res.end(script)
    }
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(`<!doctype html><title>${title}</title><script src="/bundle.js"></script>`)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server }
}

/** Debian's Chromium, headless, without the background traffic it would start. */
export function launchChromium (): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'] })
}
