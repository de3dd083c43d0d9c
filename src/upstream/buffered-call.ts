import type { ServerResponse } from 'node:http'
import type { Dispatcher } from 'undici'
import { AbandonedError, DeadlineError, HeaderNames, deadlineTimer, watchClient, type ResponseHeaders } from './dispatch-common.js'

export interface BufferedResponse {
  statusCode: number
  /** Only X-Request-Id and Retry-After: all a JSON call's caller reads. */
  headers: ResponseHeaders
  text: string
}

/** The response headers the client reads from a buffered answer. */
const KEPT = new HeaderNames(['x-request-id', 'retry-after'])

/**
 * One upstream exchange read whole, through undici's dispatch(). undici's
 * request() wraps every call in an AsyncResource, a body stream and (to be
 * cancellable) an AbortSignal; for the small JSON answers of this API those
 * were a measurable share of a proxied call's CPU. When `client` closes
 * before its answer is finished (the caller went away), the exchange is
 * aborted: an answer nobody reads still costs upstream. The whole answer,
 * a wait for a connection included, must be in by `deadline`
 * (performance.now() time): undici's own timeouts start at the write and
 * restart with every chunk, so a queued call or a trickling body would run on.
 */
export function bufferedCall (dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, client?: ServerResponse, deadline?: number): Promise<BufferedResponse> {
  return new Promise((resolve, reject) => {
    let abort: ((err: Error) => void) | undefined
    let statusCode = 0
    let headers: ResponseHeaders = {}
    const chunks: Buffer[] = []
    let settled = false
    let abandoned = false
    const watch = watchClient(client, () => {
      abandoned = true
      abort?.(new AbandonedError())
    })
    if (watch.gone) return reject(new AbandonedError())
    let late = false
    const timer = deadlineTimer(deadline, () => {
      late = true
      if (abort !== undefined) abort(new DeadlineError())
      else if (settle()) reject(new DeadlineError())
    })
    const settle = (): boolean => {
      if (settled) return false
      settled = true
      clearTimeout(timer)
      watch.release()
      return true
    }
    dispatcher.dispatch(options, {
      onConnect (abortCall) {
        // A call still queued for a connection when the client left never starts.
        if (abandoned) abortCall(new AbandonedError())
        else if (late) abortCall(new DeadlineError())
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
