import { describe, expect, it } from 'vitest'
import { DataToUiMessageStream, UiMessageToDataStream, encoderFor, passThrough, type StreamEncoder } from '../../src/streams/translate.js'

/** Feeds an encoder one byte at a time, as the worst network would, and collects the client's stream. */
function byteByByte (encoder: StreamEncoder, input: string, ending: 'end' | 'fail' = 'end'): string {
  let out = ''
  for (const byte of Buffer.from(input)) out += encoder.write(Buffer.from([byte])).toString()
  return out + (ending === 'end' ? encoder.end() : encoder.fail('cut'))
}

const sseChunks = (text: string) => text.split('\n\n').filter((e) => e.startsWith('data: ') && e !== 'data: [DONE]').map((e) => JSON.parse(e.slice(6)) as Record<string, unknown>)

describe('AI SDK 4 data stream -> UI message stream', () => {
  it('keeps the message id, text (multi-byte characters split across chunks), reasoning and the finish', () => {
    const input = 'f:{"messageId":"msg-42"}\ng:"thinking"\n0:"Grüße "\n0:"🙂"\ne:{"finishReason":"stop","usage":{},"isContinued":false}\nd:{"finishReason":"stop","usage":{}}\n'
    const out = byteByByte(new DataToUiMessageStream(), input)
    expect(out.endsWith('data: [DONE]\n\n')).toBe(true)
    expect(sseChunks(out)).toEqual([
      { type: 'start', messageId: 'msg-42' },
      { type: 'start-step' },
      { type: 'reasoning-start', id: 'reasoning-0' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: 'thinking' },
      { type: 'text-start', id: 'text-1' },
      { type: 'text-delta', id: 'text-1', delta: 'Grüße ' },
      { type: 'text-delta', id: 'text-1', delta: '🙂' },
      { type: 'text-end', id: 'text-1' },
      { type: 'reasoning-end', id: 'reasoning-0' },
      { type: 'finish-step' },
      { type: 'finish', finishReason: 'stop' }
    ])
  })

  it('passes over malformed lines and parts it has no counterpart for, counting them', () => {
    const encoder = new DataToUiMessageStream()
    const out = byteByByte(encoder, '0:"a"\nnot a part\n2:[{"x":1}]\n0:broken\n0:"b"\n')
    expect(sseChunks(out).filter((c) => c.type === 'text-delta').map((c) => c.delta)).toEqual(['a', 'b'])
    expect(encoder.dropped).toBe(3)
  })

  it('reads CRLF lines as LF ones, whole or split byte by byte, and escapes what the text carries', () => {
    const lf = 'f:{"messageId":"m"}\n0:"a \\"quoted\\" line\\nand \\u2028 more"\n0:"</script>"\nd:{"finishReason":"stop","usage":{}}\n'
    const whole = new DataToUiMessageStream().write(Buffer.from(lf.replaceAll('\n', '\r\n')))
    const split = byteByByte(new DataToUiMessageStream(), lf.replaceAll('\n', '\r\n'))
    const expected = byteByByte(new DataToUiMessageStream(), lf)
    expect(split).toBe(expected)
    expect(expected.startsWith(whole.toString())).toBe(true)
    expect(sseChunks(expected).filter((c) => c.type === 'text-delta').map((c) => c.delta)).toEqual(['a "quoted" line\nand \u2028 more', '</script>'])
  })

  it('a cut stream ends with an error chunk after the open text closes', () => {
    const out = byteByByte(new DataToUiMessageStream(), '0:"partial"\n', 'fail')
    expect(sseChunks(out).slice(-2)).toEqual([{ type: 'text-end', id: 'text-0' }, { type: 'error', errorText: 'cut' }])
  })
})

describe('UI message stream -> AI SDK 4 data stream', () => {
  it('keeps the message id, text, reasoning and finish reason, across CRLF events split byte by byte', () => {
    const events = [
      { type: 'start', messageId: 'msg-7' }, { type: 'start-step' }, { type: 'reasoning-delta', id: 'r', delta: 'hmm' },
      { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'Grüße 🙂' }, { type: 'text-end', id: 't' },
      { type: 'finish-step' }, { type: 'finish', finishReason: 'length' }
    ]
    const input = events.map((e) => `data: ${JSON.stringify(e)}\r\n\r\n`).join('') + 'data: [DONE]\r\n\r\n'
    expect(byteByByte(new UiMessageToDataStream(), input)).toBe([
      'f:{"messageId":"msg-7"}', 'g:"hmm"', '0:"Grüße 🙂"',
      'e:{"finishReason":"stop","usage":{"promptTokens":0,"completionTokens":0},"isContinued":false}',
      'd:{"finishReason":"length","usage":{"promptTokens":0,"completionTokens":0}}', ''
    ].join('\n'))
  })

  it('a stream that ends without a finish still finishes; one without a message id gets one', () => {
    const out = byteByByte(new UiMessageToDataStream(), 'data: {"type":"text-delta","id":"t","delta":"x"}\n\n')
    const lines = out.trim().split('\n')
    expect(lines[0]).toMatch(/^f:\{"messageId":"msg-[0-9a-f-]{36}"\}$/)
    expect(lines.slice(1).map((l) => l.slice(0, 2))).toEqual(['0:', 'e:', 'd:'])
  })

  it('an upstream error chunk and a cut both become error parts', () => {
    const encoder = new UiMessageToDataStream()
    const out = byteByByte(encoder, 'data: {"type":"error","errorText":"quota"}\n\n: a comment\n\ndata: {"type":"tool-input-start"}\n\n', 'fail')
    expect(out).toBe('3:"quota"\n3:"cut"\n')
    expect(encoder.dropped).toBe(1)
  })
})

describe('same protocol both sides', () => {
  it('passes bytes through untouched', () => {
    const encoder = encoderFor('data-stream', 'data-stream')
    const chunk = Buffer.from('0:"x"\n')
    expect(encoder.write(chunk)).toBe(chunk)
    expect(encoder.end()).toBe('')
    expect(passThrough('ui-message-stream').fail('cut')).toBe('data: {"type":"error","errorText":"cut"}\n\n')
  })
})
