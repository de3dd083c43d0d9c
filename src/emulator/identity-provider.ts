import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomBytes } from 'node:crypto'
import { exportJWK, generateKeyPair } from 'jose'
import Provider, { type Context } from 'oidc-provider'

export interface IdentityProviderClient {
  client_id: string
  client_secret: string
  redirect_uris: string[]
  post_logout_redirect_uris?: string[]
  backchannel_logout_uri?: string
}

export interface IdentityProvider {
  issuer: string
  provider: Provider
  close: () => Promise<void>
}

/**
 * A real OpenID Connect provider (oidc-provider, certified) for the demo and
 * the tests: its development login page takes any user name and any password,
 * consent is implied for our clients (first party), PKCE is required, and
 * back-channel and RP-initiated logout are on. Never started in production.
 */
export interface IdentityProviderOptions {
  port?: number
  host?: string
  /** Signing keys (private JWKs); made at start when absent (oidc-provider's own development key is public). Tests pass their own to sign logout tokens. */
  jwks?: { keys: object[] }
}

export async function startIdentityProvider (clients: IdentityProviderClient[], { port = 0, host = '127.0.0.1', jwks }: IdentityProviderOptions = {}): Promise<IdentityProvider> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(port, host, resolve))
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`
  // Never oidc-provider's development key, which anyone can read: tokens signed with it could be forged.
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const keys = jwks ?? { keys: [{ ...await exportJWK(privateKey), kid: `demo-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' }] }
  const provider = new Provider(issuer, {
    clients: clients.map((c) => ({ grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post', ...c })),
    findAccount: async (_ctx: Context, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, name: sub, email: `${sub.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}@example.com`, email_verified: true })
    }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    features: {
      devInteractions: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true }
    },
    pkce: { required: () => true },
    // Explicit lifetimes (seconds), as oidc-provider asks of any deployment.
    ttl: { AuthorizationCode: 60, Interaction: 600, Grant: 3600, Session: 86_400, AccessToken: 3600, IdToken: 3600 },
    // Our own clients need no consent screen: the grant is implied.
    loadExistingGrant: async (ctx: Context) => {
      const { client, session } = ctx.oidc
      if (client === undefined || session?.accountId === undefined) return undefined
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId })
      grant.addOIDCScope('openid email profile')
      await grant.save()
      return grant
    },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: keys
  })
  server.on('request', provider.callback())
  return {
    issuer,
    provider,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()) })
  }
}
