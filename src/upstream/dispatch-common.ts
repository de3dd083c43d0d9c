import type { ServerResponse } from 'node:http'

// What both ways of reading an upstream answer through undici's dispatch()
// share: the response headers they decode, and the error for a caller who left.

export type ResponseHeaders = Record<string, string | string[] | undefined>

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

/** The exchange ran past its deadline (the whole answer, a connection wait included): a 504. */
export class DeadlineError extends Error {
  readonly code = 'BFF_UPSTREAM_DEADLINE'
  constructor () { super('the upstream answer did not arrive whole in time') }
}

/**
 * Calls `expire` at `deadline` (performance.now() time), unless cleared first:
 * the one timer of an exchange, a wait for a connection included.
 */
export function deadlineTimer (deadline: number | undefined, expire: () => void): NodeJS.Timeout | undefined {
  return deadline === undefined ? undefined : setTimeout(expire, Math.max(1, deadline - performance.now()))
}

/** The exchange was aborted because its client went away. */
export class AbandonedError extends Error {
  override name = 'AbortError'
  constructor () { super('the client went away') }
}

/**
 * Calls `abandon` if `client` closes before its answer is finished (the
 * caller went away): an answer nobody reads still costs upstream. `gone`: it
 * had closed already, and nothing should start. `release` once the exchange is over.
 */
export function watchClient (client: ServerResponse | undefined, abandon: () => void): { gone: boolean, release: () => void } {
  if (client === undefined) return { gone: false, release: () => {} }
  if (client.destroyed) return { gone: true, release: () => {} }
  const onClose = (): void => { if (!client.writableFinished) abandon() }
  client.once('close', onClose)
  return { gone: false, release: () => { client.off('close', onClose) } }
}
