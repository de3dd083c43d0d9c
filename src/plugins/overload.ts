import fp from 'fastify-plugin'
import { AppError } from '../errors/app-error.js'

export interface OverloadOptions {
  /** Event-loop delay past which requests get 503 OVERLOADED (0: never). */
  maxEventLoopDelayMs: number
  /** How often the delay is sampled (tests shorten it). */
  sampleIntervalMs?: number
}

/**
 * Sheds load when the event loop lags: a request arriving while the last
 * sample's delay is past the limit gets 503 `OVERLOADED` with Retry-After,
 * so an instance that cannot keep up says so at once instead of queueing.
 * Liveness and metrics (`unlimited` routes) still answer. The delay is how
 * late a timer fired, nothing more: @fastify/under-pressure also read
 * `process.memoryUsage()` every sample, which opens /proc and, at the
 * open-files limit, threw EMFILE from a timer and ended the process.
 */
export const overloadPlugin = fp<OverloadOptions>(async (app, { maxEventLoopDelayMs, sampleIntervalMs = 1_000 }) => {
  if (maxEventLoopDelayMs <= 0) return
  let last = performance.now()
  let delay = 0
  const timer = setInterval(() => {
    const now = performance.now()
    delay = Math.max(0, now - last - sampleIntervalMs)
    last = now
  }, sampleIntervalMs).unref()
  app.addHook('onClose', async () => clearInterval(timer))
  app.addHook('onRequest', (request, _reply, done) => {
    if (delay > maxEventLoopDelayMs && request.route?.config.unlimited !== true) {
      return done(new AppError(503, 'OVERLOADED', 'The service is overloaded; try again shortly.', { headers: { 'retry-after': '1' } }))
    }
    done()
  })
}, { name: 'overload' })
