import { useEffect, useMemo, useRef, useState } from 'react'
import { useChat } from '@ai-sdk/react'
import { DefaultChatTransport, type UIMessage } from 'ai'
import { authHeaders, bff, toApiError, unwrap, type ApiError, type Replica } from './api.js'
import { ErrorNote } from './error-note.js'
import { Markdown } from './markdown.js'

interface HistoryItem { id: number, role: string, content: string, created_at: string }

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })

/** `RateLimit: "general";r=299;t=60, "chat";r=29;t=60`: the chats left in this window, when few. */
function chatsLeft (headers: Headers): { left: number, resetS: number } | undefined {
  const match = /"chat";r=(\d+);t=(\d+)/.exec(headers.get('ratelimit') ?? '')
  return match === null ? undefined : { left: Number(match[1]), resetS: Number(match[2]) }
}

function textOf (message: UIMessage): string {
  return message.parts.map((part) => part.type === 'text' ? part.text : '').join('')
}

/**
 * Chat with one replica through the AI SDK's useChat and its default
 * transport, pointed at the BFF: the answer streams in, rendered as
 * Markdown; Enter sends, Shift+Enter starts a new line, Escape stops.
 */
export default function Chat ({ replica, onAnswered }: { replica: Replica, onAnswered?: () => void }) {
  const [history, setHistory] = useState<HistoryItem[]>([])
  const [input, setInput] = useState('')
  const [stopped, setStopped] = useState<Set<string>>(new Set())
  const [announcement, setAnnouncement] = useState('')
  const [limit, setLimit] = useState<{ left: number, resetS: number }>()
  const seenAt = useRef(new Map<string, Date>())
  const transcript = useRef<HTMLOListElement>(null)
  const transport = useMemo(() => new DefaultChatTransport<UIMessage>({
    api: `/v1/replicas/${replica.uuid}/chat/completions`,
    credentials: 'include',
    headers: () => authHeaders(),
    // The BFF says how many chats are left in the window: shown when few are.
    fetch: async (input, init) => {
      const res = await fetch(input, init)
      setLimit(chatsLeft(res.headers))
      return res
    }
  }), [replica.uuid])
  const { messages, sendMessage, status, stop, error, setMessages, regenerate, clearError } = useChat({
    id: replica.uuid,
    transport,
    onFinish: ({ message, isAbort }) => {
      if (isAbort) setStopped((s) => new Set(s).add(message.id))
      else setAnnouncement(`${replica.name} answered: ${textOf(message)}`)
      onAnswered?.()
    },
    onError: () => onAnswered?.()
  })

  useEffect(() => {
    unwrap(bff.GET('/v1/replicas/{replicaUUID}/chat/history', { params: { path: { replicaUUID: replica.uuid } } }))
      .then((h) => setHistory(((h as { items?: HistoryItem[] }).items ?? []).slice(-50)), () => setHistory([]))
  }, [replica.uuid])

  // Follow the end of the conversation (the history as it loads, the answer as it grows),
  // unless the reader scrolled up to read.
  const pinned = useRef(true)
  const last = messages.at(-1)
  const lastLength = last === undefined ? 0 : textOf(last).length
  useEffect(() => {
    const list = transcript.current
    if (list !== null && pinned.current) list.scrollTop = list.scrollHeight
  }, [messages.length, lastLength, history.length, status])

  const busy = status === 'submitted' || status === 'streaming'
  // Escape stops an answer wherever the focus is.
  useEffect(() => {
    if (!busy) return
    const onKey = (event: KeyboardEvent) => { if (event.key === 'Escape') stop().catch(() => undefined) }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [busy, stop])

  const failure: ApiError | undefined = error ? toApiError(0, error.message) : undefined
  const send = () => {
    if (!input.trim() || busy) return
    clearError()
    sendMessage({ text: input }).catch(() => undefined)
    setInput('')
  }
  const when = (message: UIMessage): Date => {
    let at = seenAt.current.get(message.id)
    if (at === undefined) seenAt.current.set(message.id, at = new Date())
    return at
  }
  const empty = history.length === 0 && messages.length === 0

  return (
    <div className='chat'>
      <div className='chat-tools'>
        {limit !== undefined && limit.left <= 5 && <span className='limit'>{limit.left} chats left this minute</span>}
        <button type='button' className='secondary' disabled={busy || (messages.length === 0 && history.length === 0)} onClick={() => { setMessages([]); setHistory([]); setStopped(new Set()) }}>New chat</button>
      </div>
      <ol
        className='messages' ref={transcript} aria-label='Conversation' tabIndex={0}
        onScroll={(e) => { const list = e.currentTarget; pinned.current = list.scrollHeight - list.scrollTop - list.clientHeight < 80 }}
      >
        {empty && <li className='assistant greeting'><Markdown text={replica.greeting ?? `Hello, I am ${replica.name}.`} /></li>}
        {history.map((item) => (
          <li key={`h${item.id}`} className={`old ${item.role}`}>
            {item.role === 'assistant' ? <Markdown text={item.content} /> : <p>{item.content}</p>}
            <time dateTime={item.created_at}>{time.format(new Date(item.created_at))}</time>
          </li>
        ))}
        {messages.map((message) => {
          const text = textOf(message)
          const streaming = busy && message === last && message.role === 'assistant'
          return (
            <li key={message.id} className={message.role} data-role={message.role} aria-busy={streaming || undefined}>
              {message.role === 'assistant' ? <Markdown text={text} /> : <p>{text}</p>}
              {streaming && <span className='caret' aria-hidden='true' />}
              <span className='meta'>
                <time dateTime={when(message).toISOString()}>{time.format(when(message))}</time>
                {stopped.has(message.id) && <span className='stopped'>Stopped</span>}
              </span>
            </li>
          )
        })}
        {status === 'submitted' && <li className='assistant typing' aria-label={`${replica.name} is typing`}><span /><span /><span /></li>}
      </ol>
      <p className='visually-hidden' aria-live='polite'>{announcement}</p>
      {failure && <ErrorNote error={failure} onRetry={() => { clearError(); regenerate().catch(() => undefined) }} />}
      <form className='composer' onSubmit={(event) => { event.preventDefault(); send() }}>
        <textarea
          aria-label='Message'
          value={input}
          rows={1}
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault()
              send()
            }
          }}
          placeholder={`Message ${replica.name} (Enter sends, Shift+Enter: new line)`}
        />
        {busy
          ? <button type='button' onClick={() => { stop().catch(() => undefined) }} title='Stop (Escape)'>Stop</button>
          : <button type='submit'>Send</button>}
      </form>
    </div>
  )
}
