import type { RedisClient } from '../plugins/redis.js'

export type BudgetName = 'chatsPerDay' | 'chatsPerMonth'

/** One calendar window of one budget: its limit, its key, and when it resets (ms since epoch, UTC). */
export interface BudgetWindow {
  name: BudgetName
  limit: number
  /** Identifies the window (the day or the month): a new window is a new count. */
  period: string
  resetsAt: number
}

export type Taken =
  | { ok: true, used: number[] }
  /** `full`: the index of the first window with no room left; nothing was counted. */
  | { ok: false, full: number, used: number[] }

/**
 * The BFF's own chat budgets. `take` counts one chat in every window, or in
 * none when any is full: atomically, so that N instances under any
 * concurrency admit exactly the limit. `refund` gives one back (a chat
 * Sensay did not answer is not counted).
 */
export interface BudgetStore {
  take: (userId: string, windows: BudgetWindow[]) => Promise<Taken>
  refund: (userId: string, windows: BudgetWindow[]) => Promise<void>
  used: (userId: string, windows: BudgetWindow[]) => Promise<number[]>
}

/** The UTC day and month `now` falls in, and when each ends. */
export function calendar (now: number): { day: string, dayEnds: number, month: string, monthEnds: number } {
  const date = new Date(now)
  const y = date.getUTCFullYear()
  const m = date.getUTCMonth()
  const d = date.getUTCDate()
  return {
    day: `${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    dayEnds: Date.UTC(y, m, d + 1),
    month: `${y}-${String(m + 1).padStart(2, '0')}`,
    monthEnds: Date.UTC(y, m + 1, 1)
  }
}

// All of a user's windows share one hash tag: one slot on a Cluster, so one script may touch them all.
const keyOf = (userId: string, window: BudgetWindow) => `sensay-bff:quota:{${userId}}:${window.name}:${window.period}`

// KEYS: the windows; ARGV: their limits, then their expiry times (ms). Checks all, then counts all.
const TAKE = `
for i = 1, #KEYS do
  local n = tonumber(redis.call('GET', KEYS[i]) or '0')
  if n >= tonumber(ARGV[i]) then
    local used = {}
    for j = 1, #KEYS do used[j] = tonumber(redis.call('GET', KEYS[j]) or '0') end
    return {0, i, used}
  end
end
local used = {}
for i = 1, #KEYS do
  local n = redis.call('INCR', KEYS[i])
  if n == 1 then redis.call('PEXPIREAT', KEYS[i], ARGV[#KEYS + i]) end
  used[i] = n
end
return {1, 0, used}
`
const REFUND = `
for i = 1, #KEYS do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
return 1
`

// A day past the window's end: the count is kept a little after the reset, never forever.
const KEEP_MS = 86_400_000

export class RedisBudgets implements BudgetStore {
  constructor (private readonly redis: RedisClient) {}

  async take (userId: string, windows: BudgetWindow[]): Promise<Taken> {
    const keys = windows.map((w) => keyOf(userId, w))
    const args = [...windows.map((w) => String(w.limit)), ...windows.map((w) => String(w.resetsAt + KEEP_MS))]
    const [ok, full, used] = await this.redis.eval(TAKE, keys.length, ...keys, ...args) as [number, number, number[]]
    return ok === 1 ? { ok: true, used } : { ok: false, full: full - 1, used }
  }

  async refund (userId: string, windows: BudgetWindow[]): Promise<void> {
    const keys = windows.map((w) => keyOf(userId, w))
    await this.redis.eval(REFUND, keys.length, ...keys)
  }

  async used (userId: string, windows: BudgetWindow[]): Promise<number[]> {
    if (windows.length === 0) return []
    // One key at a time: on a Cluster an MGET of one user's keys is one slot too, but GETs need no thought.
    return Promise.all(windows.map(async (w) => Number(await this.redis.get(keyOf(userId, w)) ?? 0)))
  }
}

/** One process's budgets (no Redis): exact within the process, bounded in size. */
export class MemoryBudgets implements BudgetStore {
  readonly #counts = new Map<string, { n: number, until: number }>()

  constructor (private readonly now: () => number, private readonly maxEntries = 200_000) {}

  #get (key: string): number {
    const entry = this.#counts.get(key)
    if (entry === undefined) return 0
    if (entry.until > this.now()) return entry.n
    this.#counts.delete(key)
    return 0
  }

  async take (userId: string, windows: BudgetWindow[]): Promise<Taken> {
    const keys = windows.map((w) => keyOf(userId, w))
    const used = keys.map((key) => this.#get(key))
    const full = windows.findIndex((w, i) => used[i]! >= w.limit)
    if (full !== -1) return { ok: false, full, used }
    keys.forEach((key, i) => {
      if (!this.#counts.has(key) && this.#counts.size >= this.maxEntries) this.#counts.delete(this.#counts.keys().next().value!)
      this.#counts.set(key, { n: used[i]! + 1, until: windows[i]!.resetsAt })
    })
    return { ok: true, used: used.map((n) => n + 1) }
  }

  async refund (userId: string, windows: BudgetWindow[]): Promise<void> {
    for (const w of windows) {
      const key = keyOf(userId, w)
      const entry = this.#counts.get(key)
      if (entry !== undefined && entry.n > 0) entry.n--
    }
  }

  async used (userId: string, windows: BudgetWindow[]): Promise<number[]> {
    return windows.map((w) => this.#get(keyOf(userId, w)))
  }
}
