import type { RedisClient } from '../plugins/redis.js'
import { AppError } from '../errors/app-error.js'
import type { CallContext, SensayClient } from '../upstream/sensay-client.js'

const SHARED_PREFIX = 'sensay-bff:user:'
const SHARED_TTL_S = 7 * 24 * 3600
/** Where instances tell each other that a user was deleted upstream. */
export const DELETED_CHANNEL = 'sensay-bff:user-deleted'

/**
 * Makes sure a Sensay user exists before acting as it: one POST /v1/users per
 * user (409 means it exists), concurrent first requests sharing the one call.
 * With Redis, instances share what they provisioned, so a user seen by one
 * instance is not created again by the next. A failed call is not
 * remembered, so the next request retries; a Redis failure only costs a
 * redundant (idempotent) POST.
 */
export class UserProvisioner {
  readonly #known = new Map<string, true>()
  readonly #pending = new Map<string, Promise<void>>()
  /** Called when a user is dropped from this instance's memory (tests wait on it). */
  onDropped?: (userId: string) => void

  constructor (
    private readonly client: SensayClient,
    private readonly shared?: RedisClient,
    private readonly onOutcome: (outcome: 'created' | 'existed' | 'shared' | 'failed') => void = () => {},
    private readonly maxKnown = 100_000
  ) {}

  /** Whether this user is known to exist: the hot path, before any call context is made. */
  has (userId: string): boolean {
    return this.#known.has(userId)
  }

  ensure (userId: string, ctx: CallContext): Promise<void> | undefined {
    if (this.#known.has(userId)) return undefined
    let pending = this.#pending.get(userId)
    if (!pending) {
      pending = this.#provision(userId, ctx).finally(() => this.#pending.delete(userId))
      this.#pending.set(userId, pending)
    }
    return pending
  }

  /**
   * After the user is deleted upstream, the next request provisions it again,
   * on every instance: the shared mark goes, and the others are told to drop
   * the user from memory too.
   */
  async forget (userId: string): Promise<void> {
    this.drop(userId)
    await this.shared?.del(SHARED_PREFIX + userId).catch(() => 0)
    await this.shared?.publish(DELETED_CHANNEL, userId).catch(() => 0)
  }

  /** Marks a user as existing, after the caller's own POST /v1/users made it (or found it). */
  remember (userId: string): void {
    this.#mark(userId)
    this.shared?.set(SHARED_PREFIX + userId, '1', 'EX', SHARED_TTL_S).catch(() => undefined)
  }

  /** Forgets a user in this instance only (another instance deleted it, or Sensay no longer knows it). */
  drop (userId: string): void {
    this.#known.delete(userId)
    this.onDropped?.(userId)
  }

  async #provision (userId: string, ctx: CallContext): Promise<void> {
    const seen = await this.shared?.exists(SHARED_PREFIX + userId).catch(() => 0)
    if (seen) {
      this.onOutcome('shared')
    } else {
      try {
        await this.client.json({ method: 'POST', path: '/v1/users', body: { id: userId } }, { requestId: ctx.requestId, caller: ctx.caller, record: ctx.record, trace: ctx.trace })
        this.onOutcome('created')
      } catch (err) {
        if (!(err instanceof AppError && err.statusCode === 409)) {
          this.onOutcome('failed')
          throw err
        }
        this.onOutcome('existed')
      }
      await this.shared?.set(SHARED_PREFIX + userId, '1', 'EX', SHARED_TTL_S).catch(() => undefined)
    }
    this.#mark(userId)
  }

  #mark (userId: string): void {
    if (this.#known.size >= this.maxKnown) {
      const oldest = this.#known.keys().next().value
      if (oldest !== undefined) this.#known.delete(oldest)
    }
    this.#known.set(userId, true)
  }
}
