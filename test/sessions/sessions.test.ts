import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SignJWT, exportJWK, generateKeyPair } from 'jose'
import { randomUUID } from 'node:crypto'
import { buildApp } from '../../src/app.js'
import { Signer } from '@fastify/cookie'
import type { SessionConfig } from '../../src/config/config.js'
import { startIdentityProvider, type IdentityProvider } from '../../src/emulator/identity-provider.js'
import { baseConfig, captureStream, startHarness, type Harness } from '../helpers/harness.js'
import { closedPort } from '../helpers/ports.js'
import { startRedis, type TestRedis } from '../helpers/redis.js'
import { Browser, logIn } from '../../src/emulator/browser-login.js'
import type { FastifyInstance } from 'fastify'

type CryptoKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey']

// The whole backend-for-frontend login against a real OpenID provider
// (oidc-provider) over real sockets, two BFF instances sharing Redis.

const KEY_NEW = 'session-key-new-0123456789abcdef0123456789'
const KEY_OLD = 'session-key-old-0123456789abcdef0123456789'
let h: Harness
let redis: TestRedis
let idp: IdentityProvider
let signingKey: CryptoKey
let bff: string
let other: FastifyInstance
let otherUrl: string
let sessionConfig: SessionConfig
const CLIENT = { client_id: 'sensay-bff', client_secret: 'client-secret-for-tests-0123456789' }

beforeAll(async () => {
  redis = await startRedis()
  const port = await closedPort()
  bff = `http://127.0.0.1:${port}`
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  signingKey = privateKey
  idp = await startIdentityProvider([{
    ...CLIENT,
    redirect_uris: [`${bff}/auth/callback`],
    post_logout_redirect_uris: [`${bff}/`],
    backchannel_logout_uri: `${bff}/auth/backchannel-logout`
  }], { jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' }] } })
  sessionConfig = { issuer: idp.issuer, clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret, publicUrl: bff, secrets: [KEY_NEW, KEY_OLD], idleTimeoutS: 3600, absoluteTimeoutS: 7200 }
  h = await startHarness({ config: { sessions: sessionConfig, redis: { kind: 'url', url: redis.url }, corsOrigins: ['https://app.example'] } })
  await h.app.listen({ host: '127.0.0.1', port })
  other = await buildApp({ ...baseConfig(h.emu.url), sessions: { ...sessionConfig, secrets: [KEY_NEW] }, redis: { kind: 'url', url: redis.url } }, { logStream: captureStream([]), upstreamKeepAliveMs: 500 })
  otherUrl = await other.listen({ host: '127.0.0.1', port: 0 })
}, 60_000)

afterAll(async () => {
  await other?.close()
  await h?.close()
  await idp?.close()
  await redis?.stop()
})

const api = (browser: Browser, base: string, path: string, headers: Record<string, string> = { 'x-csrf': '1' }) => browser.fetch(`${base}${path}`, { headers })

describe('login', () => {
  it('logs in through the provider: a new HttpOnly SameSite cookie, back to returnTo, /auth/user knows the user', async () => {
    const browser = new Browser()
    const user = `ada-${randomUUID().slice(0, 8)}`
    const callback = await logIn(browser, bff, user, '/docs')
    expect(callback.status).toBe(302)
    expect(callback.location).toBe(`${bff}/docs`)
    const setCookie = ([] as string[]).concat(callback.headers['set-cookie'] ?? []).find((c) => c.startsWith('bff_session='))
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    expect(setCookie).toMatch(/Path=\//)
    const me = await api(browser, bff, '/auth/user', {})
    expect(me.status).toBe(200)
    expect(JSON.parse(me.text)).toMatchObject({ success: true, userId: user, name: user, email: `${user}@example.com` })
    // Nothing of the login reaches the page: no token in any answer.
    expect(me.text).not.toMatch(/eyJ/)
  })

  it('a cookie-authenticated /v1 call acts as the session user, with X-CSRF; without it, or cross-site, 403', async () => {
    const browser = new Browser()
    const user = `bea-${randomUUID().slice(0, 8)}`
    await logIn(browser, bff, user)
    h.emu.calls.length = 0
    const ok = await api(browser, bff, '/v1/users/me')
    expect(ok.status).toBe(200)
    expect(JSON.parse(ok.text)).toMatchObject({ id: user })
    expect(h.emu.callsTo('GET', '/v1/users/me').at(-1)?.headers['x-user-id']).toBe(user)
    expect((await api(browser, bff, '/v1/users/me', {})).status).toBe(403)
    expect((await api(browser, bff, '/v1/users/me', { 'x-csrf': '1', origin: 'https://evil.example' })).status).toBe(403)
    expect((await api(browser, bff, '/v1/users/me', { 'x-csrf': '1', 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await api(browser, bff, '/v1/users/me', { 'x-csrf': '1', origin: 'https://app.example', 'sec-fetch-site': 'cross-site' })).status).toBe(200)
    const line = h.logLines().filter((l) => l.route === '/v1/users/me').at(-1)
    expect(line?.user).toBe(`session:${user}`)
  })

  it('a stray cookie beside a bearer token is ignored: the token decides', async () => {
    const browser = new Browser()
    await logIn(browser, bff, `cat-${randomUUID().slice(0, 8)}`)
    // Unique ids: the Redis these tests share keeps provisioning marks between runs.
    const bearer = `bearer-${randomUUID()}`
    const res = await api(browser, bff, '/v1/users/me', { authorization: (await h.as(bearer)).authorization! })
    expect(JSON.parse(res.text)).toMatchObject({ id: bearer })
  })

  it.each(['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)'])('refuses returnTo %s (no open redirect)', async (returnTo) => {
    const res = await new Browser().fetch(`${bff}/auth/login?returnTo=${encodeURIComponent(returnTo)}`)
    expect(res.status).toBe(400)
    expect(JSON.parse(res.text).details[0]).toMatchObject({ in: 'query', field: 'returnTo' })
  })

  it('allows returnTo on an origin in CORS_ORIGINS', async () => {
    const res = await new Browser().fetch(`${bff}/auth/login?returnTo=${encodeURIComponent('https://app.example/chat')}`)
    expect(res.status).toBe(302)
    expect(res.location).toMatch(new RegExp(`^${idp.issuer}/auth\\?`))
    expect(res.location).toMatch(/code_challenge_method=S256/)
  })

  it('a callback completes only in the browser that started the login, and only once', async () => {
    const victim = new Browser()
    const started = await victim.follow(`${bff}/auth/login`)
    const posted = await victim.fetch(started.url, { method: 'POST', form: { prompt: 'login', login: 'victim', password: 'x' } })
    const toCallback = await victim.follow(posted.location!, (next) => next.startsWith(`${bff}/auth/callback`))
    const callbackUrl = toCallback.location!
    // Someone else's browser (no login cookie): no session.
    const attacker = new Browser()
    const foreign = await attacker.fetch(callbackUrl)
    expect(foreign.status).toBe(400)
    expect(attacker.cookies(bff).has('bff_session')).toBe(false)
    const first = await victim.fetch(callbackUrl)
    expect(first.status).toBe(302)
    const replay = await victim.fetch(callbackUrl)
    expect(replay.status).toBe(400)
  })

  it('a login started on another loopback name than PUBLIC_URL\'s restarts on PUBLIC_URL\'s host; a non-loopback host is never rewritten', async () => {
    const elsewhere = await h.app.inject({ method: 'GET', url: '/auth/login?returnTo=%2Freplicas', headers: { host: 'localhost:3000' } })
    expect(elsewhere.statusCode).toBe(302)
    expect(elsewhere.headers.location).toBe(`${bff}/auth/login?returnTo=%2Freplicas`)
    expect(elsewhere.headers['set-cookie']).toBeUndefined()
    const proxied = await h.app.inject({ method: 'GET', url: '/auth/login', headers: { host: 'bff.internal:8080' } })
    expect(proxied.statusCode).toBe(302)
    expect(proxied.headers.location).toMatch(new RegExp(`^${idp.issuer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
  })

  it('a provider that is down at login is a 503, and no session', async () => {
    const down = await buildApp({ ...baseConfig(h.emu.url), sessions: { ...sessionConfig, issuer: `http://127.0.0.1:${await closedPort()}` } }, { logStream: captureStream([]) })
    try {
      // On PUBLIC_URL's own host (inject's default, localhost, would first be sent there: below).
      const res = await down.inject({ method: 'GET', url: '/auth/login', headers: { host: new URL(bff).host } })
      expect(res.statusCode).toBe(503)
      expect(res.json().error_code).toBe('UPSTREAM_UNAVAILABLE')
    } finally {
      await down.close()
    }
  })
})

describe('the session cookie', () => {
  it('is documented: the /auth routes and the cookie security scheme in /openapi.json', async () => {
    const doc = (await h.app.inject({ url: '/openapi.json' })).json()
    for (const path of ['/auth/login', '/auth/callback', '/auth/user', '/auth/logout', '/auth/backchannel-logout']) expect(doc.paths).toHaveProperty([path])
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' })
  })

  it('a tampered cookie, or one that names no session, is a 401', async () => {
    const browser = new Browser()
    await logIn(browser, bff, `dan-${randomUUID().slice(0, 8)}`)
    const value = browser.cookies(bff).get('bff_session')!
    browser.cookies(bff).set('bff_session', value.replace(/^./, (c) => c === 'a' ? 'b' : 'a'))
    expect((await api(browser, bff, '/v1/users/me')).status).toBe(401)
    browser.cookies(bff).set('bff_session', h.app.signCookie('no-such-session'))
    expect((await api(browser, bff, '/v1/users/me')).status).toBe(401)
  })

  it('an expired session is a 401', async () => {
    const id = `expired-${randomUUID()}`
    const now = Date.now()
    await h.app.sessions!.store.set(id, { userId: 'old', sub: 'old', createdAt: now - 10_000, expiresAt: now - 1 }, 60)
    const browser = new Browser()
    browser.cookies(bff).set('bff_session', h.app.signCookie(id))
    expect((await api(browser, bff, '/auth/user', {})).status).toBe(401)
  })

  it('keys rotate: a cookie signed with the older key still works while it is listed; an instance without it refuses', async () => {
    const browser = new Browser()
    const user = `eve-${randomUUID().slice(0, 8)}`
    await logIn(browser, bff, user)
    const id = h.app.unsignCookie(browser.cookies(bff).get('bff_session')!).value!
    const oldSigned = new Signer(KEY_OLD).sign(id)
    browser.cookies(bff).set('bff_session', oldSigned)
    expect((await api(browser, bff, '/v1/users/me')).status).toBe(200)
    const elsewhere = new Browser()
    elsewhere.cookies(otherUrl).set('bff_session', oldSigned)
    expect((await api(elsewhere, otherUrl, '/v1/users/me')).status).toBe(401)
  })
})

describe('logout', () => {
  it('ends the session on every instance at once (CSRF-checked), with the issuer\'s end-session URL', async () => {
    const browser = new Browser()
    await logIn(browser, bff, `fay-${randomUUID().slice(0, 8)}`)
    const cookie = browser.cookies(bff).get('bff_session')!
    const elsewhere = new Browser()
    elsewhere.cookies(otherUrl).set('bff_session', cookie)
    expect((await api(elsewhere, otherUrl, '/v1/users/me')).status).toBe(200) // now cached there
    expect((await browser.fetch(`${bff}/auth/logout`, { method: 'POST' })).status).toBe(403)
    const out = await browser.fetch(`${bff}/auth/logout`, { method: 'POST', headers: { 'x-csrf': '1' } })
    expect(out.status).toBe(200)
    const { endSessionUrl } = JSON.parse(out.text) as { endSessionUrl: string }
    expect(endSessionUrl).toMatch(new RegExp(`^${idp.issuer}/session/end\\?`))
    // The page gets this URL: it names the client, never carries the ID token.
    expect(endSessionUrl).toContain(`client_id=${CLIENT.client_id}`)
    expect(endSessionUrl).not.toContain('id_token_hint')
    browser.cookies(bff).set('bff_session', cookie)
    expect((await api(browser, bff, '/v1/users/me')).status).toBe(401)
    await expect.poll(async () => (await api(elsewhere, otherUrl, '/v1/users/me')).status, { interval: 20, timeout: 2_000 }).toBe(401)
  })

  it('a back-channel logout token from the issuer ends the matching sessions; a forged one ends nothing', async () => {
    const browser = new Browser()
    const user = `gus-${randomUUID().slice(0, 8)}`
    await logIn(browser, bff, user)
    const logoutToken = (key: CryptoKey, claims: Record<string, unknown> = {}) => new SignJWT({ sub: user, events: { 'http://schemas.openid.net/event/backchannel-logout': {} }, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-1', typ: 'logout+jwt' }).setIssuer(idp.issuer).setAudience(CLIENT.client_id).setIssuedAt().setJti(randomUUID()).sign(key)
    const forgedKey = (await generateKeyPair('RS256')).privateKey
    const forged = await new Browser().fetch(`${bff}/auth/backchannel-logout`, { method: 'POST', form: { logout_token: await logoutToken(forgedKey) } })
    expect(forged.status).toBe(400)
    expect((await api(browser, bff, '/v1/users/me')).status).toBe(200)
    const real = await new Browser().fetch(`${bff}/auth/backchannel-logout`, { method: 'POST', form: { logout_token: await logoutToken(signingKey) } })
    expect(real.status).toBe(200)
    expect(JSON.parse(real.text)).toMatchObject({ success: true, ended: 1 })
    expect((await api(browser, bff, '/v1/users/me')).status).toBe(401)
  })
})

describe('sessions against someone hostile', () => {
  it('a replayed back-channel logout token (same jti) is a 400 and ends nothing, on any instance', async () => {
    const user = `hal-${randomUUID().slice(0, 8)}`
    const first = new Browser()
    await logIn(first, bff, user)
    const token = await new SignJWT({ sub: user, events: { 'http://schemas.openid.net/event/backchannel-logout': {} } })
      .setProtectedHeader({ alg: 'RS256', kid: 'idp-1', typ: 'logout+jwt' }).setIssuer(idp.issuer).setAudience(CLIENT.client_id).setIssuedAt().setJti(randomUUID()).sign(signingKey)
    expect((await new Browser().fetch(`${bff}/auth/backchannel-logout`, { method: 'POST', form: { logout_token: token } })).status).toBe(200)
    const second = new Browser()
    await logIn(second, bff, user)
    const replay = await new Browser().fetch(`${otherUrl}/auth/backchannel-logout`, { method: 'POST', form: { logout_token: token } })
    expect(replay.status).toBe(400)
    expect(JSON.parse(replay.text).details[0]).toMatchObject({ field: 'logout_token' })
    expect((await api(second, bff, '/v1/users/me')).status).toBe(200)
  })

  it('a read racing a logout cannot bring the session back', async () => {
    const browser = new Browser()
    await logIn(browser, bff, `ivy-${randomUUID().slice(0, 8)}`)
    const { valid, value: id } = new Signer([KEY_NEW]).unsign(decodeURIComponent(browser.cookies(bff).get('bff_session')!))
    expect(valid).toBe(true)
    const store = h.app.sessions!.store
    // The read happened (the session was there), then the logout, then the read's renewal.
    expect(await store.get(id!)).toBeDefined()
    await store.delete(id!)
    expect(await store.touch(id!, 3600)).toBe(false)
    expect(await store.get(id!)).toBeUndefined()
  })

  it('a returnTo of any non-ASCII character is a 400 in the error shape, and the current session stays', async () => {
    const browser = new Browser()
    await logIn(browser, bff, `jo-${randomUUID().slice(0, 8)}`)
    for (const returnTo of ['/café', '/\u2028x', '/😀']) {
      const res = await browser.fetch(`${bff}/auth/login?returnTo=${encodeURIComponent(returnTo)}`)
      expect(res.status, returnTo).toBe(400)
      expect(JSON.parse(res.text)).toMatchObject({ error_code: 'VALIDATION_FAILED', details: [{ field: 'returnTo' }] })
    }
    expect((await api(browser, bff, '/v1/users/me')).status).toBe(200)
  })

  it('every cookie-authenticated answer says Cache-Control: no-store; a bearer one does not need to', async () => {
    const browser = new Browser()
    await logIn(browser, bff, `kai-${randomUUID().slice(0, 8)}`)
    const res = await api(browser, bff, '/v1/users/me')
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const bearer = await h.app.inject({ method: 'GET', url: '/v1/users/me', headers: await h.as('kai-bearer') })
    expect(bearer.headers['cache-control']).toBeUndefined()
  })

  it('the demo identity provider signs with keys it made at start, not a published development key', async () => {
    const [a, b] = await Promise.all([startIdentityProvider([]), startIdentityProvider([])])
    try {
      const keys = await Promise.all([a, b].map(async (p) => (await (await fetch(`${p.issuer}/jwks`)).json() as { keys: Array<{ kid: string, n: string }> }).keys))
      expect(keys[0]![0]!.kid).toMatch(/^demo-/)
      expect(keys[0]![0]!.n).not.toBe(keys[1]![0]!.n)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })
})
