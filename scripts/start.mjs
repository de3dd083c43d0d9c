#!/usr/bin/env node
// `npm start` / `npm run demo`: build first when dist/ is missing or older
// than src/, then run. In the container dist/ is built and src/ is absent.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const isDemo = process.argv[2] === 'demo'
const entry = isDemo ? 'demo.js' : 'server.js'

function newest (dir) {
  let latest = 0
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name)
    latest = Math.max(latest, name.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }
  return latest
}

const built = join(root, 'dist', entry)
const src = join(root, 'src')
if (existsSync(src) && (!existsSync(built) || newest(src) > statSync(built).mtimeMs)) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  if (!existsSync(tsc)) {
    process.stderr.write('dist/ is missing or stale and TypeScript is not installed: run npm ci, then npm run build\n')
    process.exit(1)
  }
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
}
// The playground (web/) is built beside it the same way, when its sources are here.
const web = join(root, 'web')
const page = join(root, 'dist', 'web', 'index.html')
if (existsSync(join(web, 'build.mjs')) && (!existsSync(page) || newest(web) > statSync(page).mtimeMs)) {
  execFileSync(process.execPath, [join(web, 'build.mjs')], { stdio: 'inherit' })
}
const mod = await import(join(root, 'dist', entry))
const run = isDemo ? mod.demo : mod.main
run().catch(mod.fail ?? ((err) => { console.error(err); process.exit(1) }))
