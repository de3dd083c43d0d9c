// The client's types from the BFF's own OpenAPI document: the app is built
// (never started) with every optional door open (browser sessions, the
// playground's routes are not in the document), its /openapi.json taken, and
// openapi-typescript turns it into `paths`. The test suite regenerates it and
// fails when packages/client/src/schema.ts is stale.
import { Writable } from 'node:stream'
import openapiTS, { astToString } from 'openapi-typescript'

const HEADER = `// Generated from sensay-bff's OpenAPI document by packages/client/scripts/generate.mjs
// (npm run generate -w @sensay-bff/client). Do not edit: the test suite fails when it is stale.

`

/** `app`: { buildApp, loadConfig } from the BFF's src/ (tests) or dist/ (the script). */
export async function generateSchema ({ buildApp, loadConfig }) {
  const config = loadConfig({
    SENSAY_ORGANIZATION_SECRET: 'schema-generation',
    AUTH_JWT_SECRET: 'schema-generation-secret-0123456789abcdef',
    OIDC_ISSUER: 'http://127.0.0.1:1/',
    OIDC_CLIENT_ID: 'schema',
    OIDC_CLIENT_SECRET: 'schema',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    SESSION_SECRET: 'schema-generation-session-key-0123456789',
    LOG_LEVEL: 'silent'
  })
  const app = await buildApp(config, { logStream: new Writable({ write: (_chunk, _encoding, done) => done() }) })
  try {
    await app.ready()
    const document = app.swagger()
    const ast = await openapiTS(JSON.parse(JSON.stringify(document)), { alphabetize: true })
    return HEADER + astToString(ast)
  } finally {
    await app.close()
  }
}
