import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose'
import { AppError, errors } from '../errors/app-error.js'
import { defaults, type JwtConfig } from '../config/config.js'
import { asciiLower, isUsableUserId, type UserIdentity } from './identity.js'

const ASYMMETRIC = ['RS256', 'ES256', 'EdDSA']
const CLOCK_TOLERANCE_S = 30
// After the key server failed, unknown kids wait this long before it is asked again.
const JWKS_FAILURE_BACKOFF_MS = 10_000
const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout'

/** The identity provider could not give us its keys (now, or recently enough not to ask again). */
class JwksUnavailable extends Error {}

export interface JwtVerifierOptions {
  /** Verified tokens kept, so a token is verified once until it expires. */
  cacheSize?: number
  now?: () => number
  /** After a JWKS fetch, an unknown kid waits this long before the next fetch (jose's default: 30 s). */
  jwksCooldownMs?: number
  /** Called after each full (uncached) verification: metrics and tests. */
  onVerify?: () => void
}

export interface JwtVerifier {
  (token: string): Promise<UserIdentity>
  /** The identity of a token verified before and not yet expired; no verification, no await. */
  cached: (token: string) => UserIdentity | undefined
}

function identityFrom (payload: JWTPayload, userClaim: string, tierClaim: string | undefined): UserIdentity {
  const raw = payload[userClaim]
  const userId = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw
  if (!isUsableUserId(userId)) throw errors.unauthenticated(`Token claim ${userClaim} is missing or not a usable user id.`)
  const email = payload.email_verified === true && typeof payload.email === 'string' ? asciiLower(payload.email) : undefined
  const identity: UserIdentity = email ? { kind: 'user', userId, email, via: 'jwt' } : { kind: 'user', userId, via: 'jwt' }
  const tier = tierClaim === undefined ? undefined : payload[tierClaim]
  if (typeof tier === 'string') identity.tier = tier
  return identity
}

function explain (err: unknown): AppError {
  if (err instanceof AppError) return err
  if (err instanceof joseErrors.JWTExpired) return errors.unauthenticated('Token has expired.')
  if (err instanceof joseErrors.JWTClaimValidationFailed) return errors.unauthenticated(`Token claim ${err.claim} is not accepted.`)
  if (err instanceof joseErrors.JWKSNoMatchingKey) return errors.unauthenticated('Token is signed with an unknown key.')
  if (err instanceof joseErrors.JWKSTimeout || err instanceof joseErrors.JWKSInvalid || err instanceof JwksUnavailable) {
    return new AppError(503, 'UPSTREAM_UNAVAILABLE', 'The identity provider\'s keys could not be fetched.', { cause: err, headers: { 'retry-after': '5' } })
  }
  if (err instanceof joseErrors.JOSEError) return errors.unauthenticated('Token is invalid.')
  if (err instanceof TypeError || err instanceof SyntaxError) return errors.unauthenticated('Token is malformed.')
  return new AppError(503, 'UPSTREAM_UNAVAILABLE', 'The identity provider\'s keys could not be fetched.', { cause: err, headers: { 'retry-after': '5' } })
}

/**
 * Verifies bearer JWTs with jose: HS256 with the shared secret, or an
 * asymmetric algorithm with the JWKS (keys cached, refetched on an unknown
 * kid). Each key type accepts only its own algorithms, which rules out
 * algorithm confusion; jose never accepts `alg: none`.
 */
export function createJwtVerifier (config: JwtConfig, options: JwtVerifierOptions = {}): JwtVerifier {
  const cacheSize = options.cacheSize ?? 10_000
  const now = options.now ?? Date.now
  const secret = config.secret ? new TextEncoder().encode(config.secret) : undefined
  const remote = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: options.jwksCooldownMs ?? 30_000, cacheMaxAge: 600_000, timeoutDuration: 5_000 }) : undefined
  // jose's cooldown counts from a successful fetch; while the key server fails, every
  // unknown kid would fetch again. A failure holds further fetches off for a while.
  let jwksFailedAt = -Infinity
  const jwks: typeof remote = remote && (async (header, token) => {
    if (now() - jwksFailedAt < JWKS_FAILURE_BACKOFF_MS) throw new JwksUnavailable('the JWKS endpoint failed recently')
    try {
      return await remote(header, token)
    } catch (err) {
      // No matching key is an answer about the token; anything else (a 5xx, a timeout,
      // a body that is not a key set) is the key server failing.
      if (err instanceof joseErrors.JWKSNoMatchingKey || err instanceof joseErrors.JWKSMultipleMatchingKeys) throw err
      jwksFailedAt = now()
      throw new JwksUnavailable('the JWKS endpoint failed', { cause: err })
    }
  }) as typeof remote
  const maxLifetimeS = config.maxLifetimeS ?? defaults.jwtMaxLifetimeS
  const base: JWTVerifyOptions = { clockTolerance: CLOCK_TOLERANCE_S, requiredClaims: ['exp'] }
  if (config.issuer) base.issuer = config.issuer
  if (config.audience) base.audience = config.audience
  const cache = new Map<string, { identity: UserIdentity, expiresAt: number }>()

  async function verify (token: string): Promise<{ identity: UserIdentity, exp: number }> {
    const { alg, typ } = decodeProtectedHeader(token)
    // A back-channel logout token is signed by the same keys but is no credential.
    if (typeof typ === 'string' && typ.toLowerCase().replace(/^application\//, '') === 'logout+jwt') throw errors.unauthenticated('A logout token is not a bearer token.')
    let payload: JWTPayload
    if (alg === 'HS256' && secret) {
      payload = (await jwtVerify(token, secret, { ...base, algorithms: ['HS256'] })).payload
    } else if (alg !== undefined && ASYMMETRIC.includes(alg) && jwks) {
      payload = (await jwtVerify(token, jwks, { ...base, algorithms: ASYMMETRIC })).payload
    } else {
      throw errors.unauthenticated(`Token algorithm ${String(alg)} is not accepted.`)
    }
    if (typeof payload.events === 'object' && payload.events !== null && BACKCHANNEL_LOGOUT_EVENT in payload.events) {
      throw errors.unauthenticated('A logout token is not a bearer token.')
    }
    // requiredClaims makes exp present; jose has checked it is a number. A token that
    // lives longer than allowed (`exp: 1e300`) is refused rather than trusted forever.
    const exp = payload.exp as number
    const issuedAt = typeof payload.iat === 'number' ? payload.iat : now() / 1000
    if (exp - Math.min(issuedAt, now() / 1000) > maxLifetimeS + CLOCK_TOLERANCE_S) throw errors.unauthenticated(`Token lives longer than ${maxLifetimeS} s.`)
    return { identity: identityFrom(payload, config.userClaim, config.tierClaim), exp }
  }

  const cached = (token: string): UserIdentity | undefined => {
    const hit = cache.get(token)
    if (hit === undefined) return undefined
    if (hit.expiresAt > now()) return hit.identity
    cache.delete(token)
    return undefined
  }

  const verifier = async (token: string): Promise<UserIdentity> => {
    const hit = cached(token)
    if (hit) return hit
    let verified: { identity: UserIdentity, exp: number }
    try {
      verified = await verify(token)
    } catch (err) {
      throw explain(err)
    }
    options.onVerify?.()
    const { identity, exp } = verified
    if (cache.size >= cacheSize) {
      // Evict the oldest entry: a Map iterates in insertion order.
      const oldest = cache.keys().next().value
      if (oldest !== undefined) cache.delete(oldest)
    }
    cache.set(token, { identity, expiresAt: exp * 1000 })
    return identity
  }
  return Object.assign(verifier, { cached })
}
