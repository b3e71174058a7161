// `scrum4me-notifier list`: the cached open questions, without any network.
import type { Question } from '@shared/question'
import type { Logger } from '../electron/main/log/logger'
import { checkCache } from '../electron/main/store/cache-check'
import { cacheFileIn } from '../electron/main/store/cache-files'
import { isUnusableFile, openDatabase } from '../electron/main/store/database'
import { QuestionStore } from '../electron/main/store/question-store'
import { askedAgo, questionBody, whereOf } from './human-lines'
import type { Output } from './output'

/** Prints the list first; the cache's integrity check follows (store/cache-check.ts). */
export function list(dataDir: string, json: boolean, log: Logger, out: Output): void {
  const file = cacheFileIn(dataDir)
  let db = openDatabase(file, { log })
  let checked = false
  try {
    show(new QuestionStore(db, { log }), json, out)
  } catch (error) {
    // A damaged file can fail the read before its check: check (rebuild) now and list what is left.
    if (!isUnusableFile(error)) throw error
    db = checkCache(file, db, { log })
    checked = true
    show(new QuestionStore(db, { log }), json, out)
  } finally {
    if (!checked) db = checkCache(file, db, { log })
    db.close()
  }
}

function show(store: QuestionStore, json: boolean, out: Output): void {
  const questions = store.listOpen()
  const lastSyncedAt = store.lastConfirmedAt()
  if (json) {
    out.json({ lastSyncedAt, questions })
    return
  }
  out.text(
    lastSyncedAt ? `Last synced ${lastSyncedAt}` : 'Never synced: run `scrum4me-notifier watch` first.',
  )
  if (questions.length === 0) out.text('No open questions.')
  const now = Date.now()
  for (const question of questions) describe(question, now, out)
}

function describe(question: Question, now: number, out: Output): void {
  out.text(
    `${question.id} — ${whereOf(question)} — ${askedAgo(question.createdAt, now)}, expires ${question.expiresAt}`,
  )
  for (const line of questionBody(question)) out.text(line.text, line.indent)
}
