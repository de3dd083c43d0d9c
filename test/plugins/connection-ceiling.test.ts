import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { connectionCeiling, openFilesLimit } from '../../src/plugins/connection-ceiling.js'

describe('the connection ceiling', () => {
  it('reads the soft open-files limit from /proc', () => {
    const dir = mkdtempSync(join(tmpdir(), 'limits-'))
    const file = join(dir, 'limits')
    writeFileSync(file, 'Limit                     Soft Limit           Hard Limit           Units     \nMax open files            20000                20000                files     \n')
    expect(openFilesLimit(file)).toBe(20_000)
    writeFileSync(file, 'Max open files            unlimited            unlimited            files     \n')
    expect(openFilesLimit(file)).toBeUndefined()
    expect(openFilesLimit(join(dir, 'missing'))).toBeUndefined()
    expect(openFilesLimit()).toBeGreaterThan(0)
  })

  it('leaves room for the upstream pools and the process\'s own files', () => {
    expect(connectionCeiling(20_000, 1024)).toBe(20_000 - 1024 - 256 - 64)
    expect(connectionCeiling(256, 1024)).toBe(16)
  })
})
