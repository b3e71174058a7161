import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AnswerOutbox } from '../answers/answer-outbox'
import { checkCache } from './cache-check'
import { openDatabase } from './database'
import { QuestionStore } from './question-store'
import { damageRootPage, NOW, question, recordingLogger, tempDir } from './testing/fixtures'

let dir: string
let cleanup: () => void
beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
})
afterEach(() => cleanup())

const asideFiles = () => readdirSync(dir).filter((name) => name.includes('.corrupt-'))

/** 2000 open questions and one answer waiting to be sent for `q7`. */
function seed(file: string): void {
  const db = openDatabase(file, { log: recordingLogger().log })
  const store = new QuestionStore(db, { log: recordingLogger().log, now: () => NOW })
  store.applyBatch(Array.from({ length: 2000 }, (_, i) => ({ kind: 'opened', question: question(`q${i}`) })))
  new AnswerOutbox(db, () => NOW).enqueue('q7', { kind: 'option', option: 'Ja' })
  store.close()
}

describe('checkCache', () => {
  it('keeps a sound file and its connection, and says nothing', () => {
    const file = join(dir, 'cache.sqlite')
    seed(file)
    const { log, lines } = recordingLogger()
    const db = openDatabase(file, { log })
    expect(checkCache(file, db, { log })).toBe(db)
    expect(new QuestionStore(db, { log, now: () => NOW }).listOpen()).toHaveLength(2000)
    db.close()
    expect(asideFiles()).toEqual([])
    expect(lines).toEqual([])
  })

  it('moves a damaged file aside and rebuilds it, keeping a queued answer whose question no longer reads', () => {
    const file = join(dir, 'cache.sqlite')
    seed(file)
    damageRootPage(file, 'questions')
    const { log, lines } = recordingLogger()
    const damaged = openDatabase(file, { log })

    const rebuilt = checkCache(file, damaged, { log, now: () => NOW })
    expect(rebuilt).not.toBe(damaged)
    expect(damaged.open).toBe(false)
    expect(asideFiles()).toEqual(['cache.sqlite.corrupt-2026-11-29T10-00-00-000Z'])
    expect(rebuilt.pragma('quick_check', { simple: true })).toBe('ok')
    expect(new AnswerOutbox(rebuilt).pending().map(({ questionId }) => questionId)).toEqual(['q7'])
    expect(rebuilt.pragma('foreign_keys', { simple: true })).toBe(1)
    rebuilt.close()
    const warning = lines.find((line) =>
      line.includes('warn store: database file failed its integrity check'),
    )
    expect(warning).toContain('1 queued answer(s)')
  })
})
