// Preloaded into a server process by tests (node --import ./test/helpers/record-loads.mjs):
// every ES module it loads is appended to the file RECORD_LOADS_FILE names, so a test
// can say what a process never loaded. The hook runs on the loader's thread.
import { appendFileSync } from 'node:fs'
import { register } from 'node:module'

if (process.env.RECORD_LOADS_FILE !== undefined && !import.meta.url.includes('?hooks')) {
  register(`${import.meta.url}?hooks`)
}

export async function resolve (specifier, context, next) {
  const resolved = await next(specifier, context)
  appendFileSync(process.env.RECORD_LOADS_FILE, `${resolved.url}\n`)
  return resolved
}
