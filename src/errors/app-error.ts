export interface ErrorDetail {
  /** Where: `body`, `querystring`, `params` or `headers`. */
  in: string
  /** The field, as a dotted path (`llm.model`), empty for the whole part. */
  field: string
  message: string
}

export interface AppErrorOptions {
  details?: ErrorDetail[]
  headers?: Record<string, string>
  upstreamRequestId?: string
  cause?: unknown
}

/** An error that already knows its HTTP status and contract `error_code`. */
export class AppError extends Error {
  readonly details: ErrorDetail[]
  readonly headers: Record<string, string>
  readonly upstreamRequestId?: string

  constructor (readonly statusCode: number, readonly code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.details = options.details ?? []
    this.headers = options.headers ?? {}
    this.upstreamRequestId = options.upstreamRequestId
  }
}

/** The error table: one factory per contract `error_code`. */
export const errors = {
  validation: (message: string, details: ErrorDetail[] = []) => new AppError(400, 'VALIDATION_FAILED', message, { details }),
  unauthenticated: (message = 'Authentication required.') =>
    new AppError(401, 'UNAUTHENTICATED', message, { headers: { 'www-authenticate': 'Bearer' } }),
  forbidden: (message = 'You may not do this.', details: ErrorDetail[] = []) => new AppError(403, 'FORBIDDEN', message, { details }),
  /** A field that asks for more than the caller may do: 403 naming it. */
  forbiddenField: (part: string, field: string, why: string) =>
    new AppError(403, 'FORBIDDEN', `${part}.${field} ${why}`, { details: [{ in: part, field, message: why }] }),
  /** A field that is wrong as sent: 400 naming it. */
  invalidField: (part: string, field: string, why: string) =>
    new AppError(400, 'VALIDATION_FAILED', `${part}.${field} ${why}`, { details: [{ in: part, field, message: why }] }),
  notFound: (message = 'Not found.') => new AppError(404, 'NOT_FOUND', message),
  payloadTooLarge: () => new AppError(413, 'PAYLOAD_TOO_LARGE', 'Request body is too large.'),
  unsupportedMediaType: () => new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported Content-Type; send application/json.'),
  invalidJson: () => errors.validation('The body is not valid JSON.', [{ in: 'body', field: '', message: 'is not valid JSON' }]),
  upstreamError: (options: AppErrorOptions = {}) => new AppError(502, 'UPSTREAM_ERROR', 'The Sensay API failed to answer properly.', options),
  upstreamAuthFailed: (options: AppErrorOptions = {}) =>
    new AppError(502, 'UPSTREAM_AUTH_FAILED', 'The Sensay API refused this service\'s credentials.', options),
  upstreamUnavailable: (retryAfterSeconds: number, options: AppErrorOptions = {}) =>
    new AppError(503, 'UPSTREAM_UNAVAILABLE', 'The Sensay API is unavailable; try again shortly.', {
      ...options,
      headers: { 'retry-after': String(retryAfterSeconds), ...options.headers }
    }),
  upstreamTimeout: (options: AppErrorOptions = {}) => new AppError(504, 'UPSTREAM_TIMEOUT', 'The Sensay API did not answer in time.', options),
  internal: (cause?: unknown) => new AppError(500, 'INTERNAL', 'Internal error.', { cause })
}

/**
 * The call's result, or what `missing` gives when it failed with a 404: where
 * Sensay's "not found" must become the BFF's own answer (the same for missing
 * and not yours), or a fact ("not the caller's").
 */
export async function ifMissing<T> (call: Promise<T>, missing: () => T): Promise<T> {
  try {
    return await call
  } catch (err) {
    if (err instanceof AppError && err.statusCode === 404) return missing()
    throw err
  }
}

/** The default `error_code` for a status that carries no code of its own. */
export function codeForStatus (status: number): string {
  switch (status) {
    case 400: return 'VALIDATION_FAILED'
    case 401: return 'UNAUTHENTICATED'
    case 403: return 'FORBIDDEN'
    case 404: return 'NOT_FOUND'
    case 405: return 'METHOD_NOT_ALLOWED'
    case 408: return 'REQUEST_TIMEOUT'
    case 409: return 'CONFLICT'
    case 413: return 'PAYLOAD_TOO_LARGE'
    case 415: return 'UNSUPPORTED_MEDIA_TYPE'
    case 422: return 'VALIDATION_FAILED'
    case 431: return 'HEADERS_TOO_LARGE'
    case 429: return 'RATE_LIMITED'
    case 502: return 'UPSTREAM_ERROR'
    case 503: return 'UPSTREAM_UNAVAILABLE'
    case 504: return 'UPSTREAM_TIMEOUT'
    default: return status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'
  }
}
