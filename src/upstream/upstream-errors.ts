import { AppError, codeForStatus, errors } from '../errors/app-error.js'

const DEFAULT_RETRY_AFTER_S = 5

export interface UpstreamErrorBody {
  error?: unknown
  error_code?: unknown
  request_id?: unknown
}

export function retryAfterSeconds (header: string | string[] | undefined, fallback = DEFAULT_RETRY_AFTER_S): number {
  const value = Array.isArray(header) ? header[0] : header
  if (value === undefined) return fallback
  if (/^\d+$/.test(value.trim())) return Math.min(Number(value), 3600)
  const date = Date.parse(value)
  if (Number.isNaN(date)) return fallback
  return Math.max(0, Math.min(Math.ceil((date - Date.now()) / 1000), 3600))
}

// The knowledge-base quota is a total that never resets: a day, when Sensay names no time.
const KNOWLEDGE_BASE_QUOTA_RETRY_S = 86_400

/**
 * Sensay's own quota refusals: its Retry-After when it sends one (uncapped: a
 * quota's wait is long), else the next UTC month for conversations.
 */
function quotaRetryAfter (code: string, header: string | string[] | undefined, now = Date.now()): number | undefined {
  if (code !== 'CONVERSATION_QUOTA_EXCEEDED' && code !== 'KNOWLEDGE_BASE_CUSTOM_QUOTA_EXCEEDED') return undefined
  const value = Array.isArray(header) ? header[0] : header
  if (value !== undefined && /^\d+$/.test(value.trim())) return Number(value)
  if (code === 'KNOWLEDGE_BASE_CUSTOM_QUOTA_EXCEEDED') return KNOWLEDGE_BASE_QUOTA_RETRY_S
  const date = new Date(now)
  return Math.max(1, Math.ceil((Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) - now) / 1000))
}

/**
 * Maps a non-2xx upstream answer to the contract. 4xx that concern the
 * caller's request keep their status, message and code; everything that
 * speaks of Sensay's own health becomes a 5xx with a generic message.
 */
export function fromUpstreamStatus (status: number, body: UpstreamErrorBody | undefined, headers: Record<string, string | string[] | undefined>, upstreamRequestId?: string, scrub: (text: string) => string = (text) => text): AppError {
  const options = { upstreamRequestId }
  if (status === 401 || status === 403) return errors.upstreamAuthFailed(options)
  if (status === 503) return errors.upstreamUnavailable(retryAfterSeconds(headers['retry-after']), options)
  if (status >= 500) return errors.upstreamError(options)
  if (status >= 400) {
    // Upstream's words reach the client: never with anything of ours in them.
    const message = typeof body?.error === 'string' && body.error.length > 0 ? scrub(body.error).slice(0, 1000) : `The Sensay API answered ${status}.`
    const code = typeof body?.error_code === 'string' && /^[A-Z0-9_]{1,64}$/.test(body.error_code)
      ? body.error_code
      : status === 429 ? 'UPSTREAM_RATE_LIMITED' : codeForStatus(status)
    const extra = status === 429 ? { 'retry-after': String(quotaRetryAfter(code, headers['retry-after']) ?? retryAfterSeconds(headers['retry-after'], 60)) } : undefined
    return new AppError(status, code, message, { upstreamRequestId, headers: extra })
  }
  return errors.upstreamError(options)
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT'
])

/** Maps a transport failure (no usable answer) to the contract, keeping the cause for the log. */
export function fromTransportError (err: unknown): AppError {
  if (err instanceof AppError) return err
  const code = (err as { code?: string }).code
  const name = (err as { name?: string }).name
  if (name === 'AbortError' || code === 'UND_ERR_ABORTED') {
    return new AppError(499, 'CLIENT_CLOSED_REQUEST', 'The client closed the request.', { cause: err })
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'BFF_UPSTREAM_DEADLINE') return errors.upstreamTimeout({ cause: err })
  if (code !== undefined && UNAVAILABLE_CODES.has(code)) return errors.upstreamUnavailable(DEFAULT_RETRY_AFTER_S, { cause: err })
  return errors.upstreamError({ cause: err })
}
