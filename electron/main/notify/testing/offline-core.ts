// A real core that is offline (nothing listens on its feed address), so answers from a toast wait
// in its SQLite outbox, where a test reads them back.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AnswerOutbox } from '../../answers/answer-outbox'
import { NotifierCore } from '../../core/notifier-core'
import { silentLogger } from '../../log/logger'
import { cacheFileIn } from '../../store/cache-files'
import { openDatabase } from '../../store/database'

/** `cleanup` receives the removal of the core's data folder. */
export function offlineCore(name: string, cleanup: (remove: () => void) => void) {
  const dir = mkdtempSync(join(tmpdir(), `s4m-${name}-`))
  cleanup(() => rmSync(dir, { recursive: true, force: true }))
  const core = new NotifierCore({
    feed: { kind: 'pg', connectionString: 'postgres://ann@127.0.0.1:1/scrum4me', userId: 'ann' },
    dataDir: dir,
    applicationName: `${name}-test`,
    log: silentLogger,
    answerWaitMs: 100,
  })
  core.setOnline(false)
  return { core, dir }
}

/** The answers waiting in the outbox of the core that used `dir`. */
export function pendingAnswers(dir: string) {
  const db = openDatabase(cacheFileIn(dir), { log: silentLogger })
  try {
    return new AnswerOutbox(db).pending().map(({ questionId, answer }) => ({ questionId, answer }))
  } finally {
    db.close()
  }
}
