import { useEffect, useMemo, useState } from 'react'
import { useChat } from '@ai-sdk/react'
import { DefaultChatTransport, type UIMessage } from 'ai'
import { api, authHeaders, toApiError, type ApiError } from './api.js'
import { ErrorNote } from './error-note.js'

interface HistoryItem { id: number, role: string, content: string }

/** Chat with one replica through the AI SDK's useChat and its default transport. */
export function Chat ({ replicaUUID, onAnswered }: { replicaUUID: string, onAnswered?: () => void }) {
  const [history, setHistory] = useState<HistoryItem[]>([])
  const [input, setInput] = useState('')
  const transport = useMemo(() => new DefaultChatTransport<UIMessage>({
    api: `/v1/replicas/${replicaUUID}/chat/completions`,
    credentials: 'include',
    headers: () => authHeaders()
  }), [replicaUUID])
  const { messages, sendMessage, status, stop, error } = useChat({ id: replicaUUID, transport, onFinish: () => onAnswered?.(), onError: () => onAnswered?.() })

  useEffect(() => {
    api<{ items?: HistoryItem[] }>(`/v1/replicas/${replicaUUID}/chat/history`).then((h) => setHistory(h.items ?? []), () => setHistory([]))
  }, [replicaUUID])

  const busy = status === 'submitted' || status === 'streaming'
  const failure: ApiError | undefined = error ? toApiError(0, error.message) : undefined
  return (
    <section className='chat'>
      <h3>Chat</h3>
      <ol className='messages'>
        {history.map((item) => <li key={`h${item.id}`} className={`old ${item.role}`}>{item.content}</li>)}
        {messages.map((message) => (
          <li key={message.id} className={message.role} data-role={message.role}>
            {message.parts.map((part, i) => part.type === 'text' ? <span key={i}>{part.text}</span> : null)}
          </li>
        ))}
      </ol>
      {failure && <ErrorNote error={failure} />}
      <form onSubmit={(event) => {
        event.preventDefault()
        if (!input.trim() || busy) return
        sendMessage({ text: input }).catch(() => undefined)
        setInput('')
      }}
      >
        <input aria-label='Message' value={input} onChange={(e) => setInput(e.target.value)} placeholder='Ask something' />
        {busy
          ? <button type='button' onClick={() => { stop().catch(() => undefined) }}>Stop</button>
          : <button type='submit'>Send</button>}
      </form>
    </section>
  )
}
