import { createServer, Socket, type AddressInfo, type Server } from 'node:net'

export interface TestRedis {
  url: string
  stop: () => Promise<void>
}

const LOCAL_REDIS = 'redis://127.0.0.1:6379'

/** Whether a Redis answers PING at host:port, within a short time. */
export function redisAnswers (url: string, timeoutMs = 500): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = new Socket()
    const done = (ok: boolean) => { socket.destroy(); resolve(ok) }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('error', () => done(false))
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')))
    socket.connect(Number(port || 6379), hostname, () => socket.write('PING\r\n'))
  })
}

/**
 * A real Redis for tests, found the way CI finds one: REDIS_URL when set,
 * then a Redis answering on 127.0.0.1:6379, then a throwaway container
 * through testcontainers (a laptop with Docker). With none of them, one line
 * says how to get one.
 */
export async function startRedis (): Promise<TestRedis> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => {} }
  if (await redisAnswers(LOCAL_REDIS)) return { url: LOCAL_REDIS, stop: async () => {} }
  const { RedisContainer } = await import('@testcontainers/redis')
  try {
    const container = await new RedisContainer('redis:7-alpine').start()
    return { url: container.getConnectionUrl(), stop: async () => { await container.stop() } }
  } catch (err) {
    throw new Error(`These tests need a Redis: set REDIS_URL, run one on 127.0.0.1:6379 (apt-get install redis-server), or give testcontainers a Docker engine (${(err as Error).message})`)
  }
}

export interface CuttableRedis {
  url: string
  /** Drops every connection and refuses new ones: Redis is "down". */
  cut: () => Promise<void>
  /** Accepts connections again. */
  restore: () => Promise<void>
  close: () => Promise<void>
}

/** A TCP proxy in front of a real Redis, so a test can take Redis away and bring it back. */
export async function cuttableRedis (target: string): Promise<CuttableRedis> {
  const { hostname, port } = new URL(target)
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let listenPort = 0
  const listen = () => new Promise<void>((resolve) => {
    server = createServer((client) => {
      const upstream = new Socket()
      upstream.connect(Number(port || 6379), hostname)
      client.pipe(upstream).pipe(client)
      for (const s of [client, upstream]) {
        sockets.add(s)
        s.on('error', () => {})
        s.on('close', () => { sockets.delete(s); client.destroy(); upstream.destroy() })
      }
    })
    server.listen(listenPort, '127.0.0.1', () => {
      listenPort = (server!.address() as AddressInfo).port
      resolve()
    })
  })
  const stop = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy()
    if (server) server.close(() => resolve())
    else resolve()
    server = undefined
  })
  await listen()
  const path = new URL(target).pathname
  return { url: `redis://127.0.0.1:${listenPort}${path}`, cut: stop, restore: listen, close: stop }
}
