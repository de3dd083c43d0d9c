import { describe, expect, it } from 'vitest'
import { Counter, Histogram, Registry } from 'prom-client'
import { FastCounter, FastHistogram } from '../../src/metrics/series.js'

const BUCKETS = [0.005, 0.01, 0.1, 1]

describe('fast metric series', () => {
  it('expose exactly what prom-client\'s own Counter and Histogram expose for the same observations', async () => {
    const ours = new Registry()
    const theirs = new Registry()
    const fastCount = new FastCounter('requests_total', 'Requests.', ['route', 'status'], ours)
    const fastTime = new FastHistogram('duration_seconds', 'Time.', ['route'], BUCKETS, ours)
    const count = new Counter({ name: 'requests_total', help: 'Requests.', labelNames: ['route', 'status'], registers: [theirs] })
    const time = new Histogram({ name: 'duration_seconds', help: 'Time.', labelNames: ['route'], buckets: BUCKETS, registers: [theirs] })
    const observations: Array<[string, string, number]> = [['/a', '200', 0.004], ['/a', '200', 0.01], ['/a', '404', 0.5], ['/b', '200', 2], ['/a', '200', 0.0999]]
    for (const [route, status, seconds] of observations) {
      fastCount.labels(route, status).value++
      fastTime.labels(route).observe(seconds)
      count.inc({ route, status })
      time.observe({ route }, seconds)
    }
    expect(await ours.metrics()).toBe(await theirs.metrics())
  })
})
