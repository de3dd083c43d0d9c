export type BreakerState = 'closed' | 'open' | 'half-open'

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  threshold: number
  /** Distinct callers those failures must come from (default 3, at most `threshold`): one caller's trouble is theirs. */
  minCallers?: number
  /** How long it stays open before one probe is let through. */
  cooldownMs: number
  onChange?: (state: BreakerState) => void
  now?: () => number
}

/**
 * Turns a dead upstream into fast failures: after `threshold` consecutive
 * failures, from at least `minCallers` distinct callers, the circuit opens
 * and calls fail at once; after `cooldownMs` one call probes (half-open); its
 * success closes the circuit, its failure opens it again. Requiring several
 * callers keeps one user's failing or slow requests from taking the instance
 * away from everyone; a dead upstream fails every caller, and still trips it.
 */
export class CircuitBreaker {
  #state: BreakerState = 'closed'
  #failures = 0
  readonly #callers = new Set<string>()
  readonly #minCallers: number
  #openedAt = 0
  #probing = false
  readonly #now: () => number

  constructor (private readonly options: BreakerOptions) {
    this.#now = options.now ?? Date.now
    this.#minCallers = Math.max(1, Math.min(options.minCallers ?? 3, options.threshold))
  }

  get state (): BreakerState { return this.#state }

  /** Seconds until a probe is allowed; for Retry-After. */
  get retryAfterSeconds (): number {
    return Math.max(1, Math.ceil((this.#openedAt + this.options.cooldownMs - this.#now()) / 1000))
  }

  /** Whether a call may go out now; in half-open, only one at a time. */
  allow (): boolean {
    if (this.#state === 'closed') return true
    if (this.#state === 'open') {
      if (this.#now() - this.#openedAt < this.options.cooldownMs) return false
      this.#set('half-open')
    }
    if (this.#probing) return false
    this.#probing = true
    return true
  }

  success (): void {
    this.#failures = 0
    this.#callers.clear()
    this.#probing = false
    if (this.#state !== 'closed') this.#set('closed')
  }

  /** A call that ended with no verdict on the upstream (the client went away). */
  release (): void {
    this.#probing = false
  }

  /** A failure that says the upstream is unwell; `caller` is who saw it (a user, a key, an address). */
  failure (caller = ''): void {
    this.#probing = false
    this.#failures++
    // Only whether there are enough distinct callers matters: the set never grows past that.
    if (this.#callers.size < this.#minCallers) this.#callers.add(caller)
    const enough = this.#failures >= this.options.threshold && this.#callers.size >= this.#minCallers
    if (this.#state === 'half-open' || (this.#state === 'closed' && enough)) {
      this.#callers.clear()
      this.#openedAt = this.#now()
      this.#set('open')
    }
  }

  #set (state: BreakerState): void {
    this.#state = state
    this.options.onChange?.(state)
  }
}
