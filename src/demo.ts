import { randomBytes } from 'node:crypto'
import { startEmulator, streamFormatFrom } from './emulator/emulator.js'
import { startIdentityProvider } from './emulator/identity-provider.js'
import { loadConfig } from './config/load-config.js'
import { fail, serve } from './server.js'

/**
 * `npm run demo`: the BFF on 127.0.0.1:3000 in front of the built-in Sensay
 * emulator, with dev auth (`Bearer dev:<userId>`). No secret, no network.
 */
export async function demo (): Promise<void> {
  const secret = randomBytes(24).toString('hex')
  const emulator = await startEmulator({ organizationSecret: secret, streamChunkDelayMs: 60, knowledgeStepMs: 3_000, streamFormat: streamFormatFrom(process.env.EMULATOR_STREAM_FORMAT) })
  emulator.state.addUser('demo-owner', { name: 'Demo Owner' })
  const replica = emulator.state.addReplica({
    ownerID: 'demo-owner',
    name: 'Ada',
    slug: 'ada',
    shortDescription: 'A friendly demo replica',
    greeting: 'Hello! Ask me anything.',
    llm: { model: 'claude-haiku-4-5', memoryMode: 'rag-search', systemMessage: 'Be kind and brief.', tools: [], embeddingModel: 'multilingual-e5-large' }
  })

  const port = Number(process.env.PORT ?? 3000)
  const base = `http://127.0.0.1:${port}`
  // A real OpenID Connect provider on a random local port, with a login page that takes any name.
  const client = { client_id: 'sensay-bff-demo', client_secret: randomBytes(24).toString('hex') }
  const idp = await startIdentityProvider([{
    ...client,
    redirect_uris: [`${base}/auth/callback`],
    post_logout_redirect_uris: [`${base}/`],
    backchannel_logout_uri: `${base}/auth/backchannel-logout`
  }])
  const config = {
    // The rest of the environment (rate limits, CORS, Redis...) applies to the demo too.
    ...loadConfig({
      ...process.env,
      SENSAY_ORGANIZATION_SECRET: secret,
      SENSAY_ORGANIZATION_SECRET_FILE: '',
      SENSAY_BASE_URL: emulator.url,
      HOST: '127.0.0.1',
      PORT: String(port),
      AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: client.client_id,
      OIDC_CLIENT_SECRET: client.client_secret,
      OIDC_CLIENT_SECRET_FILE: '',
      PUBLIC_URL: base,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      SESSION_SECRET_FILE: '',
      PLAYGROUND: 'true'
    }),
    devAuth: true
  }
  await serve(config)
  process.stderr.write([
    '',
    `Playground: open ${base}/ (log in with any user name, or act as a dev user)`,
    '',
    `sensay-bff demo: ${base} -> Sensay emulator ${emulator.url} (dev auth: "Authorization: Bearer dev:<userId>")`,
    `Identity provider (any user name, any password): ${idp.issuer}`,
    '',
    'Log in with a browser session (the browser keeps only a cookie), then see who you are:',
    `  open ${base}/auth/login?returnTo=/auth/user`,
    '',
    'Chat with the demo replica:',
    `  curl -s ${base}/v1/replicas/${replica.uuid}/chat/completions -H 'Authorization: Bearer dev:alice' -H 'Content-Type: application/json' -d '{"content":"Hello!"}'`,
    'Stream the answer:',
    `  curl -N ${base}/v1/replicas/${replica.uuid}/chat/completions -H 'Authorization: Bearer dev:alice' -H 'Accept: text/event-stream' -H 'Content-Type: application/json' -d '{"content":"Tell me a story"}'`,
    'List replicas, browse the API:',
    `  curl -s ${base}/v1/replicas -H 'Authorization: Bearer dev:alice'`,
    `  open ${base}/docs`,
    ''
  ].join('\n') + '\n')
}

if (process.argv[1] && import.meta.url === new URL(process.argv[1], 'file://').href) demo().catch(fail)
