// `npm run e2e`: checks that the app can be launched here, builds it, then runs e2e/*.e2e.ts.
// Without the Electron binary it says how to install it and fails: it never passes by skipping.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { buildApp, PROJECT_ROOT, sqliteBuildProblem } from '../test/support/app-build'
import { findElectronBinary } from '../test/support/electron-binary'

/** Why the suite cannot run on this machine, or null. */
function launchProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  const electron = findElectronBinary(undefined, env)
  if (!electron.found) return electron.message
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY)
    return 'No display: run the suite under a display server, e.g. `xvfb-run npm run e2e`.'
  return sqliteBuildProblem('electron')
}

const problem = launchProblem()
if (problem) {
  process.stderr.write(`e2e: cannot run the end-to-end suite. ${problem}\n`)
  process.exit(1)
}
await buildApp()
const vitest = join(PROJECT_ROOT, 'node_modules', 'vitest', 'vitest.mjs')
const suite = spawn(process.execPath, [vitest, 'run', '--config', join('e2e', 'vitest.config.ts')], {
  cwd: PROJECT_ROOT,
  stdio: 'inherit',
})
const [code] = (await once(suite, 'exit')) as [number | null]
process.exit(code ?? 1)
