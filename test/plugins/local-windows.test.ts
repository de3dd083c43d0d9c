import { afterEach, describe, expect, it } from 'vitest'
import { LocalWindows } from '../../src/plugins/local-windows.js'

let now = 1_000_000
const clock = () => now
const made: LocalWindows[] = []
const windows = (windowMs: number, maxKeys?: number) => {
  const w = new LocalWindows(windowMs, maxKeys, clock)
  made.push(w)
  return w
}
afterEach(() => { for (const w of made.splice(0)) w.close() })

describe('LocalWindows', () => {
  it('counts hits per key within a window and opens a new window after it', () => {
    const w = windows(60_000)
    expect(w.hit('a', 2)).toMatchObject({ remaining: 1, ttlInSeconds: 60, isExceeded: false })
    expect(w.hit('a', 2)).toMatchObject({ remaining: 0, isExceeded: false })
    expect(w.hit('a', 2)).toMatchObject({ remaining: 0, isExceeded: true })
    expect(w.hit('b', 2)).toMatchObject({ remaining: 1, isExceeded: false })
    now += 30_500
    expect(w.hit('a', 2).ttlInSeconds).toBe(30)
    now += 30_000
    expect(w.hit('a', 2)).toMatchObject({ remaining: 1, ttlInSeconds: 60, isExceeded: false })
  })

  it('reads a count without adding to it', () => {
    const w = windows(60_000)
    expect(w.hit('a', 1, false)).toMatchObject({ remaining: 1, isExceeded: false })
    expect(w.size).toBe(0)
    w.hit('a', 1)
    w.hit('a', 1)
    expect(w.hit('a', 1, false)).toMatchObject({ remaining: 0, isExceeded: true })
  })

  it('forgets expired windows when swept, and the oldest key beyond maxKeys', () => {
    const w = windows(1_000, 2)
    w.hit('a', 5)
    w.hit('b', 5)
    w.hit('c', 5)
    expect(w.size).toBe(2)
    expect(w.hit('a', 5, false).remaining).toBe(5)
    now += 1_000
    w.sweep()
    expect(w.size).toBe(0)
  })
})
