import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'

/** The process's open-files limit (soft), from /proc; undefined where there is none to read. */
export function openFilesLimit (limits = '/proc/self/limits'): number | undefined {
  try {
    const line = readFileSync(limits, 'utf8').split('\n').find((l) => l.startsWith('Max open files'))
    const soft = line?.split(/\s{2,}/)[1]
    return soft === undefined || soft === 'unlimited' ? undefined : Number(soft)
  } catch {
    return undefined
  }
}

/**
 * How many client connections to accept at most: what the open-files limit
 * leaves after the upstream pools (every stream holds an upstream socket too),
 * Redis, logs and files. Past it, Node closes new connections at once instead
 * of failing to accept them, and the ones already open keep being served.
 */
export function connectionCeiling (openFiles: number, upstreamConnections: number, jsonConnections = 256): number {
  return Math.max(16, openFiles - upstreamConnections - jsonConnections - 64)
}

/** Applies the ceiling and says once (per episode) that it sheds connections. */
export function limitConnections (server: Server, ceiling: number, warn: (message: string, fields: object) => void): void {
  server.maxConnections = ceiling
  let shedding = false
  server.on('drop', () => {
    if (shedding) return
    shedding = true
    warn('at the connection ceiling: new connections are closed at once until some end', { ceiling })
    // Said again only after a quiet minute.
    setTimeout(() => { shedding = false }, 60_000).unref()
  })
}
