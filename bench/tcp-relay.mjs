// A control for the fixed-rate latency mode: a raw TCP relay (no HTTP parsing,
// one upstream connection per client connection), to tell what a network hop
// itself adds on this machine from what an HTTP proxy adds.
import net from 'node:net'

const upstream = new URL(process.env.UPSTREAM)
const server = net.createServer((client) => {
  const up = net.connect(Number(upstream.port), upstream.hostname)
  client.setNoDelay(true)
  up.setNoDelay(true)
  client.pipe(up).pipe(client)
  const end = () => { client.destroy(); up.destroy() }
  for (const socket of [client, up]) socket.on('error', end).on('close', end)
})
server.listen(0, '127.0.0.1', () => console.log(`Server listening at http://127.0.0.1:${server.address().port}`))
process.on('SIGTERM', () => process.exit(0))
