import type { ApiError } from './api.js'

/** An error as the contract gives it: the message, the retry time, and the request id to quote. */
export function ErrorNote ({ error }: { error: ApiError }) {
  return (
    <p className='error' role='alert'>
      {error.message}
      {error.retryAfter && <> Retry in {error.retryAfter} s.</>}
      {error.requestId && <> <small>request id <code>{error.requestId}</code></small></>}
    </p>
  )
}
