import { useEffect, useState } from 'react'
import { api } from './api.js'

interface QuotaStatus { tier: string | null, limits: Record<string, number>, used: Record<string, number>, resetsAt: Record<string, string> }

const LABELS: Record<string, string> = { chatsPerDay: 'today', chatsPerMonth: 'this month' }

/** The caller's remaining chats (GET /v1/users/me/quota), refreshed after each answer; nothing without QUOTAS_FILE. */
export function Quota ({ refresh }: { refresh: number }) {
  const [quota, setQuota] = useState<QuotaStatus>()
  useEffect(() => {
    api<QuotaStatus>('/v1/users/me/quota').then(setQuota, () => setQuota(undefined))
  }, [refresh])
  if (quota?.tier == null) return null
  const left = Object.keys(LABELS).filter((name) => quota.limits[name] !== undefined).map((name) => {
    const remaining = Math.max(0, quota.limits[name]! - (quota.used[name] ?? 0))
    return `${remaining} of ${quota.limits[name]} chats left ${LABELS[name]}`
  })
  return <span className='quota' aria-live='polite'>Plan <strong>{quota.tier}</strong>{left.length > 0 ? `: ${left.join(', ')}` : ''}</span>
}
