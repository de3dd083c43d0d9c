import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { closedPort } from './ports.js'

// Real Sentinel sets and Clusters from Debian's redis-server (sentinel mode is the same
// binary), started and stopped by the tests on free ports.

export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0

interface Server { port: number, process: ChildProcess }

async function startServer (dir: string, args: string[], sentinel = false): Promise<Server> {
  const port = await closedPort()
  const conf = join(dir, `${port}.conf`)
  // A sentinel rewrites its config file: it must be its own and writable.
  writeFileSync(conf, sentinel ? args.join('\n') + '\n' : '')
  const argv = sentinel
    ? [conf, '--sentinel', '--port', String(port), '--bind', '127.0.0.1', '--dir', dir]
    : [conf, '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...args]
  const child = spawn('redis-server', argv, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk) => { output += chunk })
  await new Promise<void>((resolve, reject) => {
    const ready = sentinel ? /Sentinel ID is|monitor master/ : /Ready to accept connections/
    child.stdout!.on('data', () => { if (ready.test(output)) resolve() })
    child.once('exit', (code) => reject(new Error(`redis-server on ${port} exited ${code}: ${output.slice(-1000)}`)))
  })
  return { port, process: child }
}

async function stopServer (server: Server): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null) return
  const exited = once(server.process, 'exit')
  server.process.kill('SIGKILL')
  await exited
}

export interface SentinelSet {
  name: string
  sentinels: Array<{ host: string, port: number }>
  /** The current master's port, as the sentinels say. */
  masterPort: () => Promise<number>
  /** Kills the current master (SIGKILL, no goodbye) and resolves once the sentinels promoted the replica. */
  killMaster: () => Promise<number>
  stop: () => Promise<void>
}

/** A master, one replica and three sentinels (quorum 2), failing over in about a second. */
export async function startSentinelSet (name = 'mymaster'): Promise<SentinelSet> {
  const dir = mkdtempSync(join(tmpdir(), 'bff-sentinel-'))
  const master = await startServer(dir, [])
  const replica = await startServer(dir, ['--replicaof', '127.0.0.1', String(master.port)])
  const data = [master, replica]
  const sentinels: Server[] = []
  for (let i = 0; i < 3; i++) {
    sentinels.push(await startServer(dir, [
      `sentinel monitor ${name} 127.0.0.1 ${master.port} 2`,
      `sentinel down-after-milliseconds ${name} 1000`,
      `sentinel failover-timeout ${name} 10000`,
      `sentinel parallel-syncs ${name} 1`
    ], true))
  }
  const ask = new Redis({ port: sentinels[0]!.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1 })
  await ask.connect()
  const masterPort = async () => Number(((await ask.call('SENTINEL', 'get-master-addr-by-name', name)) as string[])[1])
  // Wait until the replica is in sync and every sentinel knows the others.
  const check = new Redis({ port: replica.port, host: '127.0.0.1', lazyConnect: true })
  await check.connect()
  for (let i = 0; i < 200; i++) {
    const info = await check.info('replication')
    const fields = (await ask.call('SENTINEL', 'master', name)) as string[]
    const sentinelsSeen = Number(fields[fields.indexOf('num-other-sentinels') + 1])
    if (info.includes('master_link_status:up') && sentinelsSeen >= 2) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  check.disconnect()
  return {
    name,
    sentinels: sentinels.map((s) => ({ host: '127.0.0.1', port: s.port })),
    masterPort,
    killMaster: async () => {
      const before = await masterPort()
      const current = data.find((s) => s.port === before)!
      // The sentinels publish +switch-master when the replica is promoted.
      const watcher = new Redis({ port: sentinels[1]!.port, host: '127.0.0.1' })
      await watcher.subscribe('+switch-master')
      const switched = once(watcher, 'message') as Promise<[string, string]>
      await stopServer(current)
      // "<name> <old-ip> <old-port> <new-ip> <new-port>": the new master from the event itself, since
      // the sentinel asked otherwise may not have heard yet (a CI run read the old port).
      const [, message] = await switched
      watcher.disconnect()
      return Number(message.split(' ')[4])
    },
    stop: async () => {
      ask.disconnect()
      for (const server of [...sentinels, ...data]) await stopServer(server)
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export interface TestCluster {
  nodes: Array<{ host: string, port: number }>
  stop: () => Promise<void>
}

/** Three masters, the 16384 slots split between them (no replicas). */
export async function startCluster (): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'bff-cluster-'))
  const servers: Server[] = []
  for (let i = 0; i < 3; i++) {
    servers.push(await startServer(dir, ['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${i}.conf`), '--cluster-node-timeout', '2000']))
  }
  const create = spawnSync('redis-cli', ['--cluster', 'create', ...servers.map((s) => `127.0.0.1:${s.port}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8', timeout: 30_000 })
  if (create.status !== 0) throw new Error(`redis-cli --cluster create: ${create.stdout}${create.stderr}`)
  // Every node agrees the cluster is whole before a test uses it.
  for (const server of servers) {
    const client = new Redis({ port: server.port, host: '127.0.0.1' })
    for (let i = 0; i < 200 && !(await client.cluster('INFO') as string).includes('cluster_state:ok'); i++) await new Promise((resolve) => setTimeout(resolve, 100))
    client.disconnect()
  }
  return {
    nodes: servers.map((s) => ({ host: '127.0.0.1', port: s.port })),
    stop: async () => {
      for (const server of servers) await stopServer(server)
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
