import pino from 'pino'
import type { DestinationStream } from 'pino'

export interface LogDestination extends DestinationStream {
  /** Writes whatever is pending, synchronously: at shutdown. */
  flushSync: () => void
}

export interface BatchOptions {
  /** Pending lines are written at least this often. */
  flushMs?: number
  /** ...or as soon as this many characters are pending. */
  batchChars?: number
}

/** Beyond this much unwritten output (a stalled log reader), lines are dropped rather than held. */
const MAX_PENDING_BYTES = 16 * 1024 * 1024

/**
 * Log lines to a file descriptor in batches: a line is an array push, and
 * the batch goes to sonic-boom as one asynchronous write every flushMs or
 * every batchChars. Measured under load, each write to a pipe (a thread
 * hand-off and a wake-up of the reader) cost more than formatting the line;
 * sonic-boom also re-measures its whole pending buffer on each write it is
 * given. A crash loses at most flushMs of lines; shutdown flushes.
 */
export function batchedDestination (fd = 1, { flushMs = 100, batchChars = 64 * 1024 }: BatchOptions = {}): LogDestination {
  const out = pino.destination({ dest: fd, sync: false, maxLength: MAX_PENDING_BYTES })
  let lines: string[] = []
  let chars = 0
  let timer: NodeJS.Timeout | undefined
  const flush = (): void => {
    clearTimeout(timer)
    timer = undefined
    if (lines.length === 0) return
    const batch = lines.join('')
    lines = []
    chars = 0
    out.write(batch)
  }
  return {
    write (line: string) {
      lines.push(line)
      chars += line.length
      if (chars >= batchChars) flush()
      else timer ??= setTimeout(flush, flushMs).unref()
    },
    flushSync () {
      flush()
      out.flushSync()
    }
  }
}
