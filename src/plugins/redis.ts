import { once } from 'node:events'
import fp from 'fastify-plugin'
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis'
import type { RedisTarget } from '../config/config.js'

/** One Redis server, a Sentinel-managed master, or a Redis Cluster: the commands the BFF uses work on each. */
export type RedisClient = Redis | Cluster

declare module 'fastify' {
  interface FastifyInstance {
    /** The shared Redis, when one is configured. */
    redis?: RedisClient
  }
}

// Commands fail fast while Redis is away (no offline queue, one retry), so that an
// outage costs a request milliseconds, not seconds; ioredis reconnects in the background.
const FAIL_FAST: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  commandTimeout: 1_000,
  retryStrategy: (times) => Math.min(times * 200, 2_000)
}

export function connectRedis (target: RedisTarget): RedisClient {
  switch (target.kind) {
    case 'url':
      return new Redis(target.url, FAIL_FAST)
    case 'sentinel':
      // Asks the sentinels for the master, and again after a failover (the old master's
      // connection is dropped when it turns replica: READONLY answers reconnect too).
      return new Redis({ ...FAIL_FAST, sentinels: target.sentinels, name: target.name, sentinelRetryStrategy: (times) => Math.min(times * 200, 2_000), reconnectOnError: (err) => err.message.startsWith('READONLY') })
    case 'cluster': {
      const options: ClusterOptions = {
        enableOfflineQueue: false,
        redisOptions: { connectTimeout: FAIL_FAST.connectTimeout, commandTimeout: FAIL_FAST.commandTimeout, maxRetriesPerRequest: 1 },
        clusterRetryStrategy: (times) => Math.min(times * 200, 2_000),
        // A moved slot (failover, resharding) is followed, a bounded number of times.
        maxRedirections: 8
      }
      return new Cluster(target.nodes, options)
    }
  }
}

/**
 * A connection of its own for SUBSCRIBE (a subscriber can do nothing else): it
 * queues the subscription until Redis answers and renews it after a reconnect
 * or a failover. PUBLISH reaches every subscriber on a Cluster too.
 */
export function subscriberFor (redis: RedisClient): RedisClient {
  const patient = { enableOfflineQueue: true, maxRetriesPerRequest: null }
  return redis instanceof Cluster ? redis.duplicate(undefined, { ...patient, redisOptions: { maxRetriesPerRequest: null } }) : redis.duplicate(patient)
}

/** One client per instance; with none configured, limits and sessions stay in the process. */
export const redisPlugin = fp<{ target?: RedisTarget }>(async (app, { target }) => {
  if (target === undefined) return
  const redis = connectRedis(target)
  // Errors are reported where they matter (rate limits, readiness); without a listener ioredis prints them.
  redis.on('error', () => {})
  app.decorate<RedisClient>('redis', redis)
  // Start with a connection when Redis is there; when it is not, start anyway (limits fail open).
  try {
    await once(redis, 'ready', { signal: AbortSignal.timeout(2_000) })
  } catch {
    app.log.warn(`Redis (${target.kind}) did not answer within 2 s at start-up; continuing without it until it does`)
  }
  app.addHook('onClose', async () => { redis.disconnect() })
}, { name: 'redis' })
