import { useCallback, useEffect, useState } from 'react'
import { bff, unwrap, type ApiError } from './api.js'
import { ErrorNote } from './error-note.js'

interface Entry { id: number, status: string, title?: string | null, type: string }
interface Conversation { uuid: string, messageCount: number, source: string }

/** What only the owner sees: the knowledge base (watch an entry become READY) and conversations. */
export function Owner ({ replicaUUID }: { replicaUUID: string }) {
  const [entries, setEntries] = useState<Entry[]>([])
  const [conversations, setConversations] = useState<Conversation[]>([])
  const [text, setText] = useState('')
  const [error, setError] = useState<ApiError>()
  const path = { params: { path: { replicaUUID } } }

  const refresh = useCallback(() => {
    unwrap(bff.GET('/v1/replicas/{replicaUUID}/knowledge-base', { params: { path: { replicaUUID } } })).then((r) => setEntries((r as { items: Entry[] }).items), setError)
    unwrap(bff.GET('/v1/replicas/{replicaUUID}/conversations', { params: { path: { replicaUUID } } })).then((r) => setConversations((r as unknown as { items: Conversation[] }).items ?? []), setError)
  }, [replicaUUID])
  useEffect(refresh, [refresh])
  // While an entry is still being processed, look again every second.
  useEffect(() => {
    if (!entries.some((e) => e.status !== 'READY' && e.status !== 'UNPROCESSABLE')) return
    const timer = setTimeout(refresh, 1_000)
    return () => clearTimeout(timer)
  }, [entries, refresh])

  return (
    <div className='owner'>
      <h3>Knowledge base</h3>
      <form onSubmit={(e) => {
        e.preventDefault()
        unwrap(bff.POST('/v1/replicas/{replicaUUID}/knowledge-base', { ...path, body: { text, title: text.slice(0, 40) } })).then(() => { setText(''); refresh() }, setError)
      }}
      >
        <div className='row'>
          <input aria-label='Knowledge text' value={text} onChange={(e) => setText(e.target.value)} placeholder='Teach it something' required />
          <button type='submit'>Add</button>
        </div>
      </form>
      {entries.length === 0 ? <p className='muted'>Nothing taught yet.</p> : <ul className='entries'>{entries.map((e) => <li key={e.id}>{e.title ?? `#${e.id}`} <span className='status'>{e.status}</span></li>)}</ul>}
      <h3>Conversations</h3>
      {conversations.length === 0 ? <p className='muted'>No conversation yet.</p> : <ul>{conversations.map((c) => <li key={c.uuid}>{c.source}: {c.messageCount} messages</li>)}</ul>}
      {error && <ErrorNote error={error} />}
    </div>
  )
}
