import type { ServerResponse } from 'node:http'
import type { Dispatcher } from 'undici'

export type ResponseHeaders = Record<string, string | string[] | undefined>

export interface BufferedResponse {
  statusCode: number
  /** Only X-Request-Id and Retry-After: all a JSON call's caller reads. */
  headers: ResponseHeaders
  text: string
}

/** Names of response headers to decode from undici's raw list; no other name is decoded. */
export class HeaderNames {
  readonly #names: Set<string>
  readonly #lengths: Set<number>
  constructor (names: string[]) {
    this.#names = new Set(names)
    this.#lengths = new Set(names.map((name) => name.length))
  }

  /** Lower-cased names; a repeated header becomes an array, as undici's request() does it. */
  pick (raw: Buffer[]): ResponseHeaders {
    const headers: ResponseHeaders = {}
    for (let i = 0; i < raw.length; i += 2) {
      if (!this.#lengths.has(raw[i]!.length)) continue
      const name = raw[i]!.toString('latin1').toLowerCase()
      if (!this.#names.has(name)) continue
      const value = raw[i + 1]!.toString('latin1')
      const seen = headers[name]
      if (seen === undefined) headers[name] = value
      else if (Array.isArray(seen)) seen.push(value)
      else headers[name] = [seen, value]
    }
    return headers
  }
}

/** The response headers the client reads from a buffered answer. */
const KEPT = new HeaderNames(['x-request-id', 'retry-after'])

export class AbandonedError extends Error {
  override name = 'AbortError'
  constructor () { super('the client went away') }
}

/**
 * One upstream exchange read whole, through undici's dispatch(). undici's
 * request() wraps every call in an AsyncResource, a body stream and (to be
 * cancellable) an AbortSignal; for the small JSON answers of this API those
 * were a measurable share of a proxied call's CPU. When `client` closes
 * before its answer is finished (the caller went away), the exchange is
 * aborted: an answer nobody reads still costs upstream.
 */
export function bufferedCall (dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, client?: ServerResponse): Promise<BufferedResponse> {
  return new Promise((resolve, reject) => {
    let abort: ((err: Error) => void) | undefined
    let statusCode = 0
    let headers: ResponseHeaders = {}
    const chunks: Buffer[] = []
    let settled = false
    let abandoned = false
    const onClientClose = (): void => {
      if (client!.writableFinished) return
      abandoned = true
      abort?.(new AbandonedError())
    }
    const settle = (): boolean => {
      if (settled) return false
      settled = true
      client?.off('close', onClientClose)
      return true
    }
    if (client) {
      if (client.destroyed) return reject(new AbandonedError())
      client.once('close', onClientClose)
    }
    dispatcher.dispatch(options, {
      onConnect (abortCall) {
        // A call still queued for a connection when the client left never starts.
        if (abandoned) abortCall(new AbandonedError())
        else abort = abortCall
      },
      onHeaders (status, rawHeaders) {
        // 1xx interim answers are not the answer.
        if (status < 200) return true
        statusCode = status
        headers = KEPT.pick(rawHeaders as unknown as Buffer[])
        return true
      },
      onData (chunk) {
        chunks.push(chunk)
        return true
      },
      onComplete () {
        if (!settle()) return
        const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')
        resolve({ statusCode, headers, text })
      },
      onError (err) {
        if (settle()) reject(err)
      }
    })
  })
}
