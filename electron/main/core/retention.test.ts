// Retention in a running core: a changed setting applies at once, without a restart.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort } from '../../../test/support/free-port'
import { makeQuestion } from '../../../test/support/questions'
import { silentLogger } from '../log/logger'
import { cacheFileIn } from '../store/cache-files'
import { NotifierCore } from './notifier-core'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('NotifierCore retention', () => {
  it('drops closed questions older than a newly chosen retention, and keeps the rest', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 's4m-retention-'))
    // Nothing listens there: the core runs offline, which is all this needs.
    const serverUrl = `http://127.0.0.1:${await freePort()}`
    const core = new NotifierCore({
      feed: { kind: 'sse', serverUrl, auth: { kind: 'bearer', token: 't' } },
      dataDir,
      applicationName: 'retention-test',
      log: silentLogger,
      retentionDays: 30,
    })
    cleanups.push(async () => {
      await core.close()
      rmSync(dataDir, { recursive: true, force: true })
    })
    for (const id of ['ten-days', 'two-days', 'still-open'])
      core.store.apply({ kind: 'opened', question: makeQuestion(id) })
    for (const id of ['ten-days', 'two-days']) core.store.apply({ kind: 'left', id, status: 'answered' })
    const raw = new Database(cacheFileIn(dataDir))
    const age = raw.prepare('UPDATE questions SET closed_at = ? WHERE id = ?')
    age.run(new Date(Date.now() - 10 * 86_400_000).toISOString(), 'ten-days')
    age.run(new Date(Date.now() - 2 * 86_400_000).toISOString(), 'two-days')
    raw.close()

    core.start()
    expect(core.store.get('ten-days')).toBeDefined()
    core.setRetentionDays(7)
    expect(core.store.get('ten-days')).toBeUndefined()
    expect(core.store.get('two-days')).toBeDefined()
    expect(core.store.get('still-open')?.status).toBe('open')
  })
})
