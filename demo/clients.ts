// What the demo connects to its server: the CLI's `watch` (headless) or the desktop app, each a child
// process that stops on request and is killed if it does not.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DATA_DIR_ENV } from '../electron/main/lifecycle/data-dir-override'
import { SECRET_KEY } from '../electron/main/settings/import-secret'
import { SETTINGS_FILE } from '../electron/main/settings/settings-file'
import { PROJECT_ROOT } from '../test/support/app-build'

const CLI_ENTRY = join(PROJECT_ROOT, 'cli', 'main.ts')
const STOP_GRACE_MS = 10_000

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
  const args = ['watch', '--server', connection.serverUrl, '--data-dir', dataDir]
  return track(
    spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, ...args], {
      cwd: PROJECT_ROOT,
      // The token goes in the environment, not the arguments, where `ps` would show it.
      env: { ...process.env, SCRUM4ME_TOKEN: connection.token },
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
