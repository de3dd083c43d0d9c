import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Registry } from 'prom-client'

export interface MetricsServer {
  url: string
  close: () => Promise<void>
}

// A scrape flood gets the same text for this long: rendering it is the costly part,
// and it runs on the event loop the API shares.
const RENDER_CACHE_MS = 1_000

/**
 * `GET /metrics` on a listener of its own (`METRICS_PORT`), never on the API
 * port: operators expose it to their scraper only, and clients cannot reach it.
 * Anything else there is a 404.
 */
export async function startMetricsServer (registry: Registry, host: string, port: number): Promise<MetricsServer> {
  let rendered: { at: number, text: Promise<string> } | undefined
  const render = (): Promise<string> => {
    const now = Date.now()
    if (rendered === undefined || now - rendered.at >= RENDER_CACHE_MS) rendered = { at: now, text: registry.metrics() }
    return rendered.text
  }
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n')
      return
    }
    render().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics unavailable\n')
    )
  })
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const address = server.address() as AddressInfo
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${shown}:${address.port}/metrics`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()) })
  }
}
