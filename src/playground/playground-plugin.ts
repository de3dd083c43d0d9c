import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'

// The page runs only what this origin serves: no inline script or style, no other host.
export const PLAYGROUND_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'"
].join('; ')

/** dist/web next to the compiled server, or the build's output when running from src/ (tests). */
function playgroundDir (): string {
  for (const candidate of ['./web/', '../dist/web/']) {
    const dir = fileURLToPath(new URL(candidate, new URL('../', import.meta.url)))
    if (existsSync(`${dir}index.html`)) return dir
  }
  throw new Error('PLAYGROUND is on but the playground is not built: run npm run build')
}

/**
 * The web playground at / (PLAYGROUND=true): static files built from web/,
 * a strict Content-Security-Policy. It talks to the BFF over HTTP only, as a
 * customer's frontend would.
 */
export const playgroundPlugin = fp(async (app) => {
  await app.register(fastifyStatic, {
    root: playgroundDir(),
    wildcard: false,
    index: ['index.html'],
    // web/build.mjs writes .br and .gz beside each file.
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res) => {
      res.header('content-security-policy', PLAYGROUND_CSP)
      res.header('x-content-type-options', 'nosniff')
      res.header('referrer-policy', 'same-origin')
      res.header('cache-control', 'no-cache')
    }
  })
}, { name: 'playground' })
