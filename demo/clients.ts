// What the demo connects to its server: the CLI's `watch` (headless) or the desktop app, each a child
// process that stops on request and is killed if it does not.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DATA_DIR_ENV } from '../electron/main/lifecycle/data-dir-override'
import { SECRET_KEY } from '../electron/main/settings/import-secret'
import { SETTINGS_FILE } from '../electron/main/settings/settings-file'

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url))
const CLI_ENTRY = join(PROJECT_ROOT, 'cli', 'main.ts')
const STOP_GRACE_MS = 10_000
const require = createRequire(import.meta.url)

export interface Connection {
  serverUrl: string
  token: string
}

export interface DemoClient {
  /** Settles with the exit code (or the signal's name) once the process is gone. */
  readonly exited: Promise<number | string>
  /** SIGTERM (both close their connections on it), SIGKILL after a grace period. */
  stop(): Promise<void>
}

/** The headless CLI from source: JSON lines on our stdout, its log on our stderr. */
export function startWatch(connection: Connection, dataDir: string): DemoClient {
  const args = ['watch', '--server', connection.serverUrl, '--token', connection.token, '--data-dir', dataDir]
  return track(
    spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  )
}

/**
 * The built app in the Electron binary, as `npm start` runs it, on its own data folder that already
 * holds the connection (and its token, which the app keeps in memory there; see data-dir-override.ts).
 */
export function startApp(electron: string, connection: Connection, dataDir: string): DemoClient {
  mkdirSync(dataDir, { recursive: true })
  const settings = {
    connection: { kind: 'sse', serverUrl: connection.serverUrl, authKind: 'bearer' },
    [SECRET_KEY]: connection.token,
    // A demo must not add itself to the user's login items.
    openAtLogin: false,
  }
  writeFileSync(join(dataDir, SETTINGS_FILE), JSON.stringify(settings, null, 2))
  return track(
    spawn(electron, [PROJECT_ROOT], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, [DATA_DIR_ENV]: dataDir },
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  )
}

/** `electron-vite build`, as `npm start` does before it launches. */
export async function buildApp(): Promise<void> {
  const bin = join(PROJECT_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
  const build = spawn(process.execPath, [bin, 'build'], { cwd: PROJECT_ROOT, stdio: ['ignore', 2, 2] })
  const [code] = (await once(build, 'exit')) as [number | null]
  if (code !== 0) throw new Error(`electron-vite build failed (exit ${code})`)
}

/**
 * One better-sqlite3 build serves one runtime: Node for the CLI, Electron for the app. Returns
 * what to run when the installed build is the wrong one for `runtime`, else null.
 */
export function sqliteBuildProblem(runtime: 'node' | 'electron'): string | null {
  let loadsInNode = true
  try {
    const Database = require('better-sqlite3') as typeof import('better-sqlite3')
    new Database(':memory:').close()
  } catch {
    loadsInNode = false
  }
  if (runtime === 'node' && !loadsInNode)
    return 'better-sqlite3 is built for Electron, and the headless demo runs on Node: run `npm rebuild better-sqlite3` (and `npx electron-builder install-app-deps` to switch back for the app)'
  if (runtime === 'electron' && loadsInNode)
    return 'better-sqlite3 is built for Node, and the app runs on Electron: run `npx electron-builder install-app-deps` (and `npm rebuild better-sqlite3` to switch back for the CLI and the tests)'
  return null
}

function track(child: ChildProcess): DemoClient {
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))
    child.once('error', (error) => resolve(error.message))
  })
  return {
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
      await exited
      clearTimeout(timer)
    },
  }
}
