// npm prestart / predev: fetch the Electron binary before electron-vite looks for it.
//
// Since Electron 42 the `electron` package downloads its binary lazily, the first time its index.js
// or cli.js runs. electron-vite does neither: it reads node_modules/electron/path.txt, which only that
// download writes, and stops with "Electron uninstall" when it is missing. So on a fresh clone
// `npm start` would never get to the download. This runs the package's own installer (its
// `install-electron` bin, install.js) first; that installer returns at once when the binary is there.
//
// ELECTRON_SKIP_BINARY_DOWNLOAD is honoured: it means "this install never runs Electron" (the tests and
// CI set it). Then nothing is downloaded, and a missing binary is reported here, naming the fix,
// instead of as electron-vite's bare "Electron uninstall".
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

// npm runs scripts from the package root; resolve `electron` from there.
const require = createRequire(join(process.cwd(), 'package.json'))
const electronDir = dirname(require.resolve('electron/package.json'))
const { version } = require('electron/package.json')

/** Where Electron's installer puts the executable, for the platform it installs for. */
function platformPath() {
  const platform =
    process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron'
  return platform === 'win32' ? 'electron.exe' : 'electron'
}

/**
 * Installed as Electron's own install.js decides it, so the two never disagree: the binary's
 * dist/version is the package's version, path.txt names this platform's executable, and that file
 * exists. path.txt alone also survives an upgrade of the package or a cut-off download.
 */
function installed() {
  const read = (file) => readFileSync(join(electronDir, file), 'utf8')
  try {
    if (read('dist/version').replace(/^v/, '') !== version || read('path.txt') !== platformPath())
      return false
  } catch {
    return false
  }
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist')
  return existsSync(join(dist, platformPath()))
}

const skip = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
if (skip && skip !== '0' && skip !== 'false') {
  if (installed()) process.exit(0)
  console.error(
    'ensure-electron: ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the Electron binary is not downloaded, ' +
      `and node_modules/electron holds no complete Electron ${version} binary; the app cannot start ` +
      'without it. Unset it and run this command again, or fetch the binary once with `npx install-electron`.',
  )
  process.exit(1)
}

const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' })
if (result.status !== 0 || !installed()) {
  console.error(
    'ensure-electron: the Electron binary could not be downloaded (see the error above). Check the ' +
      'network or proxy (ELECTRON_MIRROR sets another download site), then run this command again, ' +
      'or `npx install-electron`.',
  )
  process.exit(result.status || 1)
}
