// Preloaded into a child process (`node --import`): as it exits, prints one JSON line on stderr
// naming every CommonJS npm package it loaded (pg, undici, better-sqlite3…), so a test can tell
// what a command pulled in.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
process.once('exit', () => {
  const packages = new Set()
  for (const path of Object.keys(require.cache)) {
    const at = path.lastIndexOf('node_modules')
    if (at < 0) continue
    const [first = '', second = ''] = path.slice(at + 'node_modules/'.length).split(/[\\/]/)
    packages.add(first.startsWith('@') ? `${first}/${second}` : first)
  }
  process.stderr.write(`${JSON.stringify({ loadedPackages: [...packages].sort() })}\n`)
})
