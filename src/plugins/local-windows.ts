/** What a limit check tells: the same fields @fastify/rate-limit's checks return. */
export interface Limit {
  isAllowed: boolean
  max: number
  remaining: number
  ttlInSeconds: number
  isExceeded: boolean
}

interface Window {
  count: number
  resetAt: number
}

/**
 * Fixed windows per key in this process, for a single instance without
 * Redis: a window opens at a key's first hit and lasts windowMs, as with
 * @fastify/rate-limit's stores. A Map lookup and an increment, where the
 * plugin's own local store went through a promise, an LRU and an object per
 * check (two checks on every chat request: measurably a sixth of its CPU).
 * Expired windows are swept once per window; beyond maxKeys the oldest go.
 */
export class LocalWindows {
  readonly #windows = new Map<string, Window>()
  readonly #sweeper: NodeJS.Timeout

  constructor (private readonly windowMs: number, private readonly maxKeys = 1_000_000, private readonly now: () => number = Date.now) {
    this.#sweeper = setInterval(() => this.sweep(), windowMs).unref()
  }

  hit (key: string, max: number, increment = true): Limit {
    const now = this.now()
    let window = this.#windows.get(key)
    if (window === undefined || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowMs }
      if (increment) {
        if (this.#windows.size >= this.maxKeys) this.#evictOldest()
        this.#windows.set(key, window)
      }
    }
    if (increment) window.count++
    return {
      isAllowed: false,
      max,
      remaining: Math.max(0, max - window.count),
      ttlInSeconds: Math.ceil((window.resetAt - now) / 1000),
      isExceeded: window.count > max
    }
  }

  get size (): number { return this.#windows.size }

  sweep (): void {
    const now = this.now()
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key)
  }

  close (): void {
    clearInterval(this.#sweeper)
  }

  #evictOldest (): void {
    // A Map iterates in insertion order.
    const oldest = this.#windows.keys().next().value
    if (oldest !== undefined) this.#windows.delete(oldest)
  }
}
