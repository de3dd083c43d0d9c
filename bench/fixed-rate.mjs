// An open-loop load generator: requests at evenly spaced instants (1,000 req/s
// is one every millisecond), whatever the server's answers are doing, latency
// measured from the instant each request was due (so a stalled server cannot
// hide its queue: no coordinated omission).
//
// autocannon's `overallRate` is not this: each connection sends its share of a
// second back to back at the start of the second and then waits, so 1,000
// req/s over 20 connections arrives as bursts of 20 × 50 requests at full
// speed, and it then adds synthetic samples for every reply slower than 1 ms.
// Its p99 there measures how fast a burst drains, not latency at a steady rate.
import { Pool } from 'undici'
import { percentile } from './lib.mjs'

/**
 * Sends `rate` requests a second for `warmupS` + `durationS` seconds over at
 * most `connections` keep-alive connections, and records the latencies of the
 * last `durationS` seconds: the server is measured in a steady state at that
 * rate, not in its first second after idling (cold connections, caches
 * expired, a heap V8 shrank while idle). `request(i)` gives the i-th request's
 * { path, method, headers, body }. Resolves with each measured request's
 * latency in ms, in the order sent, and the count of failed requests.
 */
export async function fixedRate (origin, { rate, durationS, warmupS = 0, connections, request }) {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 10_000 })
  const skipped = Math.round(rate * warmupS)
  const total = skipped + Math.round(rate * durationS)
  const intervalMs = 1000 / rate
  const latencies = new Float64Array(total - skipped)
  let sent = 0
  let done = 0
  let errors = 0
  try {
    await new Promise((resolve) => {
      const started = performance.now()
      const send = (i) => {
        const due = started + i * intervalMs
        const { path, method, headers, body } = request(i)
        pool.request({ path, method, headers, body }).then(async (res) => {
          await res.body.dump()
          if (res.statusCode >= 400) errors++
        }, () => { errors++ }).finally(() => {
          if (i >= skipped) latencies[i - skipped] = performance.now() - due
          if (++done === total) resolve()
        })
      }
      // Timers fire about once a millisecond: each tick sends every request that has come due.
      const tick = () => {
        const due = Math.min(total, Math.floor((performance.now() - started) / intervalMs) + 1)
        while (sent < due) send(sent++)
        if (sent < total) setTimeout(tick, Math.max(0, started + sent * intervalMs - performance.now()))
      }
      tick()
    })
  } finally {
    await pool.close()
  }
  return { latencies, errors }
}

/** p50 / p99 / p99.9 of latencies in ms, rounded to 0.01 ms. */
export function summarize (latencies) {
  const sorted = Float64Array.from(latencies).sort()
  const round = (x) => Math.round(x * 100) / 100
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), p999: round(percentile(sorted, 99.9)) }
}
