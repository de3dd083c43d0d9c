import { describe, expect, it } from 'vitest'
import { createApiKeyMatcher, parseApiKeys, sha256Hex } from '../../src/auth/api-keys.js'

describe('API keys', () => {
  const keys = parseApiKeys(JSON.stringify([
    { name: 'ops', sha256: sha256Hex('k-admin').toUpperCase(), role: 'admin' },
    { name: 'app', sha256: sha256Hex('k-user'), role: 'user', userId: 'u1' }
  ]))

  it('matches a presented key by its SHA-256, whatever the stored hex case', () => {
    const match = createApiKeyMatcher(keys)
    expect(match('k-admin')?.name).toBe('ops')
    expect(match('k-user')).toMatchObject({ role: 'user', userId: 'u1' })
    expect(match('k-other')).toBeUndefined()
    expect(match('')).toBeUndefined()
  })

  it.each([
    ['not JSON', '{', /not valid JSON/],
    ['not an array', '{}', /array/],
    ['a bad hash', JSON.stringify([{ name: 'x', sha256: 'abc', role: 'admin' }]), /entry 0/],
    ['an unknown role', JSON.stringify([{ name: 'x', sha256: sha256Hex('a'), role: 'root' }]), /entry 0/],
    ['a user key without userId', JSON.stringify([{ name: 'x', sha256: sha256Hex('a'), role: 'user' }]), /userId/],
    ['an unknown field', JSON.stringify([{ name: 'x', sha256: sha256Hex('a'), role: 'admin', key: 'plaintext' }]), /entry 0/],
    ['duplicate names', JSON.stringify([{ name: 'x', sha256: sha256Hex('a'), role: 'admin' }, { name: 'x', sha256: sha256Hex('b'), role: 'admin' }]), /duplicate/]
  ])('refuses %s', (_name, text, message) => {
    expect(() => parseApiKeys(text)).toThrow(message)
  })
})
