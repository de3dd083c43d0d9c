import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { asciiLower, isUsableUserId } from '../auth/identity.js'
import { AppError, errors } from '../errors/app-error.js'
import { errorResponses } from '../schemas/common.js'
import type { Session } from '../sessions/store.js'
import { LOGIN_TTL } from '../sessions/sessions-plugin.js'

const tags = ['Browser sessions']

export interface AuthRoutesOptions {
  userClaim: string
  /** The ID token claim naming the quota tier (QUOTAS_FILE's tierClaim). */
  tierClaim?: string
  corsOrigins: string[]
}

/**
 * Where login may send the browser back to: a path on this BFF (one leading
 * slash: `//host` and `/\host` are other hosts to a browser), or an absolute
 * URL on an origin in CORS_ORIGINS. Anything else would be an open redirect.
 */
export function safeReturnTo (value: string | undefined, corsOrigins: string[]): string | undefined {
  if (value === undefined || value === '') return '/'
  // Printable ASCII only: anything else cannot go into the Location header it becomes.
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) > 0x7e)) return undefined
  if (value.startsWith('/')) return value.startsWith('//') || value.startsWith('/\\') ? undefined : value
  try {
    const url = new URL(value)
    return corsOrigins.includes(url.origin) ? url.href : undefined
  } catch {
    return undefined
  }
}

const UserResponse = Type.Object({
  success: Type.Boolean(),
  userId: Type.String(),
  name: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  expiresAt: Type.String({ description: 'When the session ends at the latest (it also ends after a period of inactivity).' })
})

const LogoutResponse = Type.Object({ success: Type.Boolean(), endSessionUrl: Type.Union([Type.String(), Type.Null()]) })

/** localhost, 127.0.0.0/8 or [::1], with any port. */
function isLoopbackHost (host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '')
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)
}

/** The /auth routes of the backend-for-frontend pattern: the BFF holds the login, the browser a cookie. */
export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, { userClaim, tierClaim, corsOrigins }) => {
  const sessions = app.sessions!
  const { rp } = sessions
  const publicUrl = new URL(sessions.config.publicUrl)

  app.get('/auth/login', {
    schema: {
      tags,
      summary: 'Start the login (OpenID Connect, code flow with PKCE)',
      querystring: Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 2048 })) }, { additionalProperties: false }),
      response: { 400: Type.Ref('ErrorResponse'), 503: Type.Ref('ErrorResponse') }
    }
  }, async (request, reply) => {
    const returnTo = safeReturnTo(request.query.returnTo, corsOrigins)
    if (returnTo === undefined) throw errors.invalidField('query', 'returnTo', 'must be a path on this service or a URL on an allowed origin')
    // The demo opened as localhost while PUBLIC_URL says 127.0.0.1 (or the other way round): the
    // login cookie would be set on one host and the callback arrive on the other ("No login in
    // progress"). On loopback only, the login starts again on PUBLIC_URL's host; a real
    // deployment's host is never rewritten (a proxy that changes Host must not loop).
    const here = request.host
    if (here !== publicUrl.host && isLoopbackHost(here) && isLoopbackHost(publicUrl.host)) {
      const again = new URL('/auth/login', publicUrl)
      if (request.query.returnTo !== undefined) again.searchParams.set('returnTo', request.query.returnTo)
      return reply.header('cache-control', 'no-store').redirect(again.href, 302)
    }
    const { url, login } = await rp.start(returnTo)
    const loginId = sessions.newId()
    await sessions.store.putLogin(loginId, login, LOGIN_TTL)
    sessions.setLoginCookie(reply, loginId)
    return reply.header('cache-control', 'no-store').redirect(url, 302)
  })

  app.get('/auth/callback', {
    schema: { tags, summary: 'Finish the login: a new session, its cookie, and back to returnTo', response: { 400: Type.Ref('ErrorResponse'), 401: Type.Ref('ErrorResponse'), 503: Type.Ref('ErrorResponse') } }
  }, async (request, reply) => {
    // Only the browser that started this login holds its cookie; a login is used once.
    const loginId = sessions.loginIdFrom(request)
    const login = loginId === undefined ? undefined : await sessions.store.takeLogin(loginId)
    sessions.clearLoginCookie(reply)
    if (login === undefined) throw new AppError(400, 'VALIDATION_FAILED', 'No login in progress in this browser (it expired, was used, or began elsewhere); start again at /auth/login.')
    const callbackUrl = new URL(rp.redirectUri)
    const query = request.url.indexOf('?')
    if (query >= 0) callbackUrl.search = request.url.slice(query)
    const { claims } = await rp.finish(callbackUrl, login)
    const raw = claims[userClaim]
    const userId = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw
    if (!isUsableUserId(userId) || typeof claims.sub !== 'string') throw errors.unauthenticated(`The ID token's ${userClaim} is missing or not a usable user id.`)
    const now = Date.now()
    const session: Session = {
      userId,
      sub: claims.sub,
      createdAt: now,
      expiresAt: now + sessions.config.absoluteTimeoutS * 1000
    }
    if (typeof claims.name === 'string') session.name = claims.name
    if (claims.email_verified === true && typeof claims.email === 'string') session.email = asciiLower(claims.email)
    if (typeof claims.sid === 'string') session.sid = claims.sid
    if (tierClaim !== undefined && typeof claims[tierClaim] === 'string') session.tier = claims[tierClaim]
    // A session this browser had before ends: one browser, one session.
    const previous = sessions.idFrom(request)
    if (previous !== undefined) await sessions.end([previous])
    await sessions.create(reply, session)
    return reply.header('cache-control', 'no-store').redirect(login.returnTo, 302)
  })

  app.get('/auth/user', {
    schema: { tags, summary: 'The session\'s user, or 401', security: [{ session: [] }], response: { 200: UserResponse, 401: Type.Ref('ErrorResponse') } }
  }, async (request, reply) => {
    const id = sessions.idFrom(request)
    const session = id === undefined ? undefined : sessions.cached(id) ?? await sessions.load(id)
    if (session === undefined) throw errors.unauthenticated('No session; log in at /auth/login.')
    reply.header('cache-control', 'no-store')
    return { success: true, userId: session.userId, name: session.name, email: session.email, expiresAt: new Date(session.expiresAt).toISOString() }
  })

  app.post('/auth/logout', {
    schema: { tags, summary: 'End the session everywhere (needs X-CSRF: 1)', security: [{ session: [] }], response: { 200: LogoutResponse, ...errorResponses } }
  }, async (request, reply) => {
    sessions.checkCsrf(request)
    const id = sessions.idFrom(request)
    const session = id === undefined ? undefined : sessions.cached(id) ?? await sessions.store.get(id)
    if (id !== undefined) await sessions.end([id])
    sessions.clearCookie(reply)
    return { success: true, endSessionUrl: session === undefined ? null : await rp.endSessionUrl() }
  })

  // The issuer posts its logout token form-encoded (OpenID Connect Back-Channel Logout 1.0).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 65_536 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })
  app.post('/auth/backchannel-logout', {
    schema: {
      tags,
      summary: 'OpenID Connect Back-Channel Logout: the issuer ends sessions',
      consumes: ['application/x-www-form-urlencoded'],
      body: Type.Object({ logout_token: Type.String({ minLength: 1, maxLength: 16_384 }) }),
      response: { 200: Type.Object({ success: Type.Boolean(), ended: Type.Integer() }), 400: Type.Ref('ErrorResponse') }
    }
  }, async (request, reply) => {
    const { sub, sid, jti, expiresAt } = await rp.verifyLogoutToken(request.body.logout_token)
    // Once: the token's jti is remembered until it expires (plus the clock tolerance), on every instance.
    const ttlS = Math.max(1, Math.ceil((expiresAt - Date.now()) / 1000) + 60)
    if (!await sessions.store.remember(`jti:${jti}`, ttlS)) throw errors.invalidField('body', 'logout_token', 'was used already')
    const ids = sid !== undefined ? await sessions.store.find('sid', sid) : await sessions.store.find('sub', sub!)
    await sessions.end(ids)
    reply.header('cache-control', 'no-store')
    return { success: true, ended: ids.length }
  })
}
