// A separate data folder for one run (the demo, the end-to-end suite): settings, cache, logs and the
// browser session all live under it, so such a run never reads or writes the user's own app data.
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { App } from 'electron'

export const DATA_DIR_ENV = 'SCRUM4ME_NOTIFIER_DATA_DIR'

export type DataDirPorts = Pick<App, 'setPath' | 'setAppLogsPath'>

/**
 * Points Electron's userData, sessionData and logs at `$SCRUM4ME_NOTIFIER_DATA_DIR` when it is set.
 * Must run before `requestSingleInstanceLock()` (the lock is scoped to userData, so a demo runs beside
 * the real app) and before `ready` (sessionData is read then). Returns the folder, or null.
 */
export function applyDataDirOverride(app: DataDirPorts, env: NodeJS.ProcessEnv): string | null {
  const raw = env[DATA_DIR_ENV]
  if (!raw) return null
  const dir = resolve(raw)
  // setPath throws for a folder that does not exist.
  mkdirSync(dir, { recursive: true })
  app.setPath('userData', dir)
  app.setPath('sessionData', dir)
  app.setAppLogsPath(join(dir, 'logs'))
  return dir
}
