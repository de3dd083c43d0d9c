import { execFileSync } from 'node:child_process'

// Tests that start the real server (`node dist/server.js`) need a fresh build;
// building once here keeps parallel test files from building over each other.
export default function setup (): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
}
