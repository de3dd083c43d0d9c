import { errors, ifMissing } from '../errors/app-error.js'
import { OWNER_REPLICA_FIELDS, PUBLIC_REPLICA_FIELDS, type ReplicaViewT, type UpstreamReplica } from '../schemas/replicas.js'
import type { CallContext, SensayClient } from '../upstream/sensay-client.js'
import { asciiLower, type Identity } from './identity.js'

interface CacheEntry { replica: UpstreamReplica, expiresAt: number }
/** A lookup in flight; `stale` once the replica changed while it ran, so its answer is not cached. */
interface Pending { promise: Promise<UpstreamReplica>, stale: boolean }

// One message and no upstream id for "missing" and "not yours": the two cannot be told apart.
const notFound = () => errors.notFound('Replica not found.')

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
  readonly #pending = new Map<string, Pending>()

  constructor (
    private readonly client: SensayClient,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000
  ) {}

  // Every decision below reads upstream data as untrusted: anything not well-formed
  // counts against the caller (not an owner, private, not on the allowlist).
  static isOwner (identity: Identity, replica: { ownerID?: unknown }): boolean {
    return identity.kind === 'admin' || (typeof replica.ownerID === 'string' && replica.ownerID === identity.userId)
  }

  /** Public only when `private` is exactly false or absent; `"true"`, null or 1 are private. */
  static isPublic (replica: { private?: unknown }): boolean {
    return replica.private === false || replica.private === undefined
  }

  static canSee (identity: Identity, replica: { ownerID?: unknown, private?: unknown, whitelistEmails?: unknown }): boolean {
    if (ReplicaAccess.isOwner(identity, replica)) return true
    if (ReplicaAccess.isPublic(replica)) return true
    const email = identity.kind === 'user' ? identity.email : undefined
    const allowlist = replica.whitelistEmails
    return email !== undefined && Array.isArray(allowlist) && allowlist.some((e) => typeof e === 'string' && asciiLower(e) === email)
  }

  /** The replica's LLM, when Sensay says which: a chat's `gen_ai.request.model` in traces. */
  static modelOf (replica: { llm?: { model?: unknown } }): string | undefined {
    const model = replica.llm?.model
    return typeof model === 'string' && model !== '' ? model : undefined
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
    if (!ReplicaAccess.canSee(identity, replica)) throw notFound()
    return replica
  }

  /** Resolves the replica if the caller owns it (or is admin); 404 if unseen, 403 if seen but not owned. */
  async owned (identity: Identity, uuid: string, ctx: CallContext): Promise<UpstreamReplica> {
    const replica = await this.visible(identity, uuid, ctx)
    if (!ReplicaAccess.isOwner(identity, replica)) throw errors.forbidden('Only the replica\'s owner may do this.')
    return replica
  }

  /**
   * Drops a cached replica when it changes, so the next check sees the change;
   * a lookup still in flight then neither fills the cache nor serves later callers.
   */
  invalidate (uuid: string): void {
    const key = uuid.toLowerCase()
    this.#cache.delete(key)
    const pending = this.#pending.get(key)
    if (pending) {
      pending.stale = true
      this.#pending.delete(key)
    }
  }

  /**
   * The organization-level view of a replica, briefly cached, concurrent
   * lookups shared. `fresh` skips the cache (and refills it).
   */
  async lookup (uuid: string, ctx: CallContext, fresh = false): Promise<UpstreamReplica> {
    const key = uuid.toLowerCase()
    const hit = fresh ? undefined : this.#cache.get(key)
    if (hit && hit.expiresAt > Date.now()) return hit.replica
    const inFlight = this.#pending.get(key)
    if (inFlight) return inFlight.promise
    const marker = { stale: false }
    // The shared lookup must not die with the first caller's connection: no client.
    const promise = this.#fetch(key, { requestId: ctx.requestId, caller: ctx.caller, record: ctx.record, trace: ctx.trace }, marker)
      .finally(() => { if (this.#pending.get(key)?.promise === promise) this.#pending.delete(key) })
    this.#pending.set(key, Object.assign(marker, { promise }))
    return promise
  }

  async #fetch (key: string, ctx: CallContext, pending: { stale: boolean }): Promise<UpstreamReplica> {
    const { body } = await ifMissing(this.client.json<UpstreamReplica>({ method: 'GET', path: `/v1/replicas/${key}` }, ctx), () => { throw notFound() })
    if (typeof body.ownerID !== 'string' || body.ownerID === '') throw errors.upstreamError({ cause: new Error(`upstream replica ${key} has no usable ownerID`) })
    if (this.ttlMs > 0 && !pending.stale) {
      if (this.#cache.size >= this.maxEntries) {
        const oldest = this.#cache.keys().next().value
        if (oldest !== undefined) this.#cache.delete(oldest)
      }
      this.#cache.set(key, { replica: body, expiresAt: Date.now() + this.ttlMs })
    }
    return body
  }
}
