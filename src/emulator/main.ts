import { startEmulator, streamFormatFrom } from './emulator.js'

/**
 * The emulator as a standalone server (docker compose's `emulator` profile):
 * SENSAY_ORGANIZATION_SECRET, HOST and PORT from the environment, one public
 * demo replica seeded. For local work only; it keeps everything in memory.
 */
export async function main (): Promise<void> {
  const secret = process.env.SENSAY_ORGANIZATION_SECRET
  if (!secret) {
    process.stderr.write('Invalid configuration: SENSAY_ORGANIZATION_SECRET is required by the emulator\n')
    process.exit(1)
  }
  const emulator = await startEmulator({
    organizationSecret: secret,
    host: process.env.HOST ?? '0.0.0.0',
    port: Number(process.env.PORT ?? 4000),
    streamChunkDelayMs: Number(process.env.EMULATOR_CHUNK_DELAY_MS ?? 40),
    streamFormat: streamFormatFrom(process.env.EMULATOR_STREAM_FORMAT)
  })
  emulator.state.addUser('demo-owner', { name: 'Demo Owner' })
  const replica = emulator.state.addReplica({ ownerID: 'demo-owner', name: 'Ada', slug: 'ada', shortDescription: 'A friendly demo replica', greeting: 'Hello!' })
  process.stdout.write(`${JSON.stringify({ msg: 'Sensay emulator listening', url: emulator.url, demoReplica: replica.uuid })}\n`)
  const stop = () => { emulator.close().then(() => process.exit(0), () => process.exit(1)) }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

if (process.argv[1] && import.meta.url === new URL(process.argv[1], 'file://').href) {
  main().catch((err) => {
    process.stderr.write(`emulator failed to start: ${(err as Error).message}\n`)
    process.exit(1)
  })
}
