import type { RedisClient } from '../plugins/redis.js'

/** What the server keeps of a login; the browser holds only the (signed) session id. */
export interface Session {
  userId: string
  name?: string
  email?: string
  /** The ID token's quota tier claim, as given (QUOTAS_FILE's tierClaim). */
  tier?: string
  /** The ID token's `sub` and `sid`, for back-channel logout. */
  sub: string
  sid?: string
  createdAt: number
  /** The absolute end (ms since epoch), whatever the activity. */
  expiresAt: number
}

/** A login in progress: kept server-side, found through the login cookie of the browser that started it. */
export interface PendingLogin {
  state: string
  nonce: string
  codeVerifier: string
  returnTo: string
}

/**
 * Where sessions live: Redis when configured (every instance sees them;
 * TTLs so nothing is left behind), else this process's memory. Sessions are
 * indexed by the ID token's `sid` and `sub`, so a back-channel logout can end
 * them.
 */
export interface SessionStore {
  get: (id: string) => Promise<Session | undefined>
  /** Stores (or refreshes) a session for ttlS seconds. */
  set: (id: string, session: Session, ttlS: number) => Promise<void>
  delete: (id: string) => Promise<void>
  /** Renews a session's lifetime only if it still exists: false once it is gone (a logout raced the read). */
  touch: (id: string, ttlS: number) => Promise<boolean>
  /** Remembers a key for ttlS seconds: false when it was remembered already (a replay). */
  remember: (key: string, ttlS: number) => Promise<boolean>
  /** The ids of sessions with this `sid` or `sub`. */
  find: (by: 'sid' | 'sub', value: string) => Promise<string[]>
  /** One-time: the pending login is gone once taken. */
  putLogin: (id: string, login: PendingLogin, ttlS: number) => Promise<void>
  takeLogin: (id: string) => Promise<PendingLogin | undefined>
}

const PREFIX = 'sensay-bff:session:'

export class RedisSessionStore implements SessionStore {
  constructor (private readonly redis: RedisClient) {}

  async get (id: string): Promise<Session | undefined> {
    const text = await this.redis.get(`${PREFIX}s:${id}`)
    return text === null ? undefined : JSON.parse(text) as Session
  }

  async set (id: string, session: Session, ttlS: number): Promise<void> {
    // The session and its two indexes (by user, by the provider's sid) are different keys,
    // in different slots on a Cluster, so no MULTI: the session is written first, and an
    // index naming a session that is gone is harmless (ending it again does nothing).
    await this.redis.set(`${PREFIX}s:${id}`, JSON.stringify(session), 'EX', ttlS)
    const indexTtlS = Math.ceil((session.expiresAt - Date.now()) / 1000) + 60
    const writes: Array<Promise<unknown>> = []
    for (const [by, value] of [['sub', session.sub], ['sid', session.sid]] as const) {
      if (value === undefined) continue
      // SADD and EXPIRE of one key: one slot, one MULTI.
      const key = `${PREFIX}${by}:${value}`
      writes.push(this.redis.multi().sadd(key, id).expire(key, indexTtlS).exec())
    }
    await Promise.all(writes)
  }

  async delete (id: string): Promise<void> {
    await this.redis.del(`${PREFIX}s:${id}`)
  }

  async touch (id: string, ttlS: number): Promise<boolean> {
    // EXPIRE does nothing to a key that is gone: a deleted session is never written back.
    return await this.redis.expire(`${PREFIX}s:${id}`, ttlS) === 1
  }

  async remember (key: string, ttlS: number): Promise<boolean> {
    return await this.redis.set(`${PREFIX}seen:${key}`, '1', 'EX', ttlS, 'NX') === 'OK'
  }

  async find (by: 'sid' | 'sub', value: string): Promise<string[]> {
    return this.redis.smembers(`${PREFIX}${by}:${value}`)
  }

  async putLogin (id: string, login: PendingLogin, ttlS: number): Promise<void> {
    await this.redis.set(`${PREFIX}login:${id}`, JSON.stringify(login), 'EX', ttlS)
  }

  async takeLogin (id: string): Promise<PendingLogin | undefined> {
    const text = await this.redis.getdel(`${PREFIX}login:${id}`)
    return text === null ? undefined : JSON.parse(text) as PendingLogin
  }
}

interface Expiring<T> { value: T, until: number }

/** One process's sessions: bounded, expired entries swept as they are met and once a minute. */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, Expiring<Session>>()
  readonly #logins = new Map<string, Expiring<PendingLogin>>()
  readonly #seen = new Map<string, Expiring<true>>()
  readonly #sweeper: NodeJS.Timeout

  constructor (private readonly maxEntries = 100_000, private readonly now: () => number = Date.now) {
    this.#sweeper = setInterval(() => this.#sweep(), 60_000).unref()
  }

  close (): void {
    clearInterval(this.#sweeper)
  }

  #sweep (): void {
    const now = this.now()
    for (const map of [this.#sessions, this.#logins, this.#seen] as Array<Map<string, Expiring<unknown>>>) {
      for (const [id, entry] of map) if (entry.until <= now) map.delete(id)
    }
  }

  #put<T> (map: Map<string, Expiring<T>>, id: string, value: T, ttlS: number): void {
    if (!map.has(id) && map.size >= this.maxEntries) {
      const oldest = map.keys().next().value
      if (oldest !== undefined) map.delete(oldest)
    }
    map.set(id, { value, until: this.now() + ttlS * 1000 })
  }

  #live<T> (map: Map<string, Expiring<T>>, id: string): T | undefined {
    const entry = map.get(id)
    if (entry === undefined) return undefined
    if (entry.until > this.now()) return entry.value
    map.delete(id)
    return undefined
  }

  async get (id: string): Promise<Session | undefined> { return this.#live(this.#sessions, id) }
  async set (id: string, session: Session, ttlS: number): Promise<void> { this.#put(this.#sessions, id, session, ttlS) }
  async delete (id: string): Promise<void> { this.#sessions.delete(id) }

  async touch (id: string, ttlS: number): Promise<boolean> {
    const session = this.#live(this.#sessions, id)
    if (session === undefined) return false
    this.#put(this.#sessions, id, session, ttlS)
    return true
  }

  async remember (key: string, ttlS: number): Promise<boolean> {
    if (this.#live(this.#seen, key) !== undefined) return false
    this.#put(this.#seen, key, true, ttlS)
    return true
  }

  async find (by: 'sid' | 'sub', value: string): Promise<string[]> {
    const ids: string[] = []
    for (const [id] of this.#sessions) {
      const session = this.#live(this.#sessions, id)
      if (session !== undefined && session[by] === value) ids.push(id)
    }
    return ids
  }

  async putLogin (id: string, login: PendingLogin, ttlS: number): Promise<void> { this.#put(this.#logins, id, login, ttlS) }

  async takeLogin (id: string): Promise<PendingLogin | undefined> {
    const login = this.#live(this.#logins, id)
    this.#logins.delete(id)
    return login
  }
}
