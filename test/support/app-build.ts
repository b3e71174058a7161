// What launching the real app needs besides its binary (see electron-binary.ts): a fresh build of
// out/, and better-sqlite3 compiled for the runtime that will load it. Shared by the demo and e2e/.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url))
const require = createRequire(import.meta.url)

/** `electron-vite build`, as `npm start` does before it launches; its output goes to our stderr. */
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
    return 'better-sqlite3 is built for Electron, and this runs on Node: run `npm rebuild better-sqlite3` (and `npx electron-builder install-app-deps` to switch back for the app)'
  if (runtime === 'electron' && loadsInNode)
    return 'better-sqlite3 is built for Node, and the app runs on Electron: run `npx electron-builder install-app-deps` (and `npm rebuild better-sqlite3` to switch back for the CLI and the tests)'
  return null
}
