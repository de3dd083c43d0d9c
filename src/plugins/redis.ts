import { once } from 'node:events'
import fp from 'fastify-plugin'
import { Redis } from 'ioredis'

declare module 'fastify' {
  interface FastifyInstance {
    /** The shared Redis, when REDIS_URL is set. */
    redis?: Redis
  }
}

/**
 * One ioredis client per instance. Commands fail fast while Redis is away
 * (no offline queue, one retry) so that a Redis outage costs a request
 * milliseconds, not seconds; ioredis keeps reconnecting in the background.
 */
export const redisPlugin = fp<{ url?: string }>(async (app, { url }) => {
  if (!url) return
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false
  })
  // Errors are reported where they matter (rate limits, readiness); without a listener ioredis prints them.
  redis.on('error', () => {})
  app.decorate('redis', redis)
  // Start with a connection when Redis is there; when it is not, start anyway (limits fail open).
  try {
    await once(redis, 'ready', { signal: AbortSignal.timeout(2_000) })
  } catch {
    app.log.warn('Redis did not answer within 2 s at start-up; continuing without it until it does')
  }
  app.addHook('onClose', async () => { redis.disconnect() })
}, { name: 'redis' })
