import { DATA_STREAM_HEADERS, dataStream } from './data-stream.js'
import { UI_MESSAGE_STREAM_HEADERS, uiMessageStream } from './ui-message-stream.js'

/** The two Vercel AI SDK stream protocols: v4 data stream and v5+ UI message stream. */
export type StreamProtocol = 'data-stream' | 'ui-message-stream'

/** What a client may read: either AI SDK protocol, or OpenAI's chat.completion.chunk stream (never upstream's). */
export type ClientProtocol = StreamProtocol | 'openai'

/** What a client's headers should say for a protocol. */
export const PROTOCOL_HEADERS: Record<ClientProtocol, Readonly<Record<string, string>>> = {
  'data-stream': DATA_STREAM_HEADERS,
  'ui-message-stream': UI_MESSAGE_STREAM_HEADERS,
  openai: { 'content-type': 'text/event-stream; charset=utf-8' }
}

/** Which protocol an upstream stream speaks, from its headers. */
export function detectProtocol (headers: Record<string, string | string[] | undefined>): StreamProtocol {
  if (headers['x-vercel-ai-ui-message-stream'] !== undefined) return 'ui-message-stream'
  if (headers['x-vercel-ai-data-stream'] !== undefined) return 'data-stream'
  const type = headers['content-type']
  return typeof type === 'string' && type.startsWith('text/event-stream') ? 'ui-message-stream' : 'data-stream'
}

/** An error part in the stream's own protocol, so AI SDK clients surface it instead of hanging. */
export function errorPart (protocol: StreamProtocol, message: string): string {
  return protocol === 'data-stream' ? dataStream.error(message) : uiMessageStream.error(message)
}
