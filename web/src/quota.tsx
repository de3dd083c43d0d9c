import { useEffect, useState } from 'react'
import { bff, unwrap } from './api.js'

interface QuotaStatus { tier: string | null, limits: Record<string, number>, used: Record<string, number> }

const LABELS: Record<string, string> = { chatsPerDay: 'today', chatsPerMonth: 'this month' }

/** The caller's remaining chats (GET /v1/users/me/quota), refreshed after each answer; nothing without QUOTAS_FILE. */
export function Quota ({ refresh }: { refresh: number }) {
  const [quota, setQuota] = useState<QuotaStatus>()
  useEffect(() => {
    unwrap(bff.GET('/v1/users/me/quota')).then((q) => setQuota(q as QuotaStatus), () => setQuota(undefined))
  }, [refresh])
  if (quota?.tier == null) return null
  const parts = Object.keys(LABELS).filter((name) => quota.limits[name] !== undefined).map((name) => {
    const limit = quota.limits[name]!
    const remaining = Math.max(0, limit - (quota.used[name] ?? 0))
    return { text: `${remaining} of ${limit} chats left ${LABELS[name]}`, low: remaining <= Math.max(1, limit / 10) }
  })
  const low = parts.some((part) => part.low)
  return (
    <span className={low ? 'quota low' : 'quota'} aria-live='polite'>
      Plan <strong>{quota.tier}</strong>{parts.length > 0 ? `: ${parts.map((p) => p.text).join(', ')}` : ''}
    </span>
  )
}
