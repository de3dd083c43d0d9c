// Builds the playground into dist/web: one bundled module, one stylesheet,
// index.html. No inline script or style, so a strict CSP can forbid them.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { brotliCompressSync, gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const out = new URL('../dist/web/', import.meta.url)
mkdirSync(out, { recursive: true })
await build({
  entryPoints: [new URL('./src/main.tsx', import.meta.url).pathname],
  outfile: new URL('app.js', out).pathname,
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: false,
  target: ['chrome120', 'firefox120', 'safari17'],
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'warning'
})
copyFileSync(new URL('./index.html', import.meta.url), new URL('index.html', out))
copyFileSync(new URL('./app.css', import.meta.url), new URL('app.css', out))
// Compressed once here, served as they are (@fastify/static preCompressed): no work per request.
for (const name of ['app.js', 'app.css', 'index.html']) {
  const file = new URL(name, out)
  const bytes = readFileSync(file)
  writeFileSync(`${file.pathname}.br`, brotliCompressSync(bytes))
  writeFileSync(`${file.pathname}.gz`, gzipSync(bytes, { level: 9 }))
}
