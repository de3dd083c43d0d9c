import neostandard from 'neostandard'

export default [
  ...neostandard({ ts: true, ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'test/.generated/**', 'packages/*/dist/**', 'packages/client/src/schema.ts'] })
]
