import createClient, { type Client } from 'openapi-fetch'
import type { paths } from './schema.js'

export type { paths, components, operations } from './schema.js'

/**
 * A client for sensay-bff from a browser (the session cookie) or from a
 * server or app (a bearer token or API key). REST calls are typed from the
 * BFF's own OpenAPI document (openapi-fetch); sessions and streamed chat
 * have helpers of their own.
 */
export interface BffClientOptions {
  /** The BFF's origin, e.g. `https://bff.example.com`; empty (the default): the page's own origin. */
  baseUrl?: string
  /**
   * A bearer token or API key, or a function returning the current one. Absent: the browser's
   * session cookie, with the `X-CSRF: 1` header the BFF asks of every cookie call.
   */
  token?: string | (() => string | undefined)
  /** Another fetch (tests, Node before 18): the global one by default. */
  fetch?: typeof globalThis.fetch
}

export interface SessionUser {
  userId: string
  name?: string
  email?: string
}

/** An error answer in the BFF's shape, thrown by the helpers: act on `status`, quote `requestId`. */
export class BffError extends Error {
  constructor (
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly requestId?: string,
    /** Seconds, from Retry-After on a 429 or 503. */
    readonly retryAfter?: number
  ) {
    super(message)
    this.name = 'BffError'
  }
}

async function errorOf (res: Response): Promise<BffError> {
  const text = await res.text().catch(() => '')
  let body: { error?: unknown, error_code?: unknown, request_id?: unknown } = {}
  try { body = JSON.parse(text) as typeof body } catch {}
  const retryAfter = Number(res.headers.get('retry-after') ?? NaN)
  return new BffError(
    res.status,
    typeof body.error === 'string' ? body.error : `HTTP ${res.status}`,
    typeof body.error_code === 'string' ? body.error_code : undefined,
    typeof body.request_id === 'string' ? body.request_id : res.headers.get('x-request-id') ?? undefined,
    Number.isFinite(retryAfter) ? retryAfter : undefined
  )
}

export interface StreamChatOptions {
  /** Called with each piece of the answer as it arrives. */
  onText?: (delta: string, answer: string) => void
  /** Aborting stops the answer (and the BFF stops asking Sensay). */
  signal?: AbortSignal
  /** Leave the exchange out of the replica's chat history. */
  skipChatHistory?: boolean
}

export interface BffClient extends Client<paths> {
  /** Browser sessions (when the BFF has OIDC_ISSUER). */
  session: {
    /** Where a "Log in" link goes; back to `returnTo` (a path on the BFF's origin) afterwards. */
    loginUrl: (returnTo?: string) => string
    /** The logged-in user, or null. */
    user: () => Promise<SessionUser | null>
    /**
     * Ends the session everywhere, then (in a browser) visits the provider's end-session URL so
     * the next login asks who you are. Resolves with that URL (null when the provider has none).
     */
    logout: (options?: { navigate?: boolean }) => Promise<string | null>
  }
  /** Asks a replica and reads the answer as it streams (the AI SDK's UI message stream); resolves with the whole answer. */
  streamChat: (replicaUUID: string, text: string, options?: StreamChatOptions) => Promise<string>
}

/** One SSE event's data lines, joined; undefined for a comment or an empty event. */
function eventData (event: string): string | undefined {
  const data = event.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).replace(/^ /, ''))
  return data.length === 0 ? undefined : data.join('\n')
}

export function createBffClient (options: BffClientOptions = {}): BffClient {
  const baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '')
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  const authHeaders = (): Record<string, string> => {
    const token = typeof options.token === 'function' ? options.token() : options.token
    return token === undefined || token === '' ? { 'x-csrf': '1' } : { authorization: `Bearer ${token}` }
  }
  const client = createClient<paths>({ baseUrl, fetch: doFetch, credentials: 'include' })
  client.use({
    onRequest ({ request }) {
      for (const [name, value] of Object.entries(authHeaders())) request.headers.set(name, value)
      return request
    }
  })
  const call = (path: string, init: RequestInit = {}): Promise<Response> =>
    doFetch(baseUrl + path, { credentials: 'include', ...init, headers: { ...authHeaders(), ...init.headers as Record<string, string> } })

  const session: BffClient['session'] = {
    loginUrl: (returnTo = '/') => `${baseUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`,
    user: async () => {
      const res = await call('/auth/user')
      if (res.status === 401) return null
      if (!res.ok) throw await errorOf(res)
      return await res.json() as SessionUser
    },
    logout: async ({ navigate = true } = {}) => {
      const res = await call('/auth/logout', { method: 'POST' })
      if (!res.ok) throw await errorOf(res)
      const { endSessionUrl } = await res.json() as { endSessionUrl: string | null }
      const page = (globalThis as { location?: { assign: (url: string) => void } }).location
      if (navigate && endSessionUrl !== null && page !== undefined) page.assign(endSessionUrl)
      return endSessionUrl
    }
  }

  const streamChat: BffClient['streamChat'] = async (replicaUUID, text, { onText, signal, skipChatHistory } = {}) => {
    // The AI SDK's useChat body: the BFF answers it with the UI message stream, whatever Sensay streams.
    const body = {
      id: `chat-${replicaUUID}`,
      messages: [{ id: `m-${Date.now().toString(36)}`, role: 'user', parts: [{ type: 'text', text }] }],
      trigger: 'submit-message',
      ...(skipChatHistory === true ? { skip_chat_history: true } : {})
    }
    const res = await call(`/v1/replicas/${encodeURIComponent(replicaUUID)}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(body),
      signal
    })
    if (!res.ok || res.body === null) throw await errorOf(res)
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
    let answer = ''
    let buffered = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      buffered += value.replace(/\r\n?/g, '\n')
      let end = buffered.indexOf('\n\n')
      while (end !== -1) {
        const data = eventData(buffered.slice(0, end))
        buffered = buffered.slice(end + 2)
        end = buffered.indexOf('\n\n')
        if (data === undefined || data === '[DONE]') continue
        const part = JSON.parse(data) as { type?: string, delta?: string, errorText?: string }
        if (part.type === 'text-delta' && typeof part.delta === 'string') {
          answer += part.delta
          onText?.(part.delta, answer)
        } else if (part.type === 'error') {
          throw new BffError(502, part.errorText ?? 'The answer broke off.', 'STREAM_ERROR', res.headers.get('x-request-id') ?? undefined)
        }
      }
    }
    return answer
  }

  return Object.assign(client, { session, streamChat })
}
