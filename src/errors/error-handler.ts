import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, codeForStatus, errors, type ErrorDetail } from './app-error.js'
import type { ErrorResponseT } from '../schemas/common.js'
import { OPENAI_DOOR, openAiErrorBody } from './openai-shape.js'

interface AjvLikeError {
  keyword: string
  instancePath: string
  message?: string
  params: Record<string, unknown>
}

const contextNames: Record<string, string> = { querystring: 'query', params: 'path', body: 'body', headers: 'headers' }

function dotted (pointer: string, leaf?: unknown): string {
  const parts = pointer.split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
  if (typeof leaf === 'string') parts.push(leaf)
  return parts.join('.')
}

export function validationDetails (context: string, list: AjvLikeError[]): ErrorDetail[] {
  const where = contextNames[context] ?? context
  // `if` only says which branch failed; the branch's own errors name the field.
  return list.filter((e) => e.keyword !== 'if').map((e) => {
    switch (e.keyword) {
      case 'additionalProperties':
        return { in: where, field: dotted(e.instancePath, e.params.additionalProperty), message: 'is not accepted' }
      case 'required':
        return { in: where, field: dotted(e.instancePath, e.params.missingProperty), message: 'is required' }
      case 'const':
        return { in: where, field: dotted(e.instancePath), message: `must be ${JSON.stringify(e.params.allowedValue)}` }
      case 'enum': {
        const allowed = e.params.allowedValues as unknown[]
        const message = allowed.length <= 12 ? `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` : 'is not one of the allowed values'
        return { in: where, field: dotted(e.instancePath), message }
      }
      default:
        return { in: where, field: dotted(e.instancePath), message: e.message ?? 'is invalid' }
    }
  })
}

/** Turns anything thrown into an AppError with the contract's status and code. */
export function toAppError (err: FastifyError | AppError | Error): AppError {
  if (err instanceof AppError) return err
  const fe = err as FastifyError
  if (fe.validation) {
    const details = validationDetails(fe.validationContext ?? 'body', fe.validation as unknown as AjvLikeError[])
    const first = details[0]
    const message = first ? `${first.in}${first.field ? '.' + first.field : ''} ${first.message}` : 'Invalid request.'
    return errors.validation(message, details)
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.payloadTooLarge()
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return errors.unsupportedMediaType()
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errors.validation('The JSON body is empty.', [{ in: 'body', field: '', message: 'is empty' }])
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return errors.invalidJson()
  }
  if (err instanceof SyntaxError && fe.statusCode === 400) return errors.invalidJson()
  const status = fe.statusCode
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // Fastify's own 4xx (bad content length, bad URL...): its message is about the request.
    return new AppError(status, codeForStatus(status), fe.message)
  }
  return errors.internal(err)
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The failure behind a 5xx, logged once on the request's log line. */
    failure?: unknown
    /** The error_code of an error answer (a trace's error.type). */
    errorCode?: string
  }
}

export function sendError (request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  if (error.statusCode >= 500) request.failure = error.cause ?? error
  request.errorCode = error.code
  // The OpenAI door answers in OpenAI's shape, so that its clients raise the right error class.
  if (request.url.startsWith(OPENAI_DOOR)) {
    return reply.code(error.statusCode).headers(error.headers).type('application/json; charset=utf-8').send(openAiErrorBody(error))
  }
  const body: ErrorResponseT = {
    success: false,
    status: error.statusCode,
    error_code: error.code,
    error: error.message,
    request_id: request.id,
    details: error.details
  }
  if (error.upstreamRequestId) body.upstream_request_id = error.upstreamRequestId
  return reply.code(error.statusCode).headers(error.headers).type('application/json; charset=utf-8').send(body)
}

/** One error handler and one not-found handler for the whole app. */
export const errorHandler = fp(async (app) => {
  app.decorateRequest('failure', undefined)
  app.decorateRequest('errorCode', undefined)
  app.setErrorHandler((err, request, reply) => sendError(request, reply, toAppError(err as FastifyError)))
  app.setNotFoundHandler((request, reply) => sendError(request, reply, errors.notFound(`No route for ${request.method} ${request.url.split('?')[0]}.`)))
}, { name: 'error-handler' })
