// The built CLI loads only what its command needs: `watch` in SSE mode never loads pg, in pg mode
// never loads undici (bench/core-memory.ts measures what that saves).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawnJsonLines } from '../test/support/json-lines-process'
import { setUpSeededDatabase } from '../test/support/seeded-database'
import { type SseTestServer, startSseTestServer } from '../test/support/sse-test-server'

const BIN = fileURLToPath(new URL('../bin/scrum4me-notifier.js', import.meta.url))
const PROBE = fileURLToPath(new URL('../test/support/loaded-packages.mjs', import.meta.url))

const db = setUpSeededDatabase()
let server: SseTestServer
let dataDir: string
beforeEach(async () => {
  server = await startSseTestServer({ databaseUrl: db.url, credentials: { 'ann-token': db.world.users.ann } })
  dataDir = mkdtempSync(join(tmpdir(), 's4m-cli-footprint-'))
})
afterEach(async () => {
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Runs `watch` until connected, stops it, and returns the packages it had loaded. */
async function packagesLoadedBy(flags: string[]): Promise<string[]> {
  const run = spawnJsonLines(process.execPath, [
    '--import',
    PROBE,
    BIN,
    'watch',
    ...flags,
    '--data-dir',
    dataDir,
  ])
  try {
    await run.waitForLine('connected', (line) => line.type === 'state' && line.state === 'connected', 20_000)
  } finally {
    run.child.kill('SIGTERM')
  }
  expect(await run.exited).toBe(0)
  const report = run
    .stderr()
    .split('\n')
    .find((line) => line.startsWith('{"loadedPackages"'))
  if (!report) throw new Error(`no package report; stderr: ${run.stderr()}`)
  return (JSON.parse(report) as { loadedPackages: string[] }).loadedPackages
}

describe('watch loads only its own feed mode', () => {
  it('SSE mode: no pg, no undici', async () => {
    const loaded = await packagesLoadedBy(['--server', server.origin, '--token', 'ann-token'])
    expect(loaded).toContain('better-sqlite3')
    expect(loaded).not.toContain('pg')
    expect(loaded).not.toContain('undici')
  })

  it('pg mode: no undici', async () => {
    const loaded = await packagesLoadedBy(['--database', db.url, '--user', db.world.users.ann])
    expect(loaded).toContain('pg')
    expect(loaded).not.toContain('undici')
  })
})
