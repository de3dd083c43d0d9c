// `npm run bench`: builds, then measures the BFF against the emulator on this
// machine. Not a test: numbers, not assertions. Results go in the README.
import os from 'node:os'
import { printStreamBench, streamBench } from './streams.mjs'
import { printThroughputBench, throughputBench } from './throughput.mjs'

const only = process.argv[2]
console.log(`sensay-bff benchmark: node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`)
if (!only || only === 'throughput') printThroughputBench(await throughputBench())
if (only === 'chat') printThroughputBench(await throughputBench({ only: ['chat completion (POST, JSON)', 'chat completion, session cookie', 'chat, Sensay stream (SSE)', 'chat, AI SDK useChat (stream)'], fixed: false }))
if (only === 'latency') printThroughputBench(await throughputBench({ only: [], fixed: true }))
if (!only || only === 'streams') printStreamBench(await streamBench())
process.exit(0)
