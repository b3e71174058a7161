// Runs the SSE test server as a child process: crash it (SIGKILL), hang it (SIGSTOP), restart it on its port.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import type { FaultSettings } from './sse-faults'
import { FAULTS_PATH, type SseServerStats, type SseTestServerOptions, STATS_PATH } from './sse-test-server'

export interface SseServerProcess {
  readonly port: number
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string
  /** The current child's pid; it changes on restart(). */
  readonly pid: number
  /** Sends `signal` (default SIGKILL) and resolves when the child has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>
  /** SIGSTOP: the server hangs with every socket open. */
  freeze(): void
  /** SIGCONT. */
  thaw(): void
  /** Stops the current child if it still runs, then starts a new one on the same port. */
  restart(): Promise<void>
  setFaults(settings: FaultSettings): Promise<void>
  stats(): Promise<SseServerStats>
  /** Graceful stop (SIGTERM: streams release their pg connections), SIGKILL after 3 s. */
  stop(): Promise<void>
}

const ENTRY = fileURLToPath(new URL('./sse-server-main.ts', import.meta.url))
const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url))
const STARTUP_TIMEOUT_MS = 15_000
const STOP_GRACE_MS = 3_000
const ADMIN_TIMEOUT_MS = 5_000

// Children still running when the test process exits; a frozen one is thawed so that it can die.
const liveChildren = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of liveChildren) {
    child.kill('SIGCONT')
    child.kill('SIGKILL')
  }
})

export async function spawnSseTestServer(options: SseTestServerOptions): Promise<SseServerProcess> {
  const first = await launch(options)
  const port = first.port
  let child = first.child
  const origin = `http://127.0.0.1:${port}`

  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    if (!isRunning(child)) return
    const exited = once(child, 'exit')
    child.kill('SIGCONT')
    child.kill(signal)
    await exited
  }

  const stop = async (): Promise<void> => {
    if (!isRunning(child)) return
    const exited = once(child, 'exit')
    child.kill('SIGCONT')
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
    await exited
    clearTimeout(timer)
  }

  const admin = async (path: string, init?: RequestInit): Promise<Response> => {
    const response = await fetch(`${origin}${path}`, {
      ...init,
      signal: AbortSignal.timeout(ADMIN_TIMEOUT_MS),
    })
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`)
    return response
  }

  return {
    port,
    origin,
    get pid() {
      return child.pid ?? -1
    },
    kill,
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
    async restart() {
      await stop()
      child = (await launch({ ...options, port })).child
    },
    async setFaults(settings) {
      await admin(FAULTS_PATH, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(settings),
      })
    },
    stats: async () => (await (await admin(STATS_PATH)).json()) as SseServerStats,
    stop,
  }
}

async function launch(options: SseTestServerOptions): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, JSON.stringify(options)], {
    cwd: PROJECT_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  liveChildren.add(child)
  child.once('exit', () => liveChildren.delete(child))

  let stderr = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (text: string) => {
    stderr = (stderr + text).slice(-4_000)
    if (process.env.DEBUG_SSE_SERVER) process.stderr.write(text)
  })

  const port = await new Promise<number>((resolve, reject) => {
    let stdout = ''
    const settle = () => {
      clearTimeout(timer)
      child.off('exit', onEarlyExit)
      child.stdout?.off('data', onData)
      child.stdout?.resume()
    }
    const fail = (why: string) => {
      settle()
      child.kill('SIGKILL')
      reject(new Error(`SSE test server ${why}; stderr: ${stderr.trim() || '(empty)'}`))
    }
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited during startup (${code ?? signal})`)
    const onData = (text: string) => {
      stdout += text
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{"port":'))
      if (!line) return
      settle()
      resolve((JSON.parse(line) as { port: number }).port)
    }
    const timer = setTimeout(() => fail(`did not start within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS)
    child.once('exit', onEarlyExit)
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', onData)
  })
  return { child, port }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null
}
