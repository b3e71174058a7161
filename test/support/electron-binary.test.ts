import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ELECTRON_INSTALL_COMMAND, findElectronBinary } from './electron-binary'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function packageDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 's4m-electron-pkg-'))
  dirs.push(dir)
  return dir
}

describe('findElectronBinary', () => {
  it('names the install command when nothing was downloaded', () => {
    const found = findElectronBinary(packageDir(), {}, 'linux')
    expect(found).toEqual({ found: false, message: expect.stringContaining(ELECTRON_INSTALL_COMMAND) })
  })

  it('reads the executable from path.txt, as the electron package does', () => {
    const dir = packageDir()
    writeFileSync(join(dir, 'path.txt'), 'Electron.app/Contents/MacOS/Electron')
    mkdirSync(join(dir, 'dist', 'Electron.app', 'Contents', 'MacOS'), { recursive: true })
    writeFileSync(join(dir, 'dist', 'Electron.app', 'Contents', 'MacOS', 'Electron'), '')
    expect(findElectronBinary(dir, {}, 'darwin')).toEqual({
      found: true,
      path: join(dir, 'dist', 'Electron.app', 'Contents', 'MacOS', 'Electron'),
    })
  })

  it('honours ELECTRON_OVERRIDE_DIST_PATH and reports a missing binary there', () => {
    const dir = packageDir()
    const override = join(dir, 'elsewhere')
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: override }, 'win32')).toMatchObject({
      found: false,
      message: expect.stringContaining(join(override, 'electron.exe')),
    })
    mkdirSync(override)
    writeFileSync(join(override, 'electron.exe'), '')
    expect(findElectronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: override }, 'win32')).toEqual({
      found: true,
      path: join(override, 'electron.exe'),
    })
  })
})
