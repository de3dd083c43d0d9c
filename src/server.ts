import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { startMetricsServer, type MetricsServer } from './metrics/metrics-server.js'
import { batchedDestination } from './logging/log-destination.js'
import { ConfigError, loadConfig } from './config/load-config.js'
import type { Config } from './config/config.js'
import { connectionCeiling, limitConnections, openFilesLimit } from './plugins/connection-ceiling.js'

const LISTEN_BACKLOG = 4096

/** Builds and listens; the only place (with demo.ts) that touches the process. */
export async function serve (config: Config): Promise<void> {
  // Asynchronous, batched log writes: writing each request line on its own was the
  // largest cost under load.
  const logStream = batchedDestination(1)
  const app = await buildApp(config, { logStream })
  const openFiles = openFilesLimit()
  if (openFiles !== undefined) {
    const ceiling = connectionCeiling(openFiles, config.upstreamConnections)
    limitConnections(app.server, ceiling, (message, fields) => app.log.warn(fields, message))
    app.log.info({ openFiles, maxConnections: ceiling }, 'client connections limited by the open-files limit')
  }
  let metrics: MetricsServer | undefined
  // close-with-grace's own delay is a backstop beyond the grace that app.close() honours.
  closeWithGrace({ delay: config.shutdownGraceMs + 5_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    else app.log.info({ signal }, 'shutting down')
    await app.close()
    await metrics?.close()
    logStream.flushSync()
  })
  // Node's default accept queue (511) overflows when a few hundred chats open at
  // once (each a new connection): the kernel then drops the SYN and the client
  // retries a second later. The kernel caps it at net.core.somaxconn.
  await app.listen({ host: config.host, port: config.port, backlog: LISTEN_BACKLOG })
  if (config.metricsPort !== undefined) {
    metrics = await startMetricsServer(app.metrics, config.host, config.metricsPort)
    app.log.info({ url: metrics.url }, 'metrics listening')
  }
}

/** `npm start`: configuration from the environment, one line and exit 1 when it is wrong. */
export async function main (): Promise<void> {
  let config: Config
  try {
    config = loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(1)
    }
    throw err
  }
  await serve(config)
}

export function fail (err: unknown): never {
  process.stderr.write(`sensay-bff failed to start: ${(err as Error).message}\n`)
  process.exit(1)
}

// `node dist/server.js` (the container) runs directly; scripts/start.mjs calls main().
if (process.argv[1] && import.meta.url === new URL(process.argv[1], 'file://').href) main().catch(fail)
