import type { ServerResponse } from 'node:http'
import type { Dispatcher } from 'undici'
import { AbandonedError, DeadlineError, HeaderNames, deadlineTimer, watchClient, type ResponseHeaders } from './dispatch-common.js'

/** Where a streamed answer's body goes, chunk by chunk, as undici parses it. */
export interface StreamSink {
  /** false: the reader is full; the upstream read stays paused until `resume()`. */
  data: (chunk: Buffer) => boolean
  end: () => void
  error: (err: Error) => void
}

/** A streamed answer once its headers are in: the body waits (upstream paused) until it is piped. */
export interface StreamedResponse {
  statusCode: number
  headers: ResponseHeaders
  /** Delivers the body to `sink`: what arrived while nobody read first, then the rest as it comes. */
  pipe: (sink: StreamSink) => void
  /** The sink has room again. */
  resume: () => void
  /** Stops the exchange; the sink gets `error(err)`. */
  abort: (err: Error) => void
  /** The whole body as text (for an error answer). */
  text: () => Promise<string>
}

/** What a streamed answer's reader needs: its protocol, its ids, and Retry-After on a refusal. */
const KEPT = new HeaderNames(['content-type', 'content-encoding', 'x-vercel-ai-ui-message-stream', 'x-vercel-ai-data-stream', 'x-request-id', 'retry-after'])

/**
 * One streamed exchange through undici's dispatch(): resolves when the
 * headers arrive, then hands each body chunk straight to a sink, pausing the
 * upstream socket while the sink is full. request() would put a Readable,
 * an AsyncResource and an AbortSignal between the socket and the client; a
 * relay of hundreds of small parts per answer and thousands of open answers
 * pays for each of them (measured: README, Benchmarks). When `client` closes
 * unfinished, the exchange is aborted. Its headers, a wait for a connection
 * included, must arrive by `deadline` (performance.now() time).
 */
export function streamedCall (dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, client?: ServerResponse, deadline?: number): Promise<StreamedResponse> {
  return new Promise((resolve, reject) => {
    let abortCall: ((err: Error) => void) | undefined
    let resumeCall: (() => void) | undefined
    let sink: StreamSink | undefined
    // What came before anyone read: the parser is paused at the headers, so at most a chunk or two.
    let early: Buffer[] = []
    let outcome: { err?: Error } | undefined
    let answered = false
    let abandoned: Error | undefined
    const abort = (err: Error): void => {
      abandoned ??= err
      abortCall?.(err)
    }
    const watch = watchClient(client, () => abort(new AbandonedError()))
    if (watch.gone) return reject(new AbandonedError())
    let late = false
    const timer = deadlineTimer(deadline, () => {
      late = true
      if (abortCall !== undefined) abortCall(new DeadlineError())
      else if (!answered) {
        answered = true
        reject(new DeadlineError())
      }
    })
    const settle = (): void => {
      // A finished exchange's parser may already serve another call on the same socket.
      resumeCall = abortCall = undefined
      watch.release()
    }
    const response: StreamedResponse = {
      statusCode: 0,
      headers: {},
      pipe (to) {
        sink = to
        let room = true
        for (const chunk of early) room = to.data(chunk)
        early = []
        if (outcome !== undefined) return outcome.err === undefined ? to.end() : to.error(outcome.err)
        if (room) resumeCall?.()
      },
      resume: () => resumeCall?.(),
      abort,
      text () {
        const chunks: Buffer[] = []
        return new Promise((resolve, reject) => {
          response.pipe({
            data: (chunk) => { chunks.push(chunk); return true },
            end: () => resolve(Buffer.concat(chunks).toString('utf8')),
            error: reject
          })
        })
      }
    }
    dispatcher.dispatch(options, {
      onConnect (abortExchange) {
        // A call still queued for a connection when the client left never starts.
        if (abandoned !== undefined) abortExchange(abandoned)
        else if (late) abortExchange(new DeadlineError())
        else abortCall = abortExchange
      },
      onHeaders (status, rawHeaders, resume) {
        // 1xx interim answers are not the answer.
        if (status < 200) return true
        clearTimeout(timer)
        answered = true
        resumeCall = resume
        response.statusCode = status
        response.headers = KEPT.pick(rawHeaders as unknown as Buffer[])
        resolve(response)
        // Paused until someone reads.
        return false
      },
      onData (chunk) {
        if (sink !== undefined) return sink.data(chunk)
        early.push(chunk)
        return false
      },
      onComplete () {
        settle()
        if (sink !== undefined) sink.end()
        else outcome = {}
      },
      onError (err) {
        clearTimeout(timer)
        settle()
        if (!answered) reject(err)
        else if (sink !== undefined) sink.error(err)
        else outcome = { err }
      }
    })
  })
}
