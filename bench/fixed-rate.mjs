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

/**
 * CPU microseconds per request of each target (each with `cpu()` and `url`)
 * at one open-loop rate, in `rounds` interleaved windows after an unmeasured
 * one each. `scenario(target)` is an autocannon request description (method,
 * url, headers, body, and `requests[0].setupRequest` giving each request its
 * identity), replayed here. Resolves with the median µs per target, the
 * ratios of the second target over the first window by window, and errors.
 */
export async function cpuAtRate (targets, scenario, { rate, rounds, windowS }) {
  const requestFor = (target) => {
    const { method, url, headers, body, requests } = scenario(target)
    const { pathname, search } = new URL(url)
    const setup = requests?.[0]?.setupRequest
    return (i) => {
      const request = { path: pathname + search, method, headers: { ...headers }, body }
      return setup ? setup(request) : request
    }
  }
  const once = async (target) => {
    const before = target.cpu()
    const { errors } = await fixedRate(target.url, { rate, durationS: windowS, connections: 50, request: requestFor(target) })
    return { cpuUs: (target.cpu() - before) / (rate * windowS) * 1e6, errors }
  }
  for (const target of targets) await once(target)
  const windows = targets.map(() => [])
  let errors = 0
  for (let round = 0; round < rounds; round++) {
    for (const [i, target] of targets.entries()) {
      const result = await once(target)
      windows[i].push(result.cpuUs)
      errors += result.errors
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  return { cpuUs: windows.map(median), ratios: windows[1].map((x, round) => x / windows[0][round]), errors }
}

/** p50 / p99 / p99.9 of latencies in ms, rounded to 0.01 ms. */
export function summarize (latencies) {
  const sorted = Float64Array.from(latencies).sort()
  const round = (x) => Math.round(x * 100) / 100
  return { p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), p999: round(percentile(sorted, 99.9)) }
}
