// `scrum4me-notifier list`: the cached open questions, without any network.
import type { Question } from '@shared/question'
import type { Logger } from '../electron/main/log/logger'
import { cacheFileIn } from '../electron/main/store/cache-files'
import { openDatabase } from '../electron/main/store/database'
import { QuestionStore } from '../electron/main/store/question-store'
import { askedAgo, questionBody, whereOf } from './human-lines'
import type { Output } from './output'

export function list(dataDir: string, json: boolean, log: Logger, out: Output): void {
  const store = new QuestionStore(openDatabase(cacheFileIn(dataDir), { log }), { log })
  try {
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
  } finally {
    store.close()
  }
}

function describe(question: Question, now: number, out: Output): void {
  out.text(
    `${question.id} — ${whereOf(question)} — ${askedAgo(question.createdAt, now)}, expires ${question.expiresAt}`,
  )
  for (const line of questionBody(question)) out.text(line.text, line.indent)
}
