import pino from 'pino'
import type { DestinationStream } from 'pino'

export interface LogDestination extends DestinationStream {
  /** Writes whatever is pending, synchronously: at shutdown. */
  flushSync: () => void
}

/** Beyond this much unwritten output (a stalled log reader), lines are dropped rather than held. */
const MAX_PENDING_BYTES = 16 * 1024 * 1024

/**
 * Log lines to a file descriptor, one asynchronous write per event-loop turn.
 * Handing each line to sonic-boom on its own cost several microseconds a
 * line under load (it re-measures its whole pending buffer on every write);
 * here a line is an array push, and sonic-boom gets one joined batch per turn.
 * A crash loses at most the current turn's lines.
 */
export function batchedDestination (fd = 1): LogDestination {
  const out = pino.destination({ dest: fd, sync: false, maxLength: MAX_PENDING_BYTES })
  let lines: string[] = []
  let scheduled = false
  const flush = (): void => {
    scheduled = false
    if (lines.length === 0) return
    const batch = lines.join('')
    lines = []
    out.write(batch)
  }
  return {
    write (line: string) {
      lines.push(line)
      if (!scheduled) {
        scheduled = true
        setImmediate(flush)
      }
    },
    flushSync () {
      flush()
      out.flushSync()
    }
  }
}
