import { errors } from '../errors/app-error.js'
import { OWNER_REPLICA_FIELDS, PUBLIC_REPLICA_FIELDS, type ReplicaViewT, type UpstreamReplica } from '../schemas/replicas.js'
import type { CallContext, SensayClient } from '../upstream/sensay-client.js'
import type { Identity } from './identity.js'

interface CacheEntry { replica: UpstreamReplica, expiresAt: number }

/**
 * The one place that decides who may see and change which replica. Sensay's
 * replica and knowledge-base endpoints trust the organization secret alone,
 * so every route asks here before calling upstream.
 *
 * Visible: admin, public, owned, or the caller's verified email on the
 * allowlist; anything else is a 404, so private replicas cannot be probed.
 * Owner-only routes answer 403 to those who can see but do not own.
 */
export class ReplicaAccess {
  readonly #cache = new Map<string, CacheEntry>()
  readonly #pending = new Map<string, Promise<UpstreamReplica>>()

  constructor (
    private readonly client: SensayClient,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000
  ) {}

  static isOwner (identity: Identity, replica: { ownerID?: string }): boolean {
    return identity.kind === 'admin' || replica.ownerID === identity.userId
  }

  static canSee (identity: Identity, replica: Partial<Pick<UpstreamReplica, 'ownerID' | 'private' | 'whitelistEmails'>>): boolean {
    if (ReplicaAccess.isOwner(identity, replica)) return true
    if (replica.private !== true) return true
    const email = identity.kind === 'user' ? identity.email : undefined
    return email !== undefined && (replica.whitelistEmails ?? []).some((e) => e.toLowerCase() === email)
  }

  /** The caller's view: everything for the owner and admins, the public projection for others. */
  static project (identity: Identity, replica: ReplicaViewT): ReplicaViewT {
    const fields = ReplicaAccess.isOwner(identity, replica) ? OWNER_REPLICA_FIELDS : PUBLIC_REPLICA_FIELDS
    const view: Record<string, unknown> = {}
    for (const field of fields) {
      if (replica[field] !== undefined) view[field] = replica[field]
    }
    return view as ReplicaViewT
  }

  /** Resolves the replica if the caller may see it; 404 otherwise. */
  async visible (identity: Identity, uuid: string, ctx: CallContext, fresh = false): Promise<UpstreamReplica> {
    const replica = await this.lookup(uuid, ctx, fresh)
    if (!ReplicaAccess.canSee(identity, replica)) throw errors.notFound('Replica not found.')
    return replica
  }

  /** Resolves the replica if the caller owns it (or is admin); 404 if unseen, 403 if seen but not owned. */
  async owned (identity: Identity, uuid: string, ctx: CallContext): Promise<UpstreamReplica> {
    const replica = await this.visible(identity, uuid, ctx)
    if (!ReplicaAccess.isOwner(identity, replica)) throw errors.forbidden('Only the replica\'s owner may do this.')
    return replica
  }

  /** Drops a cached replica after it changes, so the next check sees the change. */
  invalidate (uuid: string): void {
    this.#cache.delete(uuid.toLowerCase())
  }

  /**
   * The organization-level view of a replica, briefly cached, concurrent
   * lookups shared. `fresh` skips the cache (and refills it).
   */
  async lookup (uuid: string, ctx: CallContext, fresh = false): Promise<UpstreamReplica> {
    const key = uuid.toLowerCase()
    const hit = fresh ? undefined : this.#cache.get(key)
    if (hit && hit.expiresAt > Date.now()) return hit.replica
    let pending = this.#pending.get(key)
    if (!pending) {
      // The shared lookup must not die with the first caller's connection: no client.
      pending = this.#fetch(key, { requestId: ctx.requestId, record: ctx.record }).finally(() => this.#pending.delete(key))
      this.#pending.set(key, pending)
    }
    return pending
  }

  async #fetch (key: string, ctx: CallContext): Promise<UpstreamReplica> {
    const { body } = await this.client.json<UpstreamReplica>({ method: 'GET', path: `/v1/replicas/${key}` }, ctx)
    if (typeof body.ownerID !== 'string') throw errors.upstreamError({ cause: new Error('upstream replica has no ownerID') })
    if (this.ttlMs > 0) {
      if (this.#cache.size >= this.maxEntries) {
        const oldest = this.#cache.keys().next().value
        if (oldest !== undefined) this.#cache.delete(oldest)
      }
      this.#cache.set(key, { replica: body, expiresAt: Date.now() + this.ttlMs })
    }
    return body
  }
}
