// The AI SDK 5+ UI message stream (`x-vercel-ai-ui-message-stream: v1`):
// server-sent events, one JSON chunk per `data:` event, `data: [DONE]` last.

export const UI_MESSAGE_STREAM_HEADERS = {
  'content-type': 'text/event-stream',
  'x-vercel-ai-ui-message-stream': 'v1'
} as const

export type UiChunk = { type: string } & Record<string, unknown>

export const uiMessageStream = {
  chunk: (chunk: UiChunk) => `data: ${JSON.stringify(chunk)}\n\n`,
  /** The most frequent part, written without building an object: `id` is ours (`text-N`), only the delta needs escaping. */
  textDelta: (id: string, delta: string) => `data: {"type":"text-delta","id":"${id}","delta":${JSON.stringify(delta)}}\n\n`,
  error: (message: string) => `data: ${JSON.stringify({ type: 'error', errorText: message })}\n\n`,
  done: () => 'data: [DONE]\n\n'
}

/** A text delta as the AI SDK writes it, with nothing to unescape: read without JSON.parse (most events are these). */
// eslint-disable-next-line no-control-regex -- JSON strings may not hold raw control characters: such a part goes to JSON.parse, which refuses it
const PLAIN_TEXT_DELTA = /^data: ?\{"type":"text-delta","id":"([^"\\\u0000-\u001f]*)","delta":"([^"\\\u0000-\u001f]*)"\}$/

/**
 * The data of one SSE event (its `data:` lines joined), as a chunk; `done`
 * for the terminator; undefined for comments, other fields and malformed JSON.
 */
export function parseSseEvent (event: string): UiChunk | 'done' | undefined {
  const plain = PLAIN_TEXT_DELTA.exec(event)
  if (plain !== null) return { type: 'text-delta', id: plain[1]!, delta: plain[2]! }
  let data = ''
  for (const raw of event.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (!line.startsWith('data:')) continue
    const value = line.slice(line[5] === ' ' ? 6 : 5)
    data = data === '' ? value : `${data}\n${value}`
  }
  if (data === '') return undefined
  if (data === '[DONE]') return 'done'
  try {
    const chunk = JSON.parse(data) as unknown
    return typeof chunk === 'object' && chunk !== null && typeof (chunk as UiChunk).type === 'string' ? chunk as UiChunk : undefined
  } catch {
    return undefined
  }
}
