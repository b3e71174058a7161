// `scrum4me-notifier list`: the cached open questions, without any network.
import type { Question } from '@shared/question'
import type { Logger } from '../electron/main/log/logger'
import { cacheFileIn } from '../electron/main/store/cache-files'
import { openDatabase } from '../electron/main/store/database'
import { QuestionStore } from '../electron/main/store/question-store'
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
    for (const question of questions) describe(question, out)
  } finally {
    store.close()
  }
}

function describe(question: Question, out: Output): void {
  const where = [question.productName, question.storyCode ?? question.ideaCode].filter(Boolean).join(' · ')
  out.text(`${question.id} — ${where} — expires ${question.expiresAt}`)
  out.text(question.text, 2)
  question.options?.forEach((option, index) => {
    out.text(`[${index + 1}] ${option}`, 2)
  })
}
