import { describe, expect, it } from 'vitest'
import { ProtobufBatch, type SpanRecord } from '../../src/tracing/otlp-encoding.js'
import { decodeProtobuf } from '../helpers/otlp-receiver.js'

const span = (i: number): SpanRecord => ({
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: i.toString(16).padStart(16, '0'),
  parentSpanId: '00f067aa0ba902b7',
  name: `chat gpt-4o ${'é'.repeat(i % 3)}`,
  kind: 3,
  startMs: 1_764_650_000_000.5 + i,
  endMs: 1_764_650_000_010.25 + i,
  attributes: ['text', 'x'.repeat(i % 300), 'count', i, 'ratio', 0.5, 'flag', true],
  events: [{ name: 'gen_ai.first_chunk', timeMs: 1_764_650_000_001 + i }],
  error: i % 2 === 0
})

describe('OTLP protobuf batches', () => {
  it.each([
    ['a small resource, spans in place', 'x', 3],
    ['a resource too big for the room before the spans', 'x'.repeat(6_000), 3],
    ['more spans than the batch buffer holds at first', 'x', 2_000]
  ])('%s: decodes to what was added', (_why, attribute, count) => {
    const batch = new ProtobufBatch()
    for (let i = 0; i < count; i++) batch.add(span(i))
    const spans = decodeProtobuf(batch.body({ attributes: { 'service.name': 'bff', big: attribute }, scope: { name: 'sensay-bff', version: '0.1.0' } }))
    batch.release()
    expect(spans).toHaveLength(count)
    for (const [i, decoded] of spans.entries()) {
      expect(decoded).toMatchObject({ spanId: span(i).spanId, parentSpanId: '00f067aa0ba902b7', name: span(i).name, kind: 3, status: { code: i % 2 === 0 ? 2 : 0 } })
      expect(decoded.attributes).toEqual({ text: 'x'.repeat(i % 300), count: i, ratio: 0.5, flag: true })
      expect(decoded.startNs).toBe(BigInt(Math.round((1_764_650_000_000.5 + i) * 1e6)))
      expect(decoded.events[0]!.name).toBe('gen_ai.first_chunk')
      expect(decoded.resource).toEqual({ 'service.name': 'bff', big: attribute })
    }
  })

  it('a released buffer serves the next batch without mixing the two', () => {
    const first = new ProtobufBatch()
    first.add(span(1))
    first.body({ attributes: {}, scope: { name: 's', version: '1' } })
    first.release()
    const second = new ProtobufBatch()
    second.add(span(2))
    const spans = decodeProtobuf(second.body({ attributes: {}, scope: { name: 's', version: '1' } }))
    expect(spans.map((s) => s.spanId)).toEqual([span(2).spanId])
  })
})
