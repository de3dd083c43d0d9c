import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SpanKind, SpanStatusCode, ROOT_CONTEXT } from '@opentelemetry/api'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace'
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js'

// The receiver the tracing tests read spans with decodes what OpenTelemetry's
// own exporters send, protobuf and JSON: so what it reads of the BFF's spans
// is what a collector would read.

let receiver: OtlpReceiver
beforeAll(async () => { receiver = await startOtlpReceiver() })
afterAll(async () => receiver.close())

describe.each([
  ['http/protobuf', (url: string) => new ProtobufExporter({ url })],
  ['http/json', (url: string) => new JsonExporter({ url })]
])('the test receiver reads OpenTelemetry\'s %s exporter', (protocol, exporter) => {
  it('ids, parent, name, kind, times, attributes of each type, an event, the status and the resource', async () => {
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': `reference-${protocol}` }),
      spanProcessors: [new BatchSpanProcessor({ exporter: exporter(`${receiver.url}/v1/traces`) })]
    })
    const tracer = provider.getTracer('reference', '1.2.3')
    const parent = tracer.startSpan('parent', { kind: SpanKind.SERVER }, ROOT_CONTEXT)
    const { trace } = await import('@opentelemetry/api')
    const child = tracer.startSpan('chat gpt-4o', { kind: SpanKind.CLIENT, attributes: { text: 'héllo', count: 42, ratio: 0.5, flag: true } }, trace.setSpan(ROOT_CONTEXT, parent))
    child.addEvent('gen_ai.first_chunk')
    child.setStatus({ code: SpanStatusCode.ERROR })
    child.end()
    parent.end()
    await provider.forceFlush()
    await provider.shutdown()
    const spans = receiver.spans.filter((s) => s.resource['service.name'] === `reference-${protocol}`)
    const server = spans.find((s) => s.name === 'parent')!
    const client = spans.find((s) => s.name === 'chat gpt-4o')!
    expect(server).toMatchObject({ kind: 2, parentSpanId: '', traceId: parent.spanContext().traceId, spanId: parent.spanContext().spanId })
    expect(client).toMatchObject({ kind: 3, parentSpanId: server.spanId, traceId: server.traceId, status: { code: 2 } })
    expect(client.attributes).toEqual({ text: 'héllo', count: 42, ratio: 0.5, flag: true })
    expect(client.events.map((e) => e.name)).toEqual(['gen_ai.first_chunk'])
    expect(client.startNs > 1_700_000_000_000_000_000n && client.endNs >= client.startNs).toBe(true)
  })
})
