// oidc-provider ships no types; the demo and tests use this much of it.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'
  interface Grant {
    addOIDCScope: (scope: string) => void
    save: () => Promise<string>
  }
  interface Context {
    oidc: { client?: { clientId: string }, session?: { accountId?: string }, provider: Provider }
  }
  export default class Provider {
    constructor (issuer: string, configuration: Record<string, unknown>)
    Grant: new (options: { clientId: string, accountId: string }) => Grant
    callback: () => (req: IncomingMessage, res: ServerResponse) => void
    on: (event: string, listener: (...args: unknown[]) => void) => void
  }
  export type { Context }
}
