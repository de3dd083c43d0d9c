import { describe, expect, it } from 'vitest'
import { andThen, settle } from '../../src/plugins/maybe-async.js'

const settled = (step: () => unknown) => new Promise<{ err?: Error, sync: boolean }>((resolve) => {
  let sync = true
  settle(step as () => undefined, (err) => resolve({ err, sync }))
  sync = false
})

describe('maybe-async hook steps', () => {
  it('calls done synchronously for a value or a throw, after the promise otherwise', async () => {
    expect(await settled(() => undefined)).toEqual({ err: undefined, sync: true })
    const boom = new Error('boom')
    expect(await settled(() => { throw boom })).toEqual({ err: boom, sync: true })
    expect(await settled(async () => 1)).toEqual({ err: undefined, sync: false })
    expect(await settled(async () => { throw boom })).toEqual({ err: boom, sync: false })
  })

  it('continues with a value now, or after the promise', async () => {
    expect(andThen(2, (n) => n * 3)).toBe(6)
    await expect(andThen(Promise.resolve(2), (n) => n * 3)).resolves.toBe(6)
  })
})
