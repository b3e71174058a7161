import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { applyDataDirOverride, DATA_DIR_ENV, type DataDirPorts } from './data-dir-override'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function recordingApp() {
  const calls: string[] = []
  const app: DataDirPorts = {
    setPath: (name, path) => {
      // Electron's own rule: the folder must exist.
      if (!existsSync(path)) throw new Error(`setPath(${name}): ${path} does not exist`)
      calls.push(`setPath ${name} ${path}`)
    },
    setAppLogsPath: (path) => {
      calls.push(`setAppLogsPath ${path}`)
    },
  }
  return { app, calls }
}

describe('applyDataDirOverride', () => {
  it('leaves every path alone when the variable is not set', () => {
    const { app, calls } = recordingApp()
    expect(applyDataDirOverride(app, {})).toBeNull()
    expect(applyDataDirOverride(app, { [DATA_DIR_ENV]: '' })).toBeNull()
    expect(calls).toEqual([])
  })

  it('creates the folder and points userData, sessionData and logs into it', () => {
    const root = mkdtempSync(join(tmpdir(), 's4m-datadir-'))
    dirs.push(root)
    const dir = join(root, 'not', 'there', 'yet')
    const { app, calls } = recordingApp()
    expect(applyDataDirOverride(app, { [DATA_DIR_ENV]: dir })).toBe(dir)
    expect(existsSync(dir)).toBe(true)
    expect(calls).toEqual([
      `setPath userData ${dir}`,
      `setPath sessionData ${dir}`,
      `setAppLogsPath ${join(dir, 'logs')}`,
    ])
  })
})
