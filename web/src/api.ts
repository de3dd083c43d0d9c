// The BFF over HTTP, exactly as a customer's frontend would call it, through
// the typed client in packages/client: the session cookie (with X-CSRF: 1),
// or in the demo a dev user's bearer token. Nothing here knows the BFF's internals.
import { createBffClient, type paths } from '@sensay-bff/client'

export interface ApiError { status: number, message: string, requestId?: string, retryAfter?: string }

/** A failed call, thrown: the ApiError the page shows. */
class ApiFailure extends Error implements ApiError {
  constructor (readonly status: number, message: string, readonly requestId?: string, readonly retryAfter?: string) {
    super(message)
  }
}

export type Replica = paths['/v1/replicas/{replicaUUID}']['get']['responses'][200]['content']['application/json']
export type ReplicaListItem = paths['/v1/replicas']['get']['responses'][200]['content']['application/json']['items'][number]

let devUser: string | undefined

export function setDevUser (id: string | undefined): void {
  devUser = id
}

export const bff = createBffClient({ token: () => devUser === undefined ? undefined : `dev:${devUser}` })

export function authHeaders (): Record<string, string> {
  return devUser ? { authorization: `Bearer dev:${devUser}` } : { 'x-csrf': '1' }
}

/** An error the page can show: the contract's message, its request id, and when to retry. */
export function toApiError (status: number, text: string, headers?: Headers): ApiError {
  try {
    const body = JSON.parse(text) as { error?: string, request_id?: string }
    return { status, message: body.error ?? text, requestId: body.request_id ?? headers?.get('x-request-id') ?? undefined, retryAfter: headers?.get('retry-after') ?? undefined }
  } catch {
    return { status, message: text || `HTTP ${status}`, requestId: headers?.get('x-request-id') ?? undefined }
  }
}

/** The data of an openapi-fetch answer, or its error as an ApiError. */
export async function unwrap<T> (call: Promise<{ data?: T, error?: unknown, response: Response }>): Promise<T> {
  const { data, error, response } = await call
  if (error !== undefined || data === undefined) {
    const body = error as { error?: string, request_id?: string } | undefined
    throw new ApiFailure(response.status, body?.error ?? `HTTP ${response.status}`, body?.request_id ?? response.headers.get('x-request-id') ?? undefined, response.headers.get('retry-after') ?? undefined)
  }
  return data
}
