import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { generate } from 'openapi-typescript-codegen'

/** Where the client generated from Sensay's OpenAPI document goes (git-ignored). */
export const GENERATED_CLIENT = 'test/.generated/sensay-client'

// Tests that start the real server (`node dist/server.js`), and the browser tests of the
// playground (dist/web), need a fresh build;
// building once here keeps parallel test files from building over each other.
// Sensay's own SDK is generated the way Sensay's CLI does it (openapi-typescript-codegen,
// fetch client) from the document in spec/, for the drop-in test to use unchanged.
export default async function setup (): Promise<void> {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
  execFileSync(process.execPath, ['web/build.mjs'], { stdio: 'inherit' })
  rmSync(GENERATED_CLIENT, { recursive: true, force: true })
  await generate({ input: 'spec/sensay-openapi.json', output: GENERATED_CLIENT, httpClient: 'fetch' })
}
