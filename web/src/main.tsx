import { StrictMode, useCallback, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { bff, setDevUser, unwrap, type ApiError, type Replica, type ReplicaListItem } from './api.js'
import { ErrorNote } from './error-note.js'
import { Login } from './login.js'
import { Quota } from './quota.js'
import { Replicas } from './replicas.js'
import { ReplicaView } from './replica-view.js'

interface User { userId: string, name?: string, via: 'session' | 'dev' }

function App () {
  const [user, setUser] = useState<User | null>()
  const [replicas, setReplicas] = useState<ReplicaListItem[]>([])
  const [search, setSearch] = useState('')
  const [selected, setSelected] = useState<Replica>()
  const [error, setError] = useState<ApiError>()
  const [answers, setAnswers] = useState(0)

  useEffect(() => {
    bff.session.user().then((u) => setUser(u === null ? null : { ...u, via: 'session' }), () => setUser(null))
  }, [])

  const load = useCallback(() => {
    const query = search.trim() === '' ? {} : { search: search.trim() }
    unwrap(bff.GET('/v1/replicas', { params: { query } })).then((r) => { setReplicas(r.items); setError(undefined) }, setError)
  }, [search])
  useEffect(() => { if (user) load() }, [user, load])

  const open = (uuid: string) => unwrap(bff.GET('/v1/replicas/{replicaUUID}', { params: { path: { replicaUUID: uuid } } })).then(setSelected, setError)

  if (user === undefined) return <p className='muted loading'>Loading…</p>
  if (user === null) return <Login onDev={(id) => { setDevUser(id); setUser({ userId: id, via: 'dev' }) }} />
  const logout = () => {
    if (user.via === 'dev') {
      setDevUser(undefined)
      setUser(null)
      return
    }
    // The BFF's session ends, then the provider's at its end-session URL, which comes back here:
    // without that visit the next "Log in" would be the same user, with no form.
    bff.session.logout().then((endSessionUrl) => { if (endSessionUrl === null) setUser(null) }, setError)
  }
  return (
    <div className='app' data-view={selected ? 'replica' : 'list'}>
      <header className='topbar'>
        <h1>sensay-bff <span>playground</span></h1>
        <Quota refresh={answers} />
        <span className='who'>Logged in as <strong>{user.name ?? user.userId}</strong> ({user.via})</span>
        <button type='button' className='secondary' onClick={logout}>Log out</button>
      </header>
      {error && <ErrorNote error={error} onRetry={load} />}
      <div className='layout'>
        <Replicas replicas={replicas} selected={selected?.uuid} search={search} onSearch={setSearch} onOpen={(uuid) => { open(uuid).catch(() => undefined) }} onCreated={(uuid) => { load(); open(uuid).catch(() => undefined) }} />
        <main className='pane'>
          {selected
            ? <ReplicaView key={selected.uuid} replica={selected} userId={user.userId} onBack={() => setSelected(undefined)} onAnswered={() => setAnswers((n) => n + 1)} />
            : (
              <div className='empty'>
                <h2>Pick a replica</h2>
                <p className='muted'>Choose one from the list to chat with it, or create your own: you will own it and can teach it from its knowledge base.</p>
              </div>
              )}
        </main>
      </div>
    </div>
  )
}

createRoot(document.getElementById('root')!).render(<StrictMode><App /></StrictMode>)
