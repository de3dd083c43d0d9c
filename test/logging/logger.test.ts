import pino from 'pino'
import type { FastifyBaseLogger } from 'fastify'
import { describe, expect, it } from 'vitest'
import { infoLineWriter, loggerOptions } from '../../src/logging/logger.js'

const SECRET = 'the-organization-secret'

function capture (level = 'info') {
  const lines: string[] = []
  // A synchronous destination: the lines are there when the call returns.
  const sink = { write: (line: string) => { lines.push(line); return true } }
  const logger = pino(loggerOptions(level, [SECRET]), sink) as unknown as FastifyBaseLogger
  return { logger, lines }
}

describe('the request line written without pino walking its keys', () => {
  it('is the line pino writes for the same fields, scrubbed the same', () => {
    const fields = { reqId: 'r-1', method: 'POST', route: '/v1/replicas/:replicaUUID/chat/completions', status: 200, ms: 1.25, ip: '127.0.0.1', upstreamRequestId: `echo ${SECRET} "quoted"`, stream: { protocol: 'v4', bytes: 3 }, msg: 'request' }
    const viaPino = capture()
    const { msg, ...rest } = fields
    viaPino.logger.info(rest, msg)
    const fast = capture()
    infoLineWriter(fast.logger)!({ ...fields })
    const strip = (line: string) => line.replace(/"time":\d+/, '"time":0')
    expect(fast.lines).toHaveLength(1)
    expect(strip(fast.lines[0]!)).toBe(strip(viaPino.lines[0]!))
    expect(fast.lines[0]).not.toContain(SECRET)
    expect(fast.lines[0]!.endsWith('}\n')).toBe(true)
  })

  it('is not offered when info lines are off', () => {
    expect(infoLineWriter(capture('warn').logger)).toBeUndefined()
  })
})
