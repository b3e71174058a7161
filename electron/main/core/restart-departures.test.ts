// A pg-mode app that was not running while questions were answered: at the next start the cache
// still holds them open, and the first snapshot lacks them. Their rows say how they left; the
// core reports that, not a guessed `closed`. Real PostgreSQL, the real core, the same data dir.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { sleep } from '../../../test/support/feed-harness'
import { insertQuestion, setQuestionStatus } from '../../../test/support/fixtures'
import { withClient } from '../../../test/support/pg-client'
import { setUpSeededDatabase } from '../../../test/support/seeded-database'
import { silentLogger } from '../log/logger'
import type { QuestionEvent } from '../store/question-store'
import { NotifierCore } from './notifier-core'

const db = setUpSeededDatabase()
const cores: NotifierCore[] = []
let dataDir: string | null = null

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  dataDir = null
})

function startCore(dir: string, events: QuestionEvent[] = []): NotifierCore {
  const core = new NotifierCore({
    feed: { kind: 'pg', connectionString: db.url, userId: db.world.users.ann },
    dataDir: dir,
    applicationName: 'restart-departures-test',
    log: silentLogger,
    timing: { policy: { baseMs: 100, capMs: 500, floorMs: 20, connectTimeoutMs: 2000 } },
  })
  cores.push(core)
  core.onQuestions((batch) => events.push(...batch))
  core.start()
  return core
}

async function until(what: string, predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

it('reports questions answered or cancelled while the app was closed with their real status', async () => {
  const ask = () =>
    insertQuestion(db.url, {
      productId: db.world.products.alpha,
      storyId: db.world.stories.st101,
      askedBy: db.world.users.bob,
    })
  const [answered, cancelled, deleted, stillOpen] = [await ask(), await ask(), await ask(), await ask()]
  dataDir = mkdtempSync(join(tmpdir(), 's4m-restart-'))
  const first = startCore(dataDir)
  const mine = [answered, cancelled, deleted, stillOpen]
  await until('the open set', () => mine.every((id) => first.listOpen().some((q) => q.id === id)))
  await first.close()
  cores.splice(0)

  await setQuestionStatus(db.url, answered, 'answered')
  await setQuestionStatus(db.url, cancelled, 'cancelled')
  await withClient(db.url, (client) => client.query('DELETE FROM claude_questions WHERE id = $1', [deleted]))

  const events: QuestionEvent[] = []
  const second = startCore(dataDir, events)
  await until('the departures', () => !second.listOpen().some((q) => q.id === answered || q.id === deleted))
  const closed = (id: string) => events.filter((e) => e.type === 'closed' && e.id === id)
  expect(closed(answered)).toEqual([{ type: 'closed', id: answered, status: 'answered' }])
  expect(closed(cancelled)).toEqual([{ type: 'closed', id: cancelled, status: 'cancelled' }])
  // No row left to ask.
  expect(closed(deleted)).toEqual([{ type: 'closed', id: deleted, status: 'closed' }])
  expect(closed(stillOpen)).toEqual([])
  expect(second.store.get(answered)?.status).toBe('answered')
})
