import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { batchedDestination } from '../../src/logging/log-destination.js'

const dirs: string[] = []
afterEach(() => { for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true }) })

function file () {
  const dir = mkdtempSync(join(tmpdir(), 'log-'))
  dirs.push(dir)
  const path = join(dir, 'out.log')
  return { fd: openSync(path, 'w'), read: () => readFileSync(path, 'utf8') }
}

const until = async (check: () => boolean) => { while (!check()) await new Promise((resolve) => setTimeout(resolve, 5)) }

describe('batched log destination', () => {
  it('holds lines until flushMs, then writes them together, in order', async () => {
    const { fd, read } = file()
    const out = batchedDestination(fd, { flushMs: 50, batchChars: 1_000_000 })
    out.write('one\n')
    out.write('two\n')
    expect(read()).toBe('')
    await until(() => read() !== '')
    expect(read()).toBe('one\ntwo\n')
    out.flushSync()
    closeSync(fd)
  })

  it('writes at once when batchChars are pending, and everything on flushSync', async () => {
    const { fd, read } = file()
    const out = batchedDestination(fd, { flushMs: 60_000, batchChars: 10 })
    out.write('0123456789\n')
    await until(() => read() !== '')
    expect(read()).toBe('0123456789\n')
    out.write('last\n')
    out.flushSync()
    expect(read()).toBe('0123456789\nlast\n')
    closeSync(fd)
  })
})
