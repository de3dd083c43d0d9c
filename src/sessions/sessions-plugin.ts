import { randomBytes } from 'node:crypto'
import fp from 'fastify-plugin'
import cookie from '@fastify/cookie'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config, SessionConfig } from '../config/config.js'
import type { UserIdentity } from '../auth/identity.js'
import { createCsrfCheck } from './csrf.js'
import { RelyingParty } from './relying-party.js'
import { MemorySessionStore, RedisSessionStore, type Session, type SessionStore } from './store.js'
import { subscriberFor } from '../plugins/redis.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Browser sessions, when OIDC_ISSUER is configured. */
    sessions?: Sessions
  }
}

/** Where instances tell each other that a session ended, so cached copies go at once. */
export const ENDED_CHANNEL = 'sensay-bff:session-ended'
// A session read from the store is trusted this long on this instance; a logout anywhere drops it at once.
const LOCAL_CACHE_MS = 5_000
const LOGIN_TTL_S = 600

export interface Sessions {
  config: SessionConfig
  rp: RelyingParty
  store: SessionStore
  cookieName: string
  /** The login cookie binds a pending login to the browser that started it. */
  setLoginCookie: (reply: FastifyReply, loginId: string) => void
  loginIdFrom: (request: FastifyRequest) => string | undefined
  clearLoginCookie: (reply: FastifyReply) => void
  /** Throws 403 unless the request carries the CSRF proofs. */
  checkCsrf: (request: FastifyRequest) => void
  /** The session id in the request's cookie, if the signature holds (any configured key). */
  idFrom: (request: FastifyRequest) => string | undefined
  /** The session behind the cookie, synchronously when this instance saw it recently. */
  cached: (id: string) => Session | undefined
  /** Its identity, the same object for every request within the cache's few seconds. */
  cachedIdentity: (id: string) => UserIdentity | undefined
  load: (id: string) => Promise<Session | undefined>
  identityOf: (session: Session) => UserIdentity
  create: (reply: FastifyReply, session: Session) => Promise<void>
  /** Ends sessions in the store and in every instance's cache. */
  end: (ids: string[]) => Promise<void>
  clearCookie: (reply: FastifyReply) => void
  newId: () => string
}

export const sessionsPlugin = fp<{ config: Config }>(async (app, { config }) => {
  const options = config.sessions
  if (options === undefined) return
  await app.register(cookie, { secret: options.secrets })
  const secure = options.publicUrl.startsWith('https:')
  // __Host-: only this origin, Path=/, Secure. Browsers refuse it without Secure, so plain http (loopback only) goes without.
  const prefix = secure ? '__Host-' : ''
  const cookieName = `${prefix}bff_session`
  const loginCookieName = `${prefix}bff_login`
  const cookieOptions = { httpOnly: true, secure, sameSite: 'lax' as const, path: '/', signed: true }
  const store: SessionStore = app.redis ? new RedisSessionStore(app.redis) : new MemorySessionStore()
  if (store instanceof MemorySessionStore) app.addHook('onClose', (_app, done) => { store.close(); done() })
  const rp = new RelyingParty(options)
  const local = new Map<string, { session: Session, identity: UserIdentity, until: number }>()

  const forgetLocally = (id: string) => { local.delete(id) }
  // Signed values already verified: the same cookie comes with every request of a session,
  // and an HMAC per request was the largest cost of the cookie path. Bounded; a value is only
  // ever remembered after its signature held.
  const verified = new Map<string, string>()
  /** A cookie's value if its signature holds under any configured key (newest signs, older ones still verify). */
  const unsign = (request: FastifyRequest, name: string): string | undefined => {
    const raw = request.cookies[name]
    if (raw === undefined) return undefined
    const known = verified.get(raw)
    if (known !== undefined) return known
    const unsigned = request.unsignCookie(raw)
    if (!unsigned.valid || unsigned.value === null) return undefined
    if (verified.size >= 100_000) verified.delete(verified.keys().next().value!)
    verified.set(raw, unsigned.value)
    return unsigned.value
  }
  if (app.redis) {
    const subscriber = subscriberFor(app.redis)
    subscriber.on('error', () => {})
    subscriber.on('message', (_channel: string, id: string) => forgetLocally(id))
    subscriber.subscribe(ENDED_CHANNEL).catch((err: unknown) => app.log.warn({ err }, 'cannot subscribe to session ends'))
    app.addHook('onClose', async () => { subscriber.disconnect() })
  }

  const live = (id: string) => {
    const hit = local.get(id)
    if (hit === undefined) return undefined
    const now = Date.now()
    if (hit.until > now && hit.session.expiresAt > now) return hit
    local.delete(id)
    return undefined
  }

  const ttlOf = (session: Session): number => Math.max(1, Math.min(options.idleTimeoutS, Math.floor((session.expiresAt - Date.now()) / 1000)))

  const sessions: Sessions = {
    config: options,
    rp,
    store,
    cookieName,
    setLoginCookie: (reply, loginId) => { reply.setCookie(loginCookieName, loginId, { ...cookieOptions, maxAge: LOGIN_TTL_S }) },
    loginIdFrom: (request) => unsign(request, loginCookieName),
    clearLoginCookie: (reply) => { reply.clearCookie(loginCookieName, { path: '/', secure, httpOnly: true, sameSite: 'lax' }) },
    checkCsrf: createCsrfCheck(new URL(options.publicUrl).origin, config.corsOrigins),
    idFrom: (request) => unsign(request, cookieName),
    cached: (id) => live(id)?.session,
    cachedIdentity: (id) => live(id)?.identity,
    async load (id) {
      const session = await store.get(id)
      if (session === undefined || session.expiresAt <= Date.now()) return undefined
      // Each read from the store (at most every few seconds per instance) renews the idle lifetime,
      // only if the session is still there: a logout between the read and now stays a logout.
      if (!await store.touch(id, ttlOf(session))) return undefined
      if (local.size >= 100_000) local.delete(local.keys().next().value!)
      local.set(id, { session, identity: sessions.identityOf(session), until: Date.now() + LOCAL_CACHE_MS })
      return session
    },
    identityOf: (session) => {
      const identity: UserIdentity = session.email === undefined
        ? { kind: 'user', userId: session.userId, via: 'session' }
        : { kind: 'user', userId: session.userId, email: session.email, via: 'session' }
      if (session.tier !== undefined) identity.tier = session.tier
      return identity
    },
    async create (reply, session) {
      // Always a new id at login: a session id planted before login is worth nothing.
      const id = sessions.newId()
      await store.set(id, session, ttlOf(session))
      reply.setCookie(cookieName, id, { ...cookieOptions, maxAge: Math.floor((session.expiresAt - Date.now()) / 1000) })
    },
    async end (ids) {
      for (const id of ids) {
        forgetLocally(id)
        await store.delete(id)
        await app.redis?.publish(ENDED_CHANNEL, id).catch(() => 0)
      }
    },
    clearCookie (reply) {
      reply.clearCookie(cookieName, { path: '/', secure, httpOnly: true, sameSite: 'lax' })
    },
    newId: () => randomBytes(32).toString('base64url')
  }
  app.decorate('sessions', sessions)
}, { name: 'sessions', dependencies: ['redis'] })

/** How long a login may take from /auth/login to /auth/callback. */
export const LOGIN_TTL = LOGIN_TTL_S
