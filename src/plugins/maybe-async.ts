// Hook steps that finish synchronously when they can: a promise per request
// on the hot path was a measurable cost, but a Redis-backed step is async.

/** A value now, or later. */
export type MaybeAsync<T> = T | Promise<T>

/** Continues with a value now when it is there, after the promise otherwise. */
export function andThen<T, R> (value: MaybeAsync<T>, next: (value: T) => MaybeAsync<R>): MaybeAsync<R> {
  return value instanceof Promise ? value.then(next) : next(value)
}

/** Runs a hook's step, which may finish now or later, and calls done either way, errors included. */
export function settle (step: () => MaybeAsync<unknown>, done: (err?: Error) => void): void {
  let result: MaybeAsync<unknown>
  try {
    result = step()
  } catch (err) {
    return done(err as Error)
  }
  if (result instanceof Promise) result.then(() => done(), done)
  else done()
}
