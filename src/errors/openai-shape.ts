import type { AppError } from './app-error.js'

/** Where the OpenAI-compatible routes live. */
export const OPENAI_DOOR = '/openai/'

export interface OpenAiErrorBody {
  error: { message: string, type: string, param: string | null, code: string | null }
}

/**
 * An error as OpenAI's API writes it. The status is the BFF's own (the same as
 * on /v1); `type` and `code` are the ones OpenAI's clients and their users
 * know (401 invalid_api_key, 404 model_not_found, 429 rate_limit_exceeded),
 * else our code in lower case; `param` names the field at fault.
 */
export function openAiErrorBody (error: AppError): OpenAiErrorBody {
  const status = error.statusCode
  const param = error.details[0]?.field
  let type = status >= 500 ? 'api_error' : 'invalid_request_error'
  let code = error.code.toLowerCase()
  if (status === 401) code = 'invalid_api_key'
  else if (status === 403) type = 'permission_error'
  else if (status === 429) {
    type = error.code === 'QUOTA_EXCEEDED' || error.code.endsWith('_QUOTA_EXCEEDED') ? 'insufficient_quota' : 'requests'
    if (error.code === 'RATE_LIMITED') code = 'rate_limit_exceeded'
  }
  return { error: { message: error.message, type, param: param === undefined || param === '' ? null : param, code } }
}
