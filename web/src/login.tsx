import { useState } from 'react'
import { bff } from './api.js'

/** Logged out: the provider's login, or in the demo a dev user by name. */
export function Login ({ onDev }: { onDev: (id: string) => void }) {
  const [dev, setDev] = useState('')
  return (
    <main className='welcome'>
      <h1>sensay-bff playground</h1>
      <p>Chat with Sensay replicas through the BFF, as your own frontend would: the session is a cookie this page cannot read, and the organization secret never leaves the server.</p>
      <a className='button' href={bff.session.loginUrl('/')}>Log in</a>
      <form onSubmit={(e) => { e.preventDefault(); if (dev.trim()) onDev(dev.trim()) }}>
        <label htmlFor='dev-user'>or, in the demo, act as a dev user</label>
        <div className='row'>
          <input id='dev-user' aria-label='Dev user' value={dev} onChange={(e) => setDev(e.target.value)} placeholder='alice' autoComplete='off' />
          <button type='submit'>Use</button>
        </div>
      </form>
    </main>
  )
}
