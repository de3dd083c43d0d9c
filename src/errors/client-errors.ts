import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import { codeForStatus } from './app-error.js'

interface ClientError extends Error { code?: string }

const STATUS_OF: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408
}

const MESSAGES: Record<number, string> = {
  400: 'The request is not valid HTTP.',
  408: 'The request did not arrive in time.',
  431: 'The request headers are too large.'
}

/**
 * Node's own answers to requests it cannot parse (400, 408, 431) never reach
 * Fastify: this writes them in the contract's error shape, with an
 * `X-Request-Id`, where the socket can still take an answer.
 */
export function clientErrorHandler (nextRequestId: () => string) {
  return (err: ClientError, socket: Socket): void => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    const status = STATUS_OF[err.code ?? ''] ?? 400
    const requestId = nextRequestId()
    const body = JSON.stringify({ success: false, status, error_code: codeForStatus(status), error: MESSAGES[status], request_id: requestId, details: [] })
    // Destroyed once the answer is written (or after a second at the latest): a client that
    // never closes its side must not keep the descriptor.
    const destroy = setTimeout(() => socket.destroy(), 1_000).unref()
    socket.once('close', () => clearTimeout(destroy))
    socket.end([
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      `X-Request-Id: ${requestId}`,
      'Connection: close',
      '',
      body
    ].join('\r\n'), () => socket.destroy())
  }
}
