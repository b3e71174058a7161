// `scrum4me-notifier list`: the cached open questions, without any network.
import { join } from 'node:path'
import type { Question } from '@shared/question'
import { singleLine } from '@shared/single-line'
import { DATABASE_FILE } from '../electron/main/core/notifier-core'
import type { Logger } from '../electron/main/log/logger'
import { openDatabase } from '../electron/main/store/database'
import { QuestionStore } from '../electron/main/store/question-store'

export function list(dataDir: string, json: boolean, log: Logger, print: (line: string) => void): void {
  const store = new QuestionStore(openDatabase(join(dataDir, DATABASE_FILE), { log }), { log })
  try {
    const questions = store.listOpen()
    const lastSyncedAt = store.lastConfirmedAt()
    if (json) {
      print(JSON.stringify({ lastSyncedAt, questions }))
      return
    }
    print(lastSyncedAt ? `Last synced ${lastSyncedAt}` : 'Never synced: run `scrum4me-notifier watch` first.')
    if (questions.length === 0) print('No open questions.')
    for (const question of questions) print(describe(question))
  } finally {
    store.close()
  }
}

function describe(question: Question): string {
  const where = [question.productName, question.storyCode ?? question.ideaCode].filter(Boolean).join(' · ')
  const lines = [
    `${question.id}  ${where}  (expires ${question.expiresAt})`,
    `  ${singleLine(question.text)}`,
  ]
  question.options?.forEach((option, index) => {
    lines.push(`  [${index + 1}] ${singleLine(option)}`)
  })
  return lines.join('\n')
}
