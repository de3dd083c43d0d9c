import { describe, expect, it } from 'vitest'
import { DataToUiMessageStream, UiMessageToDataStream, encoderFor, type StreamEncoder } from '../../src/streams/translate.js'

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

  it('passes over parts it has no counterpart for, counting them; a line it cannot read ends the stream with an error', () => {
    const encoder = new DataToUiMessageStream()
    const out = byteByByte(encoder, '0:"a"\n2:[{"x":1}]\n0:"b"\nnot a part\n0:"c"\nd:{"finishReason":"stop"}\n')
    expect(sseChunks(out).filter((c) => c.type === 'text-delta').map((c) => c.delta)).toEqual(['a', 'b'])
    expect(encoder.dropped).toBe(1)
    expect(encoder.outcome).toBe('malformed')
    expect(sseChunks(out).at(-1)).toEqual({ type: 'error', errorText: 'The Sensay API sent a stream that could not be read.' })
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

  it('a stream that ends without its finish ends with an error part ("broke off"), not a quiet success; one without a message id gets one', () => {
    const encoder = new UiMessageToDataStream()
    const out = byteByByte(encoder, 'data: {"type":"text-delta","id":"t","delta":"x"}\n\n')
    const lines = out.trim().split('\n')
    expect(lines[0]).toMatch(/^f:\{"messageId":"msg-[0-9a-f-]{36}"\}$/)
    expect(lines.slice(1)).toEqual(['0:"x"', '3:"The answer broke off."'])
    expect(encoder.outcome).toBe('broken-off')
  })

  it('an upstream error chunk reaches the client as a generic error part with Sensay\'s code; its text goes to the log only', () => {
    const encoder = new UiMessageToDataStream()
    const secretText = JSON.stringify({ error: 'boom at /srv/app.ts:12', error_code: 'CONVERSATION_QUOTA_EXCEEDED', fingerprint: 'f00', inner_exception: { stack: 'x' } })
    const out = byteByByte(encoder, `data: {"type":"text-delta","id":"t","delta":"x"}\n\n: a comment\n\ndata: {"type":"tool-input-start"}\n\ndata: ${JSON.stringify({ type: 'error', errorText: secretText })}\n\ndata: {"type":"text-delta","id":"t","delta":"after"}\n\n`)
    expect(out.split('\n').slice(1)).toEqual(['0:"x"', '3:"The Sensay API failed to answer. (CONVERSATION_QUOTA_EXCEEDED)"', ''])
    expect(encoder.dropped).toBe(1)
    expect(encoder.upstreamError).toBe(secretText)
    // Once ended by the encoder, a later cut adds nothing.
    expect(encoder.fail('cut')).toBe('')
  })

  it('a cut becomes an error part', () => {
    const out = byteByByte(new UiMessageToDataStream(), 'data: {"type":"text-delta","id":"t","delta":"x"}\n\n', 'fail')
    expect(out.trim().split('\n').slice(1)).toEqual(['0:"x"', '3:"cut"'])
  })
})

describe('same protocol both sides', () => {
  it('passes each checked record through as it came', () => {
    const encoder = encoderFor('data-stream', 'data-stream')
    const input = '0:"x"\n2:[{"tool":1}]\nd:{"finishReason":"stop"}\n'
    expect(byteByByte(encoder, input)).toBe(input)
    const v5 = 'data: {"type":"text-delta","id":"0","delta":"x"}\n\n: keep-alive\n\ndata: {"type":"finish"}\n\ndata: [DONE]\n\n'
    expect(byteByByte(encoderFor('ui-message-stream', 'ui-message-stream'), v5)).toBe(v5)
    expect(encoderFor('ui-message-stream', 'ui-message-stream').fail('cut')).toBe('data: {"type":"error","errorText":"cut"}\n\n')
  })

  it('scrubs an error part, ends a stream without its finish with an error, refuses an unreadable line', () => {
    expect(byteByByte(encoderFor('data-stream', 'data-stream'), '0:"x"\n3:"Error: secret at /srv/x.ts"\n0:"y"\n')).toBe('0:"x"\n3:"The Sensay API failed to answer."\n')
    expect(byteByByte(encoderFor('data-stream', 'data-stream'), '0:"x"\n')).toBe('0:"x"\n3:"The answer broke off."\n')
    expect(byteByByte(encoderFor('data-stream', 'data-stream'), '0:"x"\n<html>\n')).toBe('0:"x"\n3:"The Sensay API sent a stream that could not be read."\n')
  })
})

describe('whole chunks and plain text parts (the cheap paths)', () => {
  it('a chunk of whole, well-formed records is passed on as the same bytes; one that splits a record, or has CRLF, as text', () => {
    const encoder = encoderFor('data-stream', 'data-stream')
    const whole = Buffer.from('f:{"messageId":"m"}\n0:"Hi "\n0:"\\"there\\""\n')
    expect(encoder.write(whole)).toBe(whole)
    expect(encoder.write(Buffer.from('0:"a"\n0:"b'))).toBe('0:"a"\n')
    // The rest of a split record: its bytes are not the record's, so text again (then whole once more).
    expect(encoder.write(Buffer.from('"\n'))).toBe('0:"b"\n')
    expect(encoder.write(Buffer.from('0:"c"\r\n'))).toBe('0:"c"\n')
    const next = Buffer.from('0:"d"\n')
    expect(encoder.write(next)).toBe(next)
    // A chunk that holds a checked part, then a part that fails: the error part, not the chunk.
    expect(encoder.write(Buffer.from('0:"e"\n3:"secret"\n'))).toBe('0:"e"\n3:"The Sensay API failed to answer."\n')
    const sse = encoderFor('ui-message-stream', 'ui-message-stream')
    const event = Buffer.from('data: {"type":"text-delta","id":"0","delta":"x"}\n\n: ping\n\n')
    expect(sse.write(event)).toBe(event)
    // A multi-byte character cut at the chunk's end is held by the decoder: not whole.
    const grin = Buffer.from('data: {"type":"text-delta","id":"0","delta":"🙂"}\n\n')
    expect(sse.write(grin.subarray(0, 46))).toBe('')
    expect(sse.write(grin.subarray(46))).toBe(grin.toString())
  })

  it('reads plain text parts without JSON.parse exactly as JSON.parse reads them, and refuses what it would refuse', () => {
    const texts = ['', 'plain', 'quote " inside', 'back\\slash', 'tab\t', 'é 🙂 \u2028', '</script>']
    for (const text of texts) {
      const line = `0:${JSON.stringify(text)}`
      expect(byteByByte(encoderFor('data-stream', 'data-stream'), `${line}\nd:{"finishReason":"stop"}\n`)).toBe(`${line}\nd:{"finishReason":"stop"}\n`)
      const out = byteByByte(new DataToUiMessageStream(), `${line}\nd:{"finishReason":"stop"}\n`)
      expect(sseChunks(out).find((c) => c.type === 'text-delta')?.delta ?? '').toBe(text)
      const delta = `data: {"type":"text-delta","id":"t","delta":${JSON.stringify(text)}}\n\ndata: {"type":"finish"}\n\n`
      expect(byteByByte(new UiMessageToDataStream(), delta)).toContain(text === '' ? 'd:' : `0:${JSON.stringify(text)}\n`)
    }
    // Raw control characters are not JSON: both readers refuse them.
    expect(byteByByte(encoderFor('data-stream', 'data-stream'), '0:"a\u0001b"\n')).toContain('could not be read')
    expect(byteByByte(encoderFor('ui-message-stream', 'ui-message-stream'), 'data: {"type":"text-delta","id":"0","delta":"a\u0001"}\n\n')).toContain('could not be read')
  })
})

describe('a part longer than the limit', () => {
  it('ends the stream with an error part as soon as it is too long, however it is chunked', () => {
    const limit = 1024 * 1024
    const encoder = encoderFor('data-stream', 'ui-message-stream', limit)
    encoder.write(Buffer.from('0:"ok"\n'))
    const chunk = Buffer.alloc(64, 'a')
    let out = ''
    let fed = 0
    // 4 MiB offered in 64-byte chunks (the old splitter re-scanned the held text on each: ~10 s).
    for (; fed < 4 * limit && encoder.outcome === undefined; fed += chunk.length) out += encoder.write(fed === 0 ? Buffer.from('0:"' + 'a'.repeat(60)) : chunk)
    expect(encoder.outcome).toBe('part-too-long')
    expect(fed).toBeLessThanOrEqual(limit + 128)
    expect(out).toContain('"type":"error"')
  })
})
