import { resolve } from 'node:path'
import { expect } from 'vitest'
import { GENERATED_CLIENT } from '../global-setup.js'

/** Sensay's generated SDK (made by the global setup), pointed at `base`. */
export async function sensaySdk (base: string): Promise<any> {
  const sdk = await import(/* @vite-ignore */ resolve(GENERATED_CLIENT, 'index.ts'))
  sdk.OpenAPI.BASE = base
  return sdk
}

/** The ApiError the generated client threw, or a failure if the call went through. */
export async function refusal (sdk: any, call: Promise<unknown>): Promise<{ status: number, body: any }> {
  const error = await call.then(() => undefined, (e: unknown) => e)
  expect(error, 'the call was refused').toBeInstanceOf(sdk.ApiError)
  return error as { status: number, body: any }
}
