// The cache's integrity check runs after the first list (store/cache-check.ts): a damaged file is
// still found and rebuilt, and nothing the list showed or the outbox held is lost with it.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { freePort } from '../../../test/support/free-port'
import { makeQuestion } from '../../../test/support/questions'
import { AnswerOutbox } from '../answers/answer-outbox'
import { silentLogger } from '../log/logger'
import { cacheFileIn } from '../store/cache-files'
import { openDatabase } from '../store/database'
import { QuestionStore } from '../store/question-store'
import { damageRootPage, recordingLogger } from '../store/testing/fixtures'
import { NotifierCore } from './notifier-core'

const OPEN = 150
const CLOSED = 3000

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A cache with open questions (one already toasted), closed ones, and an answer still to send. */
function seedCache(dataDir: string): string[] {
  const db = openDatabase(cacheFileIn(dataDir), { log: silentLogger })
  const store = new QuestionStore(db, { log: silentLogger })
  const open = Array.from({ length: OPEN }, (_, i) =>
    makeQuestion(`open-${i}`, { createdAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString() }),
  )
  const closed = Array.from({ length: CLOSED }, (_, i) => makeQuestion(`closed-${i}`))
  store.applyBatch([...open, ...closed].map((question) => ({ kind: 'opened', question })))
  store.applyBatch(closed.map(({ id }) => ({ kind: 'left', id, status: 'answered' })))
  store.markNotified(['open-0'])
  new AnswerOutbox(db).enqueue('open-1', { kind: 'option', option: 'Mollie' })
  store.close()
  return open.map(({ id }) => id).reverse()
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe('NotifierCore: the deferred cache check', () => {
  it('lists a damaged cache first, then moves it aside and rebuilds it with the list and the outbox', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 's4m-cache-check-'))
    const openIds = seedCache(dataDir)
    // The closed questions' index: the list never reads it, quick_check does.
    damageRootPage(cacheFileIn(dataDir), 'questions_closed_by_time')
    const { log, lines } = recordingLogger()
    // Nothing listens there: the core runs offline, which is all this needs.
    const serverUrl = `http://127.0.0.1:${await freePort()}`
    const core = new NotifierCore({
      feed: { kind: 'sse', serverUrl, auth: { kind: 'bearer', token: 't' } },
      dataDir,
      applicationName: 'cache-check-test',
      log,
    })
    cleanups.push(async () => {
      await core.close()
      rmSync(dataDir, { recursive: true, force: true })
    })
    const asideFiles = () => readdirSync(dataDir).filter((name) => name.includes('.corrupt-'))

    const shown = core.listOpen()
    expect(shown.map(({ id }) => id)).toEqual(openIds)
    expect(asideFiles()).toEqual([])

    core.start()
    await until(() => asideFiles().length > 0, 'the damaged file to be moved aside')
    expect(lines.some((line) => line.includes('warn store: database file failed its integrity check'))).toBe(
      true,
    )
    expect(core.listOpen()).toEqual(shown)
    expect(core.store.get('open-0')?.notifiedAt).not.toBeNull()
    expect(core.outboxLength()).toBe(1)
    const raw = new Database(cacheFileIn(dataDir), { readonly: true })
    expect(raw.pragma('quick_check', { simple: true })).toBe('ok')
    raw.close()
  })
})
