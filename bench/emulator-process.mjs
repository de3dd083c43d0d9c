// The emulator in a process of its own, so the load generator does not
// share its event loop with the upstream it measures.
import { startEmulator } from '../dist/emulator/emulator.js'

const emu = await startEmulator({
  organizationSecret: process.env.SECRET,
  streamChunkDelayMs: Number(process.env.CHUNK_DELAY_MS ?? 0),
  streamChunks: process.env.STREAM_CHUNKS ? Number(process.env.STREAM_CHUNKS) : undefined,
  streamFormat: process.env.STREAM_FORMAT ?? 'v4',
  recordCalls: false
})
emu.state.addUser('owner')
const replica = emu.state.addReplica({ ownerID: 'owner', name: 'Bench' })
for (let i = 0; i < Number(process.env.USERS ?? 0); i++) emu.state.addUser(`bench-user-${i}`)
console.log(JSON.stringify({ url: emu.url, replica: replica.uuid }))
process.on('SIGTERM', () => emu.close().then(() => process.exit(0)))
