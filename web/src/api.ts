// The BFF over HTTP, exactly as a customer's frontend would call it: the
// session cookie (credentials: 'include' plus X-CSRF: 1), or in the demo a
// dev user's bearer token. Nothing here knows the BFF's internals.

export interface ApiError { status: number, message: string, requestId?: string, retryAfter?: string }

let devUser: string | undefined

export function setDevUser (id: string | undefined): void {
  devUser = id
}

export function authHeaders (): Record<string, string> {
  return devUser ? { authorization: `Bearer dev:${devUser}` } : { 'x-csrf': '1' }
}

/** An error the page can show: the contract's message and request id. */
export function toApiError (status: number, text: string, headers?: Headers): ApiError {
  try {
    const body = JSON.parse(text) as { error?: string, request_id?: string }
    return { status, message: body.error ?? text, requestId: body.request_id ?? headers?.get('x-request-id') ?? undefined, retryAfter: headers?.get('retry-after') ?? undefined }
  } catch {
    return { status, message: text || `HTTP ${status}`, requestId: headers?.get('x-request-id') ?? undefined }
  }
}

export async function api<T> (path: string, init: { method?: string, body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'include',
    headers: { ...authHeaders(), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body)
  })
  const text = await res.text()
  if (!res.ok) throw toApiError(res.status, text, res.headers)
  return (text ? JSON.parse(text) : undefined) as T
}
