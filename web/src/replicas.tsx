import { useState } from 'react'
import { bff, unwrap, type ApiError, type ReplicaListItem } from './api.js'
import { ErrorNote } from './error-note.js'

function CreateReplica ({ onCreated }: { onCreated: (uuid: string) => void }) {
  const [name, setName] = useState('')
  const [error, setError] = useState<ApiError>()
  return (
    <form
      className='create' onSubmit={(e) => {
        e.preventDefault()
        const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'replica'
        unwrap(bff.POST('/v1/replicas', { body: { name, slug, shortDescription: `${name}, made in the playground`, greeting: `Hello, I am ${name}.`, llm: { model: 'gpt-4o' } } }))
          .then((r) => { setName(''); setError(undefined); onCreated((r as { uuid: string }).uuid) }, setError)
      }}
    >
      <div className='row'>
        <input aria-label='New replica name' value={name} onChange={(e) => setName(e.target.value)} placeholder='New replica name' required />
        <button type='submit'>Create</button>
      </div>
      {error && <ErrorNote error={error} />}
    </form>
  )
}

/** The replicas the user may see, a search, and a form to make one. */
export function Replicas ({ replicas, selected, search, onSearch, onOpen, onCreated }: {
  replicas: ReplicaListItem[]
  selected?: string
  search: string
  onSearch: (text: string) => void
  onOpen: (uuid: string) => void
  onCreated: (uuid: string) => void
}) {
  return (
    <aside className='sidebar' aria-label='Replicas'>
      <form role='search' onSubmit={(e) => e.preventDefault()}>
        <input type='search' aria-label='Search replicas' value={search} onChange={(e) => onSearch(e.target.value)} placeholder='Search replicas' />
      </form>
      {replicas.length === 0
        ? <p className='muted'>No replica yet: create one below.</p>
        : (
          <ul className='replicas'>
            {replicas.map((r) => (
              <li key={r.uuid}>
                <button type='button' className={selected === r.uuid ? 'replica current' : 'replica'} aria-current={selected === r.uuid ? 'true' : undefined} onClick={() => onOpen(r.uuid)}>
                  <span className='name'>{r.name}</span>
                  <small>{r.shortDescription}</small>
                </button>
              </li>
            ))}
          </ul>
          )}
      <CreateReplica onCreated={onCreated} />
    </aside>
  )
}
