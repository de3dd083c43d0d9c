// Builds the playground into dist/web: the page's module, the chat's (split off:
// it holds the AI SDK and loads when a replica is first opened), one stylesheet,
// index.html and the icon. No inline script or style, so a strict CSP can forbid them.
// Prints each script's size, minified and brotli, and writes them to dist/web/sizes.json.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const out = new URL('../dist/web/', import.meta.url)

/**
 * The AI SDK validates each part of a stream with zod, so zod is in the chat's
 * chunk; zod's error messages in 40 languages came with it (200 KB of the
 * chunk's 400), through a namespace the SDK never reads them from. Only the
 * English ones (zod's default) are kept. A build that needs another fails here, loudly.
 */
const englishZodOnly = {
  name: 'english-zod-only',
  setup (build) {
    build.onResolve({ filter: /locales\/index\.js$/ }, (args) => args.importer.includes('/node_modules/zod/')
      ? { path: new URL('../locales/en.js', `file://${args.importer}`).pathname.replace(/en\.js$/, 'index.js'), namespace: 'zod-locales' }
      : undefined)
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: 'export { default as en } from "./en.js"', resolveDir: args.path.replace(/\/index\.js$/, ''), loader: 'js' }))
  }
}
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
const result = await build({
  entryPoints: { app: new URL('./src/main.tsx', import.meta.url).pathname },
  outdir: out.pathname,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  sourcemap: false,
  metafile: true,
  target: ['chrome120', 'firefox120', 'safari17'],
  jsx: 'automatic',
  // The client package's TypeScript source, not its build.
  conditions: ['sensay-bff-source'],
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [englishZodOnly]
})
for (const name of ['index.html', 'app.css', 'favicon.svg']) copyFileSync(new URL(`./${name}`, import.meta.url), new URL(name, out))

// Compressed once here, served as they are (@fastify/static preCompressed): no work per request.
const files = ['app.js', 'app.css', 'index.html', 'favicon.svg', ...readdirSync(new URL('chunks/', out)).map((name) => `chunks/${name}`)]
const sizes = {}
for (const name of files) {
  const file = new URL(name, out)
  const bytes = readFileSync(file)
  const brotli = brotliCompressSync(bytes)
  writeFileSync(`${file.pathname}.br`, brotli)
  writeFileSync(`${file.pathname}.gz`, gzipSync(bytes, { level: 9 }))
  if (name.endsWith('.js')) sizes[name] = { minified: bytes.length, brotli: brotli.length }
}
// What the page loads before anything is opened: app.js and the chunks it imports statically.
const outputs = result.metafile.outputs
const key = (name) => Object.keys(outputs).find((path) => path.endsWith(`/dist/web/${name}`))
const initial = new Set(['app.js'])
for (const name of initial) {
  for (const imported of outputs[key(name)]?.imports ?? []) {
    if (imported.kind === 'import-statement') initial.add(imported.path.replace(/^.*\/dist\/web\//, ''))
  }
}
const sum = (names, field) => names.reduce((total, name) => total + (sizes[name]?.[field] ?? 0), 0)
const report = { files: sizes, initial: { files: [...initial], minified: sum([...initial], 'minified'), brotli: sum([...initial], 'brotli') }, total: { minified: sum(Object.keys(sizes), 'minified'), brotli: sum(Object.keys(sizes), 'brotli') } }
writeFileSync(new URL('sizes.json', out), JSON.stringify(report, null, 2))
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
console.log(`playground: first load ${kb(report.initial.minified)} minified, ${kb(report.initial.brotli)} brotli; with the chat ${kb(report.total.minified)}, ${kb(report.total.brotli)} brotli`)
