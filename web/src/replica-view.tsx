import { Suspense, lazy, useState } from 'react'
import type { Replica } from './api.js'
import { Owner } from './owner.js'

// The chat (and the AI SDK it runs on) loads when a replica is first opened, not with the page.
const Chat = lazy(() => import('./chat.js'))

/** One replica: who it is, its chat, and for its owner the knowledge base, each in its own tab. */
export function ReplicaView ({ replica, userId, onBack, onAnswered }: { replica: Replica, userId: string, onBack: () => void, onAnswered: () => void }) {
  const owner = replica.ownerID === userId
  const [tab, setTab] = useState<'chat' | 'knowledge'>('chat')
  return (
    <section className='replica-view' aria-labelledby='replica-name'>
      <div className='replica-head'>
        <button type='button' className='back secondary' onClick={onBack} aria-label='Back to the replicas'>←</button>
        <div>
          <h2 id='replica-name'>{replica.name}</h2>
          <p className='muted'>
            {owner ? `Your replica (owner view, model ${replica.llm?.model ?? 'default'})` : 'Public view'}{replica.private ? ', private' : ''}
          </p>
        </div>
      </div>
      {owner && (
        <div className='tabs' role='tablist' aria-label='Replica'>
          <button type='button' role='tab' id='tab-chat' aria-selected={tab === 'chat'} aria-controls='panel' onClick={() => setTab('chat')}>Chat</button>
          <button type='button' role='tab' id='tab-knowledge' aria-selected={tab === 'knowledge'} aria-controls='panel' onClick={() => setTab('knowledge')}>Knowledge base</button>
        </div>
      )}
      <div id='panel' className='panel' role={owner ? 'tabpanel' : undefined} aria-labelledby={owner ? `tab-${tab}` : undefined}>
        {tab === 'chat' || !owner
          ? (
            <Suspense fallback={<p className='muted'>Loading the chat…</p>}>
              <Chat replica={replica} onAnswered={onAnswered} />
            </Suspense>
            )
          : <Owner replicaUUID={replica.uuid} />}
      </div>
    </section>
  )
}
