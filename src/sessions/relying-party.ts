import * as client from 'openid-client'
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose'
import { AppError, errors } from '../errors/app-error.js'
import type { SessionConfig } from '../config/config.js'
import { isLoopback } from '../config/load-config.js'
import type { PendingLogin } from './store.js'

const SCOPE = 'openid email profile'
const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout'

const providerDown = (cause: unknown) =>
  new AppError(503, 'UPSTREAM_UNAVAILABLE', 'The identity provider is unavailable; try again shortly.', { cause, headers: { 'retry-after': '5' } })

/**
 * The BFF as an OpenID Connect relying party (openid-client): discovery,
 * the authorization code flow with PKCE (S256), state and nonce, the ID
 * token verified by the library, RP-initiated logout, and back-channel
 * logout tokens verified against the issuer's keys. Nothing of it reaches
 * the browser but the redirect.
 */
export class RelyingParty {
  #configuration: Promise<client.Configuration> | undefined
  #jwks: ReturnType<typeof createRemoteJWKSet> | undefined
  readonly redirectUri: string

  constructor (private readonly options: SessionConfig) {
    this.redirectUri = `${options.publicUrl}/auth/callback`
  }

  /** Discovery once; a failure is not remembered, so the next login tries again. */
  configuration (): Promise<client.Configuration> {
    this.#configuration ??= client.discovery(new URL(this.options.issuer), this.options.clientId, undefined, client.ClientSecretPost(this.options.clientSecret), {
      // http:// issuers are accepted only on loopback (the demo, tests): configuration refuses others.
      execute: new URL(this.options.issuer).protocol === 'http:' && isLoopback(new URL(this.options.issuer).hostname) ? [client.allowInsecureRequests] : [],
      timeout: 5
    }).catch((err: unknown) => {
      this.#configuration = undefined
      throw providerDown(err)
    })
    return this.#configuration
  }

  /** Where to send the browser, and what the server keeps to finish the login. */
  async start (returnTo: string): Promise<{ url: string, login: PendingLogin }> {
    const config = await this.configuration()
    const codeVerifier = client.randomPKCECodeVerifier()
    const login: PendingLogin = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier, returnTo }
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce
    })
    return { url: url.href, login }
  }

  /** Exchanges the code; the library checks state, PKCE, and the ID token (issuer, audience, signature, expiry, nonce). */
  async finish (callbackUrl: URL, login: PendingLogin): Promise<{ claims: JWTPayload }> {
    const config = await this.configuration()
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true
      })
      const claims = tokens.claims()
      if (claims === undefined || tokens.id_token === undefined) throw new Error('no ID token')
      // Many providers keep name and email out of the ID token: ask UserInfo (for this same subject) once, at login.
      let extra: Record<string, unknown> = {}
      if ((claims.email === undefined || claims.name === undefined) && config.serverMetadata().userinfo_endpoint !== undefined) {
        extra = await client.fetchUserInfo(config, tokens.access_token, claims.sub)
      }
      return { claims: { ...extra, ...claims } as JWTPayload }
    } catch (err) {
      if (err instanceof client.AuthorizationResponseError) throw errors.unauthenticated(`Login failed at the identity provider: ${err.error}.`)
      if (err instanceof client.ClientError || err instanceof client.ResponseBodyError) {
        throw new AppError(401, 'UNAUTHENTICATED', 'Login failed: the identity provider\'s answer did not verify.', { cause: err })
      }
      throw providerDown(err)
    }
  }

  /**
   * The issuer's end-session URL, if it offers one. It names the client, not
   * the ID token (`id_token_hint`): the page receives this URL, and no token
   * ever reaches browser JavaScript (the issuer may ask the user to confirm).
   */
  async endSessionUrl (): Promise<string | null> {
    const config = await this.configuration().catch(() => undefined)
    if (config?.serverMetadata().end_session_endpoint === undefined) return null
    return client.buildEndSessionUrl(config, { client_id: this.options.clientId, post_logout_redirect_uri: `${this.options.publicUrl}/` }).href
  }

  /** A back-channel logout token (OpenID Connect Back-Channel Logout 1.0, section 2.6), or 400. */
  async verifyLogoutToken (token: string): Promise<{ sub?: string, sid?: string, jti: string, expiresAt: number }> {
    const config = await this.configuration()
    const metadata = config.serverMetadata()
    if (metadata.jwks_uri === undefined) throw providerDown(new Error('the issuer has no jwks_uri'))
    this.#jwks ??= createRemoteJWKSet(new URL(metadata.jwks_uri))
    let payload: JWTPayload
    try {
      ({ payload } = await jwtVerify(token, this.#jwks, { issuer: metadata.issuer, audience: this.options.clientId, maxTokenAge: '5m', requiredClaims: ['iat', 'jti', 'events'] }))
    } catch (err) {
      throw new AppError(400, 'VALIDATION_FAILED', 'The logout token did not verify.', { cause: err })
    }
    const events = payload.events as Record<string, unknown> | undefined
    const sub = typeof payload.sub === 'string' ? payload.sub : undefined
    const sid = typeof payload.sid === 'string' ? payload.sid : undefined
    if (typeof events !== 'object' || events === null || typeof events[BACKCHANNEL_LOGOUT_EVENT] !== 'object' || 'nonce' in payload || (sub === undefined && sid === undefined)) {
      throw new AppError(400, 'VALIDATION_FAILED', 'This is not a logout token.')
    }
    // jwtVerify required a jti and an iat; a token lives 5 minutes from iat at most (maxTokenAge).
    const expiresAt = Math.min(typeof payload.exp === 'number' ? payload.exp : Infinity, (payload.iat as number) + 300) * 1000
    return { sub, sid, jti: String(payload.jti), expiresAt }
  }
}
