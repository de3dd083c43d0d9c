import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type JWK } from 'jose'
import { createJwtVerifier } from '../../src/auth/jwt-verifier.js'
import { AppError } from '../../src/errors/app-error.js'
import { JWT_SECRET, signToken } from '../helpers/harness.js'

const hsConfig = { secret: JWT_SECRET, userClaim: 'sub' }

async function rejection (promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(() => { throw new Error('expected a rejection') }, (e: unknown) => e)
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

describe('HS256 tokens', () => {
  const verify = createJwtVerifier(hsConfig)

  it('accepts a valid token and maps sub to the user id verbatim', async () => {
    const identity = await verify(await signToken('User|42 x'))
    expect(identity).toEqual({ kind: 'user', userId: 'User|42 x', via: 'jwt' })
  })

  it('keeps a verified email, lower-cased, and ignores an unverified one', async () => {
    expect((await verify(await signToken('a', { email: 'A@X.io', email_verified: true }))).email).toBe('a@x.io')
    expect((await verify(await signToken('b', { email: 'b@x.io' }))).email).toBeUndefined()
  })

  it('refuses a wrong signature', async () => {
    const err = await rejection(verify(await signToken('a', {}, 'another-secret-another-secret-xx')))
    expect(err.statusCode).toBe(401)
  })

  it('refuses an expired token (beyond 30 s of tolerance)', async () => {
    const token = await new SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(new TextEncoder().encode(JWT_SECRET))
    const err = await rejection(verify(token))
    expect(err.message).toMatch(/expired/)
  })

  it('tolerates 30 s of clock skew on nbf, not more', async () => {
    const sign = (nbf: number) => new SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'HS256' }).setNotBefore(nbf).setExpirationTime('1h').sign(new TextEncoder().encode(JWT_SECRET))
    const now = Math.floor(Date.now() / 1000)
    await expect(verify(await sign(now + 10))).resolves.toMatchObject({ userId: 'a' })
    await rejection(verify(await sign(now + 120)))
  })

  it('refuses a token without exp', async () => {
    const token = await new SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(JWT_SECRET))
    await rejection(verify(token))
  })

  it('refuses alg none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')
    const payload = Buffer.from(JSON.stringify({ sub: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url')
    const err = await rejection(verify(`${header}.${payload}.`))
    expect(err.statusCode).toBe(401)
  })

  it('refuses garbage', async () => {
    expect((await rejection(verify('not.a.jwt'))).statusCode).toBe(401)
    expect((await rejection(verify('abc'))).statusCode).toBe(401)
  })

  it('checks iss and aud when configured', async () => {
    const strict = createJwtVerifier({ ...hsConfig, issuer: 'https://id.example', audience: 'sensay-bff' })
    await expect(strict(await signToken('a', { iss: 'https://id.example', aud: 'sensay-bff' }))).resolves.toMatchObject({ userId: 'a' })
    expect((await rejection(strict(await signToken('a', { iss: 'https://evil.example', aud: 'sensay-bff' })))).message).toMatch(/iss/)
    expect((await rejection(strict(await signToken('a', { iss: 'https://id.example', aud: 'other' })))).message).toMatch(/aud/)
  })

  it('uses the configured user claim, and refuses a token without a usable one', async () => {
    const custom = createJwtVerifier({ ...hsConfig, userClaim: 'uid' })
    await expect(custom(await signToken('ignored', { uid: 'u-7' }))).resolves.toMatchObject({ userId: 'u-7' })
    await rejection(custom(await signToken('ignored')))
    await rejection(verify(await signToken('bad\nid')))
  })

  it('serves a verified token from its cache until it expires', async () => {
    let clock = Date.now()
    let verifications = 0
    const cached = createJwtVerifier(hsConfig, { now: () => clock, onVerify: () => { verifications++ } })
    const token = await new SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(Math.floor(clock / 1000) + 60).sign(new TextEncoder().encode(JWT_SECRET))
    await cached(token)
    await expect(cached(token)).resolves.toMatchObject({ userId: 'a' })
    expect(verifications).toBe(1)
    clock += 61_000
    // Past exp by the verifier's clock, the cache no longer answers: a full verification runs again.
    await cached(token)
    expect(verifications).toBe(2)
  })
})

describe('JWKS tokens', () => {
  let server: Server
  let keys: JWK[] = []
  let fetches = 0
  let url: string
  let rsa: Awaited<ReturnType<typeof generateKeyPair>>
  let ec: Awaited<ReturnType<typeof generateKeyPair>>

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256', { extractable: true })
    ec = await generateKeyPair('ES256', { extractable: true })
    keys = [{ ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' }]
    server = createServer((_req, res) => {
      fetches++
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ keys }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`
  })
  afterAll(async () => { await new Promise((resolve) => server.close(resolve)) })

  const signWith = (key: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'], alg: string, kid: string, sub = 'jwks-user') =>
    new SignJWT({ sub }).setProtectedHeader({ alg, kid }).setExpirationTime('1h').sign(key)

  it('verifies RS256 with keys from the JWKS URL, fetched once', async () => {
    const verify = createJwtVerifier({ jwksUrl: url, userClaim: 'sub' })
    const before = fetches
    await expect(verify(await signWith(rsa.privateKey, 'RS256', 'rsa-1', 'r1'))).resolves.toMatchObject({ userId: 'r1' })
    await expect(verify(await signWith(rsa.privateKey, 'RS256', 'rsa-1', 'r2'))).resolves.toMatchObject({ userId: 'r2' })
    expect(fetches - before).toBe(1)
  })

  it('follows a key rotation: an unknown kid refetches the JWKS', async () => {
    const verify = createJwtVerifier({ jwksUrl: url, userClaim: 'sub' }, { jwksCooldownMs: 0 })
    await verify(await signWith(rsa.privateKey, 'RS256', 'rsa-1'))
    keys = [...keys, { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' }]
    await expect(verify(await signWith(ec.privateKey, 'ES256', 'ec-1', 'rotated'))).resolves.toMatchObject({ userId: 'rotated' })
  })

  it('refuses algorithm confusion: HS256 signed with the RSA public key', async () => {
    const verify = createJwtVerifier({ jwksUrl: url, userClaim: 'sub' })
    const pem = await exportSPKI(rsa.publicKey)
    const forged = await new SignJWT({ sub: 'attacker' }).setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).setExpirationTime('1h').sign(new TextEncoder().encode(pem))
    const err = await rejection(verify(forged))
    expect(err.statusCode).toBe(401)
  })

  it('refuses an HS256 token when only a JWKS is configured, and RS256 when only a secret is', async () => {
    await rejection(createJwtVerifier({ jwksUrl: url, userClaim: 'sub' })(await signToken('a')))
    await rejection(createJwtVerifier(hsConfig)(await signWith(rsa.privateKey, 'RS256', 'rsa-1')))
  })
})

describe('tokens that must not pass', () => {
  const verify = createJwtVerifier(hsConfig)
  const key = new TextEncoder().encode(JWT_SECRET)

  it('a back-channel logout token (typ logout+jwt, or its event) is no bearer token', async () => {
    const byType = await new SignJWT({ sub: 'a', events: {} }).setProtectedHeader({ alg: 'HS256', typ: 'logout+jwt' }).setIssuedAt().setExpirationTime('2m').sign(key)
    expect((await rejection(verify(byType))).message).toMatch(/logout token/)
    const byEvent = await new SignJWT({ sub: 'a', events: { 'http://schemas.openid.net/event/backchannel-logout': {} } })
      .setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('2m').sign(key)
    expect((await rejection(verify(byEvent))).message).toMatch(/logout token/)
  })

  it('a token that lives longer than the maximum (24 h by default) is refused, whether exp is far or iat is old', async () => {
    const forever = await new SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(1e300).sign(key)
    expect((await rejection(verify(forever))).message).toMatch(/lives longer/)
    const now = Math.floor(Date.now() / 1000)
    const old = await new SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now - 30 * 86_400).setExpirationTime(now + 3600).sign(key)
    expect((await rejection(verify(old))).message).toMatch(/lives longer/)
    const day = await new SignJWT({ sub: 'a' }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('23h').sign(key)
    await expect(verify(day)).resolves.toMatchObject({ userId: 'a' })
    const short = createJwtVerifier({ ...hsConfig, maxLifetimeS: 600 })
    expect((await rejection(short(day))).statusCode).toBe(401)
  })

  it('an email is lower-cased in ASCII only: the Kelvin sign is not a k', async () => {
    const kelvin = await verify(await signToken('k1', { email: '\u212Aarl@example.com', email_verified: true }))
    expect(kelvin.email).toBe('\u212Aarl@example.com')
    const plain = await verify(await signToken('k2', { email: 'KARL@Example.com', email_verified: true }))
    expect(plain.email).toBe('karl@example.com')
  })
})

describe('while the key server fails', () => {
  it('unknown kids do not each trigger a fetch: one attempt, then 503 at once for a while', async () => {
    let fetches = 0
    const failing = createServer((_req, res) => { fetches++; res.writeHead(500).end('down') })
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve))
    try {
      const verify = createJwtVerifier({ jwksUrl: `http://127.0.0.1:${(failing.address() as AddressInfo).port}/jwks.json`, userClaim: 'sub' })
      const { privateKey } = await generateKeyPair('RS256')
      const statuses: number[] = []
      for (let i = 0; i < 10; i++) {
        const token = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'RS256', kid: `kid-${i}` }).setExpirationTime('1h').sign(privateKey)
        statuses.push((await rejection(verify(token))).statusCode)
      }
      expect(statuses).toEqual(Array(10).fill(503))
      expect(fetches).toBe(1)
    } finally {
      await new Promise((resolve) => failing.close(resolve))
    }
  })
})
