import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { UserIdentity } from '../auth/identity.js'
import { AppError } from '../errors/app-error.js'
import { MemoryBudgets, RedisBudgets, calendar, type BudgetStore, type BudgetWindow } from './budgets.js'
import type { QuotasConfig, TierT } from './quota-config.js'
import { requestFields } from '../logging/request-log.js'

/** One chat counted against the caller's budgets; given back when Sensay did not answer. */
export interface Charge { refund: () => void }

export interface QuotaStatus {
  tier: string | null
  limits: Record<string, number>
  used: Record<string, number>
  resetsAt: Record<string, string>
}

export interface Quotas {
  /** The caller's tier name, or undefined without QUOTAS_FILE. */
  tierOf: (identity: UserIdentity) => string | undefined
  /** Sensay's usageLimits for a chat completion, from the caller's tier. */
  chatLimits: (identity: UserIdentity) => { conversations: { monthlyQuota: number } } | undefined
  /** Sensay's usageLimits for a knowledge-base create. */
  knowledgeBaseLimits: (identity: UserIdentity) => { knowledgeBaseEntries: { totalUserQuota: number } } | undefined
  /** Counts one chat before the upstream call; 429 QUOTA_EXCEEDED past a budget. */
  admit: (request: FastifyRequest, reply: FastifyReply, identity: UserIdentity) => Promise<Charge>
  status: (identity: UserIdentity) => Promise<QuotaStatus>
}

declare module 'fastify' {
  interface FastifyInstance {
    quotas: Quotas
  }
}

const NO_CHARGE: Charge = { refund: () => {} }

/** Whether a failed chat was one Sensay never answered (not counted against the caller). */
export function unanswered (err: unknown): boolean {
  return err instanceof AppError ? err.statusCode >= 500 : true
}

export interface QuotasOptions {
  quotas?: QuotasConfig
  /** When the store (Redis) fails: serve uncounted (false) or answer 503 (true), as the rate limits do. */
  failClosed: boolean
  now?: () => number
}

export const quotasPlugin = fp<QuotasOptions>(async (app, { quotas, failClosed, now = Date.now }) => {
  const store: BudgetStore = app.redis ? new RedisBudgets(app.redis) : new MemoryBudgets(now)
  let storeDown = false

  const tierOf = (identity: UserIdentity): string | undefined => {
    if (quotas === undefined) return undefined
    return identity.tier !== undefined && Object.hasOwn(quotas.tiers, identity.tier) ? identity.tier : quotas.default
  }
  const tierLimits = (identity: UserIdentity): TierT | undefined => {
    const tier = tierOf(identity)
    return tier === undefined ? undefined : quotas!.tiers[tier]
  }
  // A tier's windows are the same for everyone all day: made once a day, not per chat.
  let windowsDay = { starts: 0, ends: 0 }
  let windowsByTier = new Map<TierT, BudgetWindow[]>()
  const windowsOf = (limits: TierT | undefined, at: number): BudgetWindow[] => {
    if (limits === undefined) return []
    if (at < windowsDay.starts || at >= windowsDay.ends) {
      const { dayEnds } = calendar(at)
      windowsDay = { starts: dayEnds - 86_400_000, ends: dayEnds }
      windowsByTier = new Map()
    }
    let windows = windowsByTier.get(limits)
    if (windows === undefined) {
      const { day, dayEnds, month, monthEnds } = calendar(at)
      windows = []
      if (limits.chatsPerDay !== undefined) windows.push({ name: 'chatsPerDay', limit: limits.chatsPerDay, period: day, resetsAt: dayEnds })
      if (limits.chatsPerMonth !== undefined) windows.push({ name: 'chatsPerMonth', limit: limits.chatsPerMonth, period: month, resetsAt: monthEnds })
      windowsByTier.set(limits, windows)
    }
    return windows
  }

  /** The quota item of the RateLimit headers, beside what the rate limits wrote: the tightest window. */
  const rateLimitHeaders = (reply: FastifyReply, windows: BudgetWindow[], used: number[], at: number): Record<string, string> => {
    let tightest = 0
    windows.forEach((w, i) => { if (w.limit - used[i]! < windows[tightest]!.limit - used[tightest]!) tightest = i })
    const w = windows[tightest]!
    const seconds = Math.max(1, Math.ceil((w.resetsAt - at) / 1000))
    const span = w.name === 'chatsPerDay' ? 86_400 : Math.round((w.resetsAt - calendarStart(w, at)) / 1000)
    const join = (name: string, item: string) => {
      const existing = reply.getHeader(name)
      return typeof existing === 'string' && existing !== '' ? `${existing}, ${item}` : item
    }
    return {
      'ratelimit-policy': join('ratelimit-policy', `"quota";q=${w.limit};w=${span}`),
      ratelimit: join('ratelimit', `"quota";r=${Math.max(0, w.limit - used[tightest]!)};t=${seconds}`)
    }
  }

  // Sensay's usageLimits per tier, made once (they go into every chat's body).
  const chatUsageLimits = new Map<string, { conversations: { monthlyQuota: number } }>()
  const knowledgeBaseUsageLimits = new Map<string, { knowledgeBaseEntries: { totalUserQuota: number } }>()
  for (const [name, tier] of Object.entries(quotas?.tiers ?? {})) {
    if (tier.monthlyConversations !== undefined) chatUsageLimits.set(name, { conversations: { monthlyQuota: tier.monthlyConversations } })
    if (tier.knowledgeBaseEntries !== undefined) knowledgeBaseUsageLimits.set(name, { knowledgeBaseEntries: { totalUserQuota: tier.knowledgeBaseEntries } })
  }

  const quotasApi: Quotas = {
    tierOf,
    chatLimits: (identity) => {
      const tier = tierOf(identity)
      return tier === undefined ? undefined : chatUsageLimits.get(tier)
    },
    knowledgeBaseLimits: (identity) => {
      const tier = tierOf(identity)
      return tier === undefined ? undefined : knowledgeBaseUsageLimits.get(tier)
    },
    admit: async (request, reply, identity) => {
      const at = now()
      const windows = windowsOf(tierLimits(identity), at)
      if (windows.length === 0) return NO_CHARGE
      let taken
      try {
        taken = await store.take(identity.userId, windows)
        storeDown = false
      } catch (err) {
        if (!storeDown) request.log.warn({ ...requestFields(request), err }, 'quota store unreachable: chats are not counted until it answers')
        storeDown = true
        if (failClosed) throw new AppError(503, 'RATE_LIMIT_UNAVAILABLE', 'Usage limits cannot be checked right now; try again shortly.', { headers: { 'retry-after': '5' } })
        return NO_CHARGE
      }
      const headers = rateLimitHeaders(reply, windows, taken.used, at)
      if (!taken.ok) {
        const full = windows[taken.full]!
        const tier = tierOf(identity)!
        app.counters.quotaRefused(tier)
        const seconds = Math.max(1, Math.ceil((full.resetsAt - at) / 1000))
        const per = full.name === 'chatsPerDay' ? 'day' : 'month'
        throw new AppError(429, 'QUOTA_EXCEEDED', `The ${tier} tier allows ${full.limit} chats per ${per} (UTC); it resets at ${new Date(full.resetsAt).toISOString()}.`, {
          headers: { ...headers, 'retry-after': String(seconds) }
        })
      }
      reply.headers(headers)
      let refunded = false
      return {
        refund: () => {
          if (refunded) return
          refunded = true
          store.refund(identity.userId, windows).catch((err: unknown) => request.log.warn({ ...requestFields(request), err }, 'quota refund failed'))
        }
      }
    },
    status: async (identity) => {
      const tier = tierOf(identity)
      const limits = tierLimits(identity)
      if (tier === undefined || limits === undefined) return { tier: null, limits: {}, used: {}, resetsAt: {} }
      const at = now()
      const windows = windowsOf(limits, at)
      const counts = await store.used(identity.userId, windows)
      const { monthEnds } = calendar(at)
      const status: QuotaStatus = { tier, limits: { ...limits } as Record<string, number>, used: {}, resetsAt: {} }
      windows.forEach((w, i) => {
        status.used[w.name] = counts[i]!
        status.resetsAt[w.name] = new Date(w.resetsAt).toISOString()
      })
      if (limits.monthlyConversations !== undefined) status.resetsAt.monthlyConversations = new Date(monthEnds).toISOString()
      return status
    }
  }
  app.decorate('quotas', quotasApi)
}, { name: 'quotas', dependencies: ['redis', 'metrics'] })

/** When the calendar window that ends at `w.resetsAt` began. */
function calendarStart (w: BudgetWindow, at: number): number {
  const date = new Date(at)
  return w.name === 'chatsPerDay' ? Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) : Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)
}
