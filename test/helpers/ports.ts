import { createServer } from 'node:net'

/** A port that was free a moment ago: nothing listens there, so connecting is refused. */
export function closedPort (): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
