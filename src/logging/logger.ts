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
