import { createServer, Socket, type AddressInfo, type Server } from 'node:net'

export interface TestRedis {
  url: string
  stop: () => Promise<void>
}

/**
 * A real Redis for tests: REDIS_URL when set (CI starts one), otherwise a
 * throwaway container through testcontainers (a laptop with Docker).
 */
export async function startRedis (): Promise<TestRedis> {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => {} }
  const { RedisContainer } = await import('@testcontainers/redis')
  const container = await new RedisContainer('redis:7-alpine').start()
  return { url: container.getConnectionUrl(), stop: async () => { await container.stop() } }
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
