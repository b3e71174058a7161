// The one path of `npm run e2e` this machine can run: without the Electron binary it must fail,
// say so and name the install command, before building anything or starting the suite.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../test/support/app-build'
import { ELECTRON_INSTALL_COMMAND } from '../test/support/electron-binary'
import { spawnJsonLines } from '../test/support/json-lines-process'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** An Electron dist folder with nothing in it: the binary is missing whatever this machine has. */
function withoutElectron(): NodeJS.ProcessEnv {
  const empty = mkdtempSync(join(tmpdir(), 's4m-no-electron-'))
  dirs.push(empty)
  return { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty }
}

describe('npm run e2e without the Electron binary', () => {
  it('fails with a message naming the install command, and runs no build and no suite', async () => {
    const run = spawnJsonLines(process.execPath, ['--import', 'tsx', join('e2e', 'run.ts')], {
      cwd: PROJECT_ROOT,
      env: withoutElectron(),
    })
    expect(await run.exited).toBe(1)
    expect(run.stderr()).toMatch(
      /^e2e: cannot run the end-to-end suite\. The Electron binary is not installed/,
    )
    expect(run.stderr()).toContain(`\`${ELECTRON_INSTALL_COMMAND}\``)
    // Neither electron-vite's build nor vitest got as far as printing anything.
    expect(run.stderr().trim().split('\n')).toHaveLength(1)
    expect(run.lines).toEqual([])
  })
})
