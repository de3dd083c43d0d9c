import { Type, type Static } from '@sinclair/typebox'
import { createAjv } from '../schemas/ajv.js'

const Limit = Type.Integer({ minimum: 0, maximum: 1_000_000_000 })

export const Tier = Type.Object({
  /** Sent to Sensay as usageLimits.conversations.monthlyQuota on every chat completion. */
  monthlyConversations: Type.Optional(Limit),
  /** Sent to Sensay as usageLimits.knowledgeBaseEntries.totalUserQuota on every knowledge-base create. */
  knowledgeBaseEntries: Type.Optional(Limit),
  /** Counted by the BFF: chats per UTC calendar day, then per UTC calendar month. */
  chatsPerDay: Type.Optional(Limit),
  chatsPerMonth: Type.Optional(Limit)
}, { additionalProperties: false })
export type TierT = Static<typeof Tier>

export const QuotasFile = Type.Object({
  /** The token or session claim that names the caller's tier. */
  tierClaim: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.:/-]{1,128}$' })),
  /** The tier of a caller whose claim is missing or names no tier. */
  default: Type.String({ minLength: 1 }),
  tiers: Type.Record(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }), Tier)
}, { additionalProperties: false })

export interface QuotasConfig {
  tierClaim?: string
  default: string
  tiers: Record<string, TierT>
}

const validate = createAjv({ coerceTypes: false, removeAdditional: false, useDefaults: false }).compile(QuotasFile)

/** The quotas file's JSON, checked; the message of the error names what is wrong. */
export function parseQuotas (text: string): QuotasConfig {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    throw new Error('is not valid JSON')
  }
  if (!validate(data)) {
    const first = validate.errors?.[0]
    throw new Error(`${first?.instancePath || '(top level)'} ${first?.message ?? 'is invalid'}${first?.params && 'additionalProperty' in first.params ? ` (${String(first.params.additionalProperty)})` : ''}`)
  }
  const quotas = data as QuotasConfig
  if (quotas.tiers[quotas.default] === undefined) throw new Error(`default names no tier (${quotas.default})`)
  return quotas
}
