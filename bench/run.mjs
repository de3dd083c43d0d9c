// `npm run bench`: builds, then measures the BFF against the emulator on this
// machine. Not a test: numbers, not assertions. Results go in the README.
import os from 'node:os'
import { printStreamBench, streamBench } from './streams.mjs'
import { printThroughputBench, throughputBench } from './throughput.mjs'

const only = process.argv[2]
console.log(`sensay-bff benchmark: node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`)
// The machine's state: other work on this small VM moves every figure, the ratios least.
const [load1, load5] = os.loadavg()
console.log(`load average before the run: ${load1.toFixed(2)} (1 min), ${load5.toFixed(2)} (5 min)`)
if (load1 > 0.25 * os.cpus().length) {
  console.log(`WARNING: other processes are using CPU (load ${load1.toFixed(2)} on ${os.cpus().length} CPUs): absolute figures will be low; compare the BFF/reference ratios, and rerun when idle`)
}
if (!only || only === 'throughput') printThroughputBench(await throughputBench())
if (only === 'chat') printThroughputBench(await throughputBench({ only: ['chat completion (POST, JSON)', 'chat completion, session cookie', 'chat, Sensay stream (SSE)', 'chat, AI SDK useChat (stream)', 'chat, OpenAI stream'], fixed: false }))
// `npm run bench scenario 'list replicas' ...`: the named scenarios alone (for profiling with BENCH_NODE_ARGS).
if (only === 'scenario') printThroughputBench(await throughputBench({ only: process.argv.slice(3), fixed: false }))
if (only === 'latency') printThroughputBench(await throughputBench({ only: [], fixed: true }))
if (!only || only === 'streams') printStreamBench(await streamBench())
// `npm run bench hostile`: a hostile upstream (16 MB parts, byte-by-byte parts, empty, JSON, leaking error parts,
// no finish) against the BFF's own process, with /healthz, RSS and a bystander's chat measured throughout.
if (only === 'hostile') await import('./hostile-upstream.mjs')
// `npm run bench instructions`: instructions per request under callgrind, the A/B figure that does not swing with the VM.
if (only === 'instructions') await import('./instructions.mjs')
process.exit(0)
