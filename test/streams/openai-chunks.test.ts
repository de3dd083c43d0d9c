import { describe, expect, it } from 'vitest'
import { OpenAiChunks } from '../../src/streams/openai-chunks.js'
import type { StreamProtocol } from '../../src/streams/protocols.js'

/** Feeds the encoder one byte at a time and splits what it wrote into SSE data payloads. */
function run (upstream: StreamProtocol, input: string, includeUsage = false, ending: 'end' | 'fail' = 'end'): string[] {
  const encoder = new OpenAiChunks(upstream, { model: 'ada', includeUsage })
  let out = ''
  for (const byte of Buffer.from(input)) out += encoder.write(Buffer.from([byte])).toString()
  out += ending === 'end' ? encoder.end() : encoder.fail('cut')
  expect(out.endsWith('\n\n')).toBe(true)
  return out.split('\n\n').filter(Boolean).map((event) => {
    expect(event.startsWith('data: ')).toBe(true)
    return event.slice(6)
  })
}

const parsed = (events: string[]) => events.filter((e) => e !== '[DONE]').map((e) => JSON.parse(e) as Record<string, any>)
const textOf = (events: string[]) => parsed(events).map((c) => c.choices?.[0]?.delta?.content ?? '').join('')

const v4 = 'f:{"messageId":"m"}\n0:"Grüße, "\n0:"\\"du\\" 🙂"\ng:"thinking"\ne:{"finishReason":"stop","usage":{"promptTokens":3,"completionTokens":4},"isContinued":false}\nd:{"finishReason":"stop","usage":{"promptTokens":3,"completionTokens":4}}\n'
const v5 = 'data: {"type":"start","messageId":"m"}\n\ndata: {"type":"text-start","id":"0"}\n\ndata: {"type":"text-delta","id":"0","delta":"Grüße, "}\n\ndata: {"type":"text-delta","id":"0","delta":"\\"du\\" 🙂"}\n\ndata: {"type":"text-end","id":"0"}\n\ndata: {"type":"finish"}\n\ndata: [DONE]\n\n'

describe('Sensay\'s stream as OpenAI chat.completion.chunks', () => {
  it.each([['data-stream', v4], ['ui-message-stream', v5]] as const)('from the %s: a role chunk, the text, a finish chunk, [DONE]', (upstream, input) => {
    const events = run(upstream, input)
    expect(events.at(-1)).toBe('[DONE]')
    const chunks = parsed(events)
    expect(chunks[0]).toMatchObject({ object: 'chat.completion.chunk', model: 'ada', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })
    expect(chunks[0]!.id).toMatch(/^chatcmpl-[0-9a-f]{32}$/)
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1)
    expect(textOf(events)).toBe('Grüße, "du" 🙂')
    expect(chunks.at(-1)).toMatchObject({ choices: [{ delta: {}, finish_reason: 'stop' }] })
    expect(chunks.every((c) => !('usage' in c))).toBe(true)
  })

  it('with include_usage: usage null on every chunk, then a last chunk with no choices and Sensay\'s counts (v4 only: v5 has none)', () => {
    const events = run('data-stream', v4, true)
    const chunks = parsed(events)
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true)
    expect(chunks.at(-1)).toEqual(expect.objectContaining({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } }))
    const fromV5 = parsed(run('ui-message-stream', v5, true))
    expect(fromV5.at(-1)!.choices[0].finish_reason).toBe('stop')
    expect(fromV5.some((c) => c.choices.length === 0)).toBe(false)
  })

  it('an upstream error part, a stream without its finish and a cut end with an error event and no [DONE]', () => {
    const failed = run('data-stream', '0:"a"\n3:"Error: secret stack at /srv/x.ts"\n')
    expect(failed.at(-1)).not.toBe('[DONE]')
    expect(JSON.parse(failed.at(-1)!)).toEqual({ error: { message: 'The Sensay API failed to answer.', type: 'api_error', param: null, code: 'upstream_error' } })
    expect(failed.join('')).not.toContain('secret')
    const brokenOff = run('ui-message-stream', 'data: {"type":"text-delta","id":"0","delta":"a"}\n\n')
    expect(JSON.parse(brokenOff.at(-1)!).error.message).toBe('The answer broke off.')
    const cut = run('data-stream', '0:"a"\n', false, 'fail')
    expect(JSON.parse(cut.at(-1)!).error.message).toBe('cut')
    expect(textOf(cut)).toBe('a')
  })

  it('maps finish reasons to OpenAI\'s and ignores parts it has no counterpart for', () => {
    const encoder = new OpenAiChunks('data-stream', { model: 'm', includeUsage: false })
    const out = encoder.write(Buffer.from('0:"x"\n2:[{"a":1}]\nd:{"finishReason":"length"}\n')).toString() + encoder.end()
    expect(out).toContain('"finish_reason":"length"')
    expect(encoder.dropped).toBe(1)
  })
})
