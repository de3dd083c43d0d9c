import { spawn, spawnSync } from 'node:child_process'
import { createInterface } from 'node:readline'

/** Whether a Docker engine answers here, and if not, why (the reason a skipped test names). */
export function dockerEngine (): { ok: true } | { ok: false, reason: string } {
  const info = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 20_000 })
  if (info.error !== undefined) return { ok: false, reason: `no docker CLI (${info.error.message})` }
  if (info.status !== 0) return { ok: false, reason: `no Docker engine answers (${info.stderr.trim().split('\n')[0] ?? ''}); CI starts one with ../shared/container/docker-here.sh` }
  return { ok: true }
}

export interface Run { status: number, stdout: string, stderr: string }

/** Runs the docker CLI (or `docker compose`) and resolves with what it printed; never rejects on a non-zero exit. */
export function docker (args: string[], options: { env?: Record<string, string>, timeoutMs?: number, cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => { stdout += chunk })
    child.stderr.on('data', (chunk) => { stderr += chunk })
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
    child.once('error', reject)
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ status: code ?? -1, stdout, stderr })
    })
  })
}

/** Like docker(), but a non-zero exit throws with what the CLI said. */
export async function dockerOk (args: string[], options: Parameters<typeof docker>[1] = {}): Promise<string> {
  const run = await docker(args, options)
  if (run.status !== 0) throw new Error(`docker ${args.join(' ')} exited ${run.status}: ${run.stderr.slice(-2000)}`)
  return run.stdout.trim()
}

/**
 * Resolves when the engine reports `event` for a container (health_status:
 * healthy, die, ...): Docker's own event stream, not a polling loop; with
 * `since`, events from that time on count, even those before this call.
 */
export function dockerEvent (container: string, event: string, until: (status: string) => boolean = () => true, timeoutMs = 60_000, since?: string): { promise: Promise<string>, cancel: () => void } {
  // --since replays what happened before this call: an event that came first is not missed.
  const args = ['events', '--filter', `container=${container}`, '--filter', `event=${event}`, '--format', '{{.Status}}', ...(since === undefined ? [] : ['--since', since])]
  const child = spawn('docker', args, { stdio: ['ignore', 'pipe', 'ignore'] })
  let timer: NodeJS.Timeout | undefined
  const promise = new Promise<string>((resolve, reject) => {
    timer = setTimeout(() => { child.kill(); reject(new Error(`no ${event} event for ${container} in ${timeoutMs} ms`)) }, timeoutMs)
    const lines = createInterface({ input: child.stdout })
    lines.on('line', (status) => {
      if (!until(status)) return
      clearTimeout(timer)
      lines.close()
      child.kill()
      resolve(status)
    })
  })
  return { promise, cancel: () => { clearTimeout(timer); child.kill() } }
}

/** The container's State (exit code, health) from `docker inspect`. */
export async function containerState (container: string): Promise<{ Status: string, ExitCode: number, Health?: { Status: string } }> {
  return JSON.parse(await dockerOk(['inspect', '--format', '{{json .State}}', container])) as { Status: string, ExitCode: number, Health?: { Status: string } }
}
