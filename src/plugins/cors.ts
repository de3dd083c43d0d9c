import fp from 'fastify-plugin'
import cors from '@fastify/cors'

/**
 * CORS for the exact origins in CORS_ORIGINS (none: no CORS headers at all).
 * Registered first, so 401, 403, 429 and 5xx answers carry the same headers
 * as successes and a browser can read the error.
 */
export const corsPlugin = fp<{ origins: string[] }>(async (app, { origins }) => {
  if (origins.length === 0) return
  const allowed = new Set(origins)
  const options = {
    origin: true,
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // X-API-Version, X-USER-ID and X-USER-ID-TYPE: apps written for Sensay send them; the BFF
    // ignores them (it sets its own upstream; only a service key's X-USER-ID means anything).
    // X-ORGANIZATION-SECRET is never allowed: a page that still carries it fails at the preflight.
    allowedHeaders: [
      'Authorization', 'Content-Type', 'Accept', 'X-API-Key', 'X-Request-Id', 'X-API-Version', 'X-CSRF', 'X-USER-ID', 'X-USER-ID-TYPE',
      // What the OpenAI SDK sends from a page (dangerouslyAllowBrowser); OpenAI-Organization and -Project are ignored.
      'X-Stainless-Arch', 'X-Stainless-Lang', 'X-Stainless-OS', 'X-Stainless-Package-Version', 'X-Stainless-Retry-Count',
      'X-Stainless-Runtime', 'X-Stainless-Runtime-Version', 'X-Stainless-Timeout', 'OpenAI-Organization', 'OpenAI-Project',
      // W3C trace context: a traced frontend's requests continue its trace here (when tracing is on).
      'traceparent', 'tracestate'
    ],
    // The AI SDK reads its protocol headers; WWW-Authenticate says why a 401 happened.
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'WWW-Authenticate', 'X-Vercel-AI-UI-Message-Stream', 'X-Vercel-AI-Data-Stream'],
    maxAge: 600
  }
  // Decided per request so that an origin not on the list gets no CORS header at all
  // (the plugin's own origin list would still send Allow-Credentials).
  await app.register(cors, () => (request: { headers: { origin?: string } }, callback: (err: Error | null, options: object) => void) => {
    const origin = request.headers.origin
    callback(null, origin !== undefined && allowed.has(origin) ? options : { origin: false })
  })
}, { name: 'cors' })
