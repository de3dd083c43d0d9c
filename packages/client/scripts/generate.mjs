#!/usr/bin/env node
// Writes src/schema.ts from the built BFF (npm run build first).
import { writeFileSync } from 'node:fs'
import { generateSchema } from './schema.mjs'

const dist = new URL('../../../dist/', import.meta.url)
const { buildApp } = await import(new URL('app.js', dist).href)
const { loadConfig } = await import(new URL('config/load-config.js', dist).href)
writeFileSync(new URL('../src/schema.ts', import.meta.url), await generateSchema({ buildApp, loadConfig }))
console.log('packages/client/src/schema.ts written')
