import pino from 'pino'
import type { FastifyBaseLogger } from 'fastify'
import type { LoggerOptions } from 'pino'

/** Header paths that carry credentials, wherever a request or error object is logged. */
export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'req.headers["x-organization-secret"]',
  'headers.authorization', 'headers.cookie', 'headers["x-api-key"]', 'headers["x-organization-secret"]',
  'err.headers.authorization', 'err.headers["x-organization-secret"]',
  'res.headers["set-cookie"]'
]

/**
 * pino options for the app. Besides path redaction, the organization secret
 * is scrubbed from every serialized line, so it cannot leak through an error
 * message or cause that quotes it.
 */
export function loggerOptions (level: string, secrets: string[]): LoggerOptions {
  const scrub = secrets.filter((s) => s.length >= 4)
  const options: LoggerOptions = { level, redact: { paths: REDACT_PATHS, censor: '[REDACTED]' } }
  // pino needs `hooks` absent, not undefined, when there is nothing to scrub.
  if (scrub.length > 0) {
    options.hooks = {
      streamWrite: (line: string) => {
        let out = line
        for (const secret of scrub) {
          if (out.includes(secret)) out = out.split(secret).join('[REDACTED]')
        }
        return out
      }
    }
  }
  return options
}

type PinoInternals = Record<symbol, unknown>

/**
 * Writes `fields` (plain JSON values, `msg` last) as an info line exactly as
 * pino would (its level prefix, time, bindings, its stream and scrub hook),
 * with one JSON.stringify instead of pino's walk over the keys with a
 * serializer lookup, redaction and a stringify per value: the request line
 * was the largest single cost of a proxied call that is ours. Only for lines
 * with nothing to redact or serialize (no `err`, no headers); undefined when
 * info is off or `logger` is not pino.
 */
export function infoLineWriter (logger: FastifyBaseLogger): ((fields: Record<string, unknown>) => void) | undefined {
  const internals = logger as unknown as PinoInternals
  const { lsCacheSym, timeSym, chindingsSym, streamSym, hooksSym, endSym } = pino.symbols as Record<string, symbol>
  const prefix = (internals[lsCacheSym!] as Record<number, string> | undefined)?.[30]
  const time = internals[timeSym!] as (() => string) | undefined
  const stream = internals[streamSym!] as { write: (line: string) => void } | undefined
  const end = internals[endSym!] as string | undefined
  if (!(logger as unknown as pino.Logger).isLevelEnabled('info') || prefix === undefined || time === undefined || stream === undefined || end === undefined) return undefined
  const chindings = internals[chindingsSym!] as string
  const hook = (internals[hooksSym!] as { streamWrite?: (line: string) => string } | undefined)?.streamWrite
  return (fields) => {
    const json = JSON.stringify(fields)
    const line = `${prefix}${time()}${chindings},${json.slice(1, -1)}${end}`
    stream.write(hook === undefined ? line : hook(line))
  }
}
