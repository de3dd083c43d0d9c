import { useCallback, useEffect, useState } from 'react'
import { api, type ApiError } from './api.js'
import { ErrorNote } from './error-note.js'

interface Entry { id: number, status: string, title?: string, type: string }
interface Conversation { uuid: string, messageCount: number, source: string }

/** What only the owner sees: the knowledge base (watch an entry become READY) and conversations. */
export function Owner ({ replicaUUID }: { replicaUUID: string }) {
  const [entries, setEntries] = useState<Entry[]>([])
  const [conversations, setConversations] = useState<Conversation[]>([])
  const [text, setText] = useState('')
  const [error, setError] = useState<ApiError>()
  const base = `/v1/replicas/${replicaUUID}`

  const refresh = useCallback(() => {
    api<{ items: Entry[] }>(`${base}/knowledge-base`).then((r) => setEntries(r.items), setError)
    api<{ items: Conversation[] }>(`${base}/conversations`).then((r) => setConversations(r.items), setError)
  }, [base])
  useEffect(refresh, [refresh])
  // While an entry is still being processed, look again every second.
  useEffect(() => {
    if (!entries.some((e) => e.status !== 'READY' && e.status !== 'UNPROCESSABLE')) return
    const timer = setTimeout(refresh, 1_000)
    return () => clearTimeout(timer)
  }, [entries, refresh])

  return (
    <section className='owner'>
      <h3>Knowledge base</h3>
      <form onSubmit={(e) => {
        e.preventDefault()
        api(`${base}/knowledge-base`, { method: 'POST', body: { text, title: text.slice(0, 40) } }).then(() => { setText(''); refresh() }, setError)
      }}
      >
        <input aria-label='Knowledge text' value={text} onChange={(e) => setText(e.target.value)} placeholder='Teach it something' required />
        <button type='submit'>Add</button>
      </form>
      <ul className='entries'>{entries.map((e) => <li key={e.id}>{e.title ?? `#${e.id}`} <span className='status'>{e.status}</span></li>)}</ul>
      <h3>Conversations</h3>
      <ul>{conversations.map((c) => <li key={c.uuid}>{c.source}: {c.messageCount} messages</li>)}</ul>
      {error && <ErrorNote error={error} />}
    </section>
  )
}
