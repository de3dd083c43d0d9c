import { AppError } from '../errors/app-error.js'
import type { CallContext, SensayClient } from '../upstream/sensay-client.js'

/**
 * Makes sure a Sensay user exists before acting as it: one POST /v1/users per
 * user per instance (409 means it exists), concurrent first requests sharing
 * the one call. A failed call is not remembered, so the next request retries.
 */
export class UserProvisioner {
  readonly #known = new Map<string, true>()
  readonly #pending = new Map<string, Promise<void>>()

  constructor (private readonly client: SensayClient, private readonly maxKnown = 100_000) {}

  ensure (userId: string, ctx: CallContext): Promise<void> | undefined {
    if (this.#known.has(userId)) return undefined
    let pending = this.#pending.get(userId)
    if (!pending) {
      pending = this.#create(userId, ctx).finally(() => this.#pending.delete(userId))
      this.#pending.set(userId, pending)
    }
    return pending
  }

  /** After the user is deleted upstream, the next request provisions it again. */
  forget (userId: string): void {
    this.#known.delete(userId)
  }

  async #create (userId: string, ctx: CallContext): Promise<void> {
    try {
      await this.client.json({ method: 'POST', path: '/v1/users', body: { id: userId } }, { requestId: ctx.requestId, record: ctx.record })
    } catch (err) {
      if (!(err instanceof AppError && err.statusCode === 409)) throw err
    }
    if (this.#known.size >= this.maxKnown) {
      const oldest = this.#known.keys().next().value
      if (oldest !== undefined) this.#known.delete(oldest)
    }
    this.#known.set(userId, true)
  }
}
