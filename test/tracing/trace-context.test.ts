import { describe, expect, it } from 'vitest'
import { newSpanId, newTraceId, parseTraceParent, propagationHeaders } from '../../src/tracing/trace-context.js'

const T = '4bf92f3577b34da6a3ce929d0e0e4736'
const S = '00f067aa0ba902b7'

describe('W3C trace context', () => {
  it('reads a well-formed traceparent, its sampled flag and the tracestate', () => {
    expect(parseTraceParent(`00-${T}-${S}-01`, 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7')).toEqual({ traceId: T, spanId: S, sampled: true, traceState: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7' })
    expect(parseTraceParent(`00-${T}-${S}-00`, undefined)).toEqual({ traceId: T, spanId: S, sampled: false })
    // A later version: its first four fields are read, more may follow.
    expect(parseTraceParent(`01-${T}-${S}-03-what-comes-next`, undefined)).toEqual({ traceId: T, spanId: S, sampled: true })
  })

  it.each([
    ['upper case', `00-${T.toUpperCase()}-${S}-01`],
    ['version ff', `ff-${T}-${S}-01`],
    ['extra fields on version 00', `00-${T}-${S}-01-extra`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${S}-01`],
    ['an all-zero span id', `00-${T}-${'0'.repeat(16)}-01`],
    ['a short trace id', `00-${T.slice(2)}-${S}-01`],
    ['garbage', 'hello']
  ])('ignores %s (a new trace starts)', (_why, header) => {
    expect(parseTraceParent(header, undefined)).toBeUndefined()
  })

  it('ignores a repeated header and drops a tracestate that is too long or not printable', () => {
    expect(parseTraceParent([`00-${T}-${S}-01`, `00-${T}-${S}-01`], undefined)).toBeUndefined()
    expect(parseTraceParent(`00-${T}-${S}-01`, 'a=b\u0001')).toEqual({ traceId: T, spanId: S, sampled: true })
    expect(parseTraceParent(`00-${T}-${S}-01`, `a=${'x'.repeat(600)}`)).toEqual({ traceId: T, spanId: S, sampled: true })
  })

  it('writes traceparent with the sampled flag, and the tracestate it was given', () => {
    expect(propagationHeaders({ traceId: T, spanId: S, sampled: true, traceState: 'a=b' })).toEqual(['traceparent', `00-${T}-${S}-01`, 'tracestate', 'a=b'])
    expect(propagationHeaders({ traceId: T, spanId: S, sampled: false })).toEqual(['traceparent', `00-${T}-${S}-00`])
  })

  it('makes random ids of the right length, never twice the same', () => {
    const traces = new Set(Array.from({ length: 2_000 }, newTraceId))
    const spans = new Set(Array.from({ length: 2_000 }, newSpanId))
    expect(traces.size).toBe(2_000)
    expect(spans.size).toBe(2_000)
    for (const id of traces) expect(id).toMatch(/^[0-9a-f]{32}$/)
    for (const id of spans) expect(id).toMatch(/^[0-9a-f]{16}$/)
  })
})
