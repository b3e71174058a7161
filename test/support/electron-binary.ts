// Finds the Electron binary the way node_modules/electron/index.js does, but never downloads it:
// the demo and the end-to-end suite say what is missing and how to install it instead.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** The `electron` package's own installer (its `install-electron` bin). */
export const ELECTRON_INSTALL_COMMAND = 'npx install-electron'

export type ElectronBinary = { found: true; path: string } | { found: false; message: string }

const DEFAULT_EXECUTABLE: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
}

export function electronPackageDir(): string {
  return dirname(createRequire(import.meta.url).resolve('electron/package.json'))
}

export function findElectronBinary(
  packageDir = electronPackageDir(),
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): ElectronBinary {
  // path.txt is written by the installer: the executable's path inside the dist folder.
  const pathFile = join(packageDir, 'path.txt')
  const executable = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : (DEFAULT_EXECUTABLE[platform] ?? 'electron')
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist')
  const path = join(dist, executable)
  if (existsSync(path)) return { found: true, path }
  return {
    found: false,
    message:
      `The Electron binary is not installed (no ${path}). Install it with \`${ELECTRON_INSTALL_COMMAND}\` ` +
      '(it needs network access and Node 22.12+), then try again.',
  }
}
