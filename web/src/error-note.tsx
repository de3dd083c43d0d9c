import type { ApiError } from './api.js'

/** An error as the contract gives it: the message, the retry time, the request id to quote, and a retry when there is one. */
export function ErrorNote ({ error, onRetry }: { error: ApiError, onRetry?: () => void }) {
  return (
    <div className='error' role='alert'>
      <p>
        {error.message}
        {error.retryAfter && <> Retry in {error.retryAfter} s.</>}
        {error.requestId && <> <small>request id <code>{error.requestId}</code></small></>}
      </p>
      {onRetry && <button type='button' className='secondary' onClick={onRetry}>Retry</button>}
    </div>
  )
}
