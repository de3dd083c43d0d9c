// The AI SDK 4 data stream (`x-vercel-ai-data-stream: v1`): one part per
// line, `CODE:JSON\n`. Sensay documented it for API version 2025-03-25.

export const DATA_STREAM_HEADERS = {
  'content-type': 'text/plain; charset=utf-8',
  'x-vercel-ai-data-stream': 'v1'
} as const

/** The parts the BFF reads and writes; every other code is passed over when translating. */
export type DataStreamPart =
  | { code: '0', value: string } // text
  | { code: 'g', value: string } // reasoning
  | { code: '3', value: string } // error
  | { code: 'f', value: { messageId: string } } // start step
  | { code: 'e', value: { finishReason: string } } // finish step
  | { code: 'd', value: { finishReason: string, usage?: TokenUsage } } // finish message
  | { code: 'other', value: unknown }

/** Token counts, when Sensay reports them (the data stream's finish part). */
export interface TokenUsage { promptTokens: number, completionTokens: number }

const count = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0

/** The finish part's usage, only when both counts are well-formed. */
function usageOf (value: unknown): TokenUsage | undefined {
  if (!isObject(value)) return undefined
  return count(value.promptTokens) && count(value.completionTokens) ? { promptTokens: value.promptTokens, completionTokens: value.completionTokens } : undefined
}

export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other'
const FINISH_REASONS = new Set<string>(['stop', 'length', 'content-filter', 'tool-calls', 'error', 'other'])

/** A finish reason either protocol accepts ('unknown' and anything new become 'other'). */
export function finishReason (value: unknown): FinishReason {
  return typeof value === 'string' && FINISH_REASONS.has(value) ? value as FinishReason : 'other'
}

const usage = { promptTokens: 0, completionTokens: 0 }

export const dataStream = {
  text: (text: string) => `0:${JSON.stringify(text)}\n`,
  reasoning: (text: string) => `g:${JSON.stringify(text)}\n`,
  error: (message: string) => `3:${JSON.stringify(message)}\n`,
  startStep: (messageId: string) => `f:${JSON.stringify({ messageId })}\n`,
  finishStep: (reason: FinishReason) => `e:${JSON.stringify({ finishReason: reason, usage, isContinued: false })}\n`,
  finishMessage: (reason: FinishReason) => `d:${JSON.stringify({ finishReason: reason, usage })}\n`
}

function isObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A text part with nothing to unescape, its value read without JSON.parse (most parts are these). */
// eslint-disable-next-line no-control-regex -- JSON strings may not hold raw control characters: such a part goes to JSON.parse, which refuses it
const PLAIN_TEXT = /^0:"[^"\\\u0000-\u001f]*"$/

/** One line of a data stream, or undefined when it is not a well-formed part. */
export function parseDataStreamLine (line: string): DataStreamPart | undefined {
  if (PLAIN_TEXT.test(line)) return { code: '0', value: line.slice(3, -1) }
  const colon = line.indexOf(':')
  if (colon < 1) return undefined
  const code = line.slice(0, colon)
  let value: unknown
  try {
    value = JSON.parse(line.slice(colon + 1))
  } catch {
    return undefined
  }
  switch (code) {
    case '0': case 'g': case '3':
      return typeof value === 'string' ? { code, value } : undefined
    case 'f':
      return isObject(value) && typeof value.messageId === 'string' ? { code, value: { messageId: value.messageId } } : undefined
    case 'e':
      return isObject(value) ? { code, value: { finishReason: finishReason(value.finishReason) } } : undefined
    case 'd': {
      if (!isObject(value)) return undefined
      const usage = usageOf(value.usage)
      return { code, value: usage === undefined ? { finishReason: finishReason(value.finishReason) } : { finishReason: finishReason(value.finishReason), usage } }
    }
    default:
      return { code: 'other', value }
  }
}
