import type { FastifyRequest } from 'fastify'
import { errors } from '../errors/app-error.js'

/**
 * A cookie is sent by the browser whoever asks, so every cookie-authenticated
 * call proves it comes from a page we trust: the `X-CSRF: 1` header (a
 * cross-site form cannot add it, and a cross-site script cannot without a
 * preflight the BFF refuses), an `Origin` that is ours when present, and no
 * `Sec-Fetch-Site: cross-site` unless that origin is one we allow.
 */
export function createCsrfCheck (publicOrigin: string, corsOrigins: string[]) {
  const allowed = new Set([publicOrigin, ...corsOrigins])
  const cors = new Set(corsOrigins)
  return (request: FastifyRequest): void => {
    if (request.headers['x-csrf'] !== '1') throw errors.forbidden('A request made with the session cookie needs the header X-CSRF: 1.')
    const origin = request.headers.origin
    if (origin !== undefined && !allowed.has(origin)) throw errors.forbidden('A request made with the session cookie must come from this application\'s origin.')
    if (request.headers['sec-fetch-site'] === 'cross-site' && (origin === undefined || !cors.has(origin))) {
      throw errors.forbidden('A cross-site request may not use the session cookie.')
    }
  }
}
