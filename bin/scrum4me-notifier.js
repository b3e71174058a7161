#!/usr/bin/env node
// Runs the built CLI. `npm install` builds it (the `prepare` script); `npm run build` rebuilds it.
import { existsSync } from 'node:fs'

const cli = new URL('../out/main/cli.js', import.meta.url)
if (!existsSync(cli)) {
  process.stderr.write('scrum4me-notifier: not built yet; run `npm run build` in the project folder first\n')
  process.exit(1)
}
await import(cli.href)
