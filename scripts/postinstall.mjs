// npm postinstall: rebuild native modules (better-sqlite3) for Electron's ABI, so that
// `npm install && npm start` launches the app. @napi-rs/keyring is Node-API and needs no rebuild.
//
// Skipped when ELECTRON_SKIP_BINARY_DOWNLOAD is set: that says "this install never runs Electron"
// (scripts/test.sh and CI set it), and the CLI and the test suite run on plain Node, which needs the
// Node-ABI build npm just installed. One better-sqlite3 build serves one runtime at a time.
//
// Why not "skip when the Electron binary is missing": electron 45 has no install script and downloads
// its binary lazily on first start (node_modules/electron/index.js), so on a fresh `npm install` it is
// always missing — that rule would never rebuild. install-app-deps itself needs only Electron's version
// and headers, not the binary. The binary is fetched later, by `npm start` / `npm run dev` themselves
// (scripts/ensure-electron.mjs), so an install that never starts the app never downloads it.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const skip = process.env.ELECTRON_SKIP_BINARY_DOWNLOAD
if (skip && skip !== '0' && skip !== 'false') {
  console.log(
    'postinstall: ELECTRON_SKIP_BINARY_DOWNLOAD is set; keeping Node-ABI native modules (CLI and tests)',
  )
  process.exit(0)
}

const cli = createRequire(import.meta.url).resolve('electron-builder/cli.js')
const result = spawnSync(process.execPath, [cli, 'install-app-deps'], { stdio: 'inherit' })
if (result.status !== 0) {
  console.error(
    'postinstall: rebuilding native modules for Electron failed. The app will not start; the CLI and tests ' +
      'still work after `npm rebuild better-sqlite3`. Install with ELECTRON_SKIP_BINARY_DOWNLOAD=1 to skip this step.',
  )
  process.exit(result.status ?? 1)
}
