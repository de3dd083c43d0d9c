import { StrictMode, useCallback, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { api, setDevUser, type ApiError } from './api.js'
import { Chat } from './chat.js'
import { ErrorNote } from './error-note.js'
import { Owner } from './owner.js'
import { Quota } from './quota.js'

interface User { userId: string, name?: string, via: 'session' | 'dev' }
interface Replica { uuid: string, name: string, slug: string, shortDescription: string, greeting: string, private?: boolean, ownerID?: string, llm?: { model?: string } }

function Login ({ onDev }: { onDev: (id: string) => void }) {
  const [dev, setDev] = useState('')
  return (
    <div className='login'>
      <a className='button' href={`/auth/login?returnTo=${encodeURIComponent('/')}`}>Log in</a>
      <form onSubmit={(e) => { e.preventDefault(); if (dev.trim()) onDev(dev.trim()) }}>
        <label>or, in the demo, act as a dev user <input aria-label='Dev user' value={dev} onChange={(e) => setDev(e.target.value)} placeholder='alice' /></label>
        <button type='submit'>Use</button>
      </form>
    </div>
  )
}

function CreateReplica ({ onCreated }: { onCreated: (uuid: string) => void }) {
  const [name, setName] = useState('')
  const [error, setError] = useState<ApiError>()
  return (
    <form
      className='create' onSubmit={(e) => {
        e.preventDefault()
        const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'replica'
        api<{ uuid: string }>('/v1/replicas', { method: 'POST', body: { name, slug, shortDescription: `${name}, made in the playground`, greeting: `Hello, I am ${name}.`, llm: { model: 'gpt-4o' } } })
          .then((r) => { setName(''); setError(undefined); onCreated(r.uuid) }, setError)
      }}
    >
      <input aria-label='New replica name' value={name} onChange={(e) => setName(e.target.value)} placeholder='New replica name' required />
      <button type='submit'>Create</button>
      {error && <ErrorNote error={error} />}
    </form>
  )
}

function App () {
  const [user, setUser] = useState<User | null>()
  const [replicas, setReplicas] = useState<Replica[]>([])
  const [search, setSearch] = useState('')
  const [selected, setSelected] = useState<Replica>()
  const [error, setError] = useState<ApiError>()
  const [answers, setAnswers] = useState(0)

  useEffect(() => {
    api<{ userId: string, name?: string }>('/auth/user').then((u) => setUser({ ...u, via: 'session' }), () => setUser(null))
  }, [])

  const load = useCallback(() => {
    const query = search.trim() ? `?search=${encodeURIComponent(search.trim())}` : ''
    api<{ items: Replica[] }>(`/v1/replicas${query}`).then((r) => { setReplicas(r.items); setError(undefined) }, setError)
  }, [search])
  useEffect(() => { if (user) load() }, [user, load])

  const open = (uuid: string) => api<Replica>(`/v1/replicas/${uuid}`).then(setSelected, setError)

  if (user === undefined) return <p>Loading…</p>
  if (user === null) {
    return (
      <main>
        <h1>sensay-bff playground</h1>
        <p>Chat with Sensay replicas through the BFF, as your own frontend would.</p>
        <Login onDev={(id) => { setDevUser(id); setUser({ userId: id, via: 'dev' }) }} />
      </main>
    )
  }
  return (
    <main>
      <header>
        <h1>sensay-bff playground</h1>
        <span className='who'>Logged in as <strong>{user.name ?? user.userId}</strong> ({user.via})</span>
        <Quota refresh={answers} />
        <button onClick={() => {
          if (user.via === 'dev') { setDevUser(undefined); setUser(null); return }
          // The BFF's session ends here; the provider's ends at its end-session URL, which comes
          // back to the playground: without that visit the next "Log in" is the same user, no form.
          api<{ endSessionUrl: string | null }>('/auth/logout', { method: 'POST' }).then(({ endSessionUrl }) => {
            if (endSessionUrl) window.location.assign(endSessionUrl)
            else setUser(null)
          }, setError)
        }}
        >Log out
        </button>
      </header>
      {error && <ErrorNote error={error} />}
      <div className='columns'>
        <nav>
          <form onSubmit={(e) => { e.preventDefault(); load() }}>
            <input aria-label='Search replicas' value={search} onChange={(e) => setSearch(e.target.value)} placeholder='Search replicas' />
          </form>
          <ul className='replicas'>
            {replicas.map((r) => (
              <li key={r.uuid}><button className={selected?.uuid === r.uuid ? 'current' : ''} onClick={() => { open(r.uuid).catch(() => undefined) }}>{r.name}</button> <small>{r.shortDescription}</small></li>
            ))}
          </ul>
          <CreateReplica onCreated={(uuid) => { load(); open(uuid).catch(() => undefined) }} />
        </nav>
        {selected && (
          <article key={selected.uuid}>
            <h2>{selected.name}</h2>
            <p className='greeting'>{selected.greeting}</p>
            <p><small>{selected.ownerID === user.userId ? `Your replica (owner view, model ${selected.llm?.model ?? 'default'})` : 'Public view'}{selected.private ? ', private' : ''}</small></p>
            <Chat replicaUUID={selected.uuid} onAnswered={() => setAnswers((n) => n + 1)} />
            {selected.ownerID === user.userId && <Owner replicaUUID={selected.uuid} />}
          </article>
        )}
      </div>
    </main>
  )
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>)
