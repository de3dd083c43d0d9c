import { errors } from '../errors/app-error.js'

/** Who is calling: an end user (sent upstream as X-USER-ID) or the organization. */
export type Identity =
  /** `tier`: the value of the quota tier claim (token, session) or the API key's tier, as given. */
  | { kind: 'user', userId: string, email?: string, via: 'jwt' | 'api-key' | 'dev' | 'session', tier?: string }
  /** A team's server acting for the user its request names (X-USER-ID), with that user's rules only. */
  | { kind: 'user', userId: string, email?: undefined, via: 'service', service: string, tier?: string }
  | { kind: 'admin', name: string, via: 'api-key' }

export type UserIdentity = Extract<Identity, { kind: 'user' }>

// The value goes verbatim into a header: refuse what a header cannot carry.
const USABLE_USER_ID = /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/

export function isUsableUserId (value: unknown): value is string {
  return typeof value === 'string' && USABLE_USER_ID.test(value)
}

/** For routes that only make sense for a user (`/v1/users/me*`, chat): 403 to an admin key. */
export function requireUser (identity: Identity | undefined): UserIdentity {
  if (!identity) throw errors.unauthenticated()
  if (identity.kind !== 'user') throw errors.forbidden('This route acts for a user; an admin key has no user.')
  return identity
}

/**
 * Lower-cases A-Z only. Full Unicode case mapping folds look-alikes together
 * (the Kelvin sign U+212A lower-cases to "k"), so it must never decide whether
 * two email addresses match.
 */
export function asciiLower (value: string): string {
  return value.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32))
}

/** What kind of identity acted, for the log line: `jwt:alice`, `session:alice`, `api-key:alice`, `dev:alice`, `service:shop:alice`, `admin-key:ops`. */
export function describeIdentity (identity: Identity): string {
  if (identity.kind === 'admin') return `admin-key:${identity.name}`
  return identity.via === 'service' ? `service:${identity.service}:${identity.userId}` : `${identity.via}:${identity.userId}`
}

/** The X-USER-ID to send upstream, if any. */
export function upstreamUserId (identity: Identity): string | undefined {
  return identity.kind === 'user' ? identity.userId : undefined
}
