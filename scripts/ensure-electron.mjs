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
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

// npm runs scripts from the package root; resolve `electron` from there.
const require = createRequire(join(process.cwd(), 'package.json'))
const electronDir = dirname(require.resolve('electron/package.json'))
const installed = () => existsSync(join(electronDir, 'path.txt'))

const skip = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
if (skip && skip !== '0' && skip !== 'false') {
  if (installed()) process.exit(0)
  console.error(
    'ensure-electron: ELECTRON_SKIP_BINARY_DOWNLOAD is set, so the Electron binary is not downloaded, ' +
      'and the app cannot start without it. Unset it and run this command again, or fetch the binary once ' +
      'with `npx install-electron`.',
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
