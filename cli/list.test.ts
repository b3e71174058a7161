// `list` on a damaged cache: the list comes out first, then the check moves the file aside and
// rebuilds it, so the next run reads a sound file with the same open questions.
import { readdirSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../electron/main/log/logger'
import { cacheFileIn } from '../electron/main/store/cache-files'
import { openDatabase } from '../electron/main/store/database'
import { QuestionStore } from '../electron/main/store/question-store'
import { damageRootPage, tempDir } from '../electron/main/store/testing/fixtures'
import { makeQuestion } from '../test/support/questions'
import { list } from './list'
import type { Output } from './output'

let dir: string
let cleanup: () => void
beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
})
afterEach(() => cleanup())

function listJson(): { questions: { id: string }[] } {
  const printed: unknown[] = []
  const out: Output = { json: (value) => printed.push(value), text: () => {}, complain: () => {} }
  list(dir, true, silentLogger, out)
  expect(printed).toHaveLength(1)
  return printed[0] as { questions: { id: string }[] }
}

describe('list', () => {
  it('prints a damaged cache first, then leaves a rebuilt one with the same open questions', () => {
    const store = new QuestionStore(openDatabase(cacheFileIn(dir), { log: silentLogger }), {
      log: silentLogger,
    })
    const open = Array.from({ length: 50 }, (_, i) => makeQuestion(`open-${i}`))
    const closed = Array.from({ length: 3000 }, (_, i) => makeQuestion(`closed-${i}`))
    store.applyBatch([...open, ...closed].map((question) => ({ kind: 'opened', question })))
    store.applyBatch(closed.map(({ id }) => ({ kind: 'left', id, status: 'answered' })))
    store.close()
    damageRootPage(cacheFileIn(dir), 'questions_closed_by_time')

    const first = listJson()
    expect(first.questions).toHaveLength(50)
    expect(readdirSync(dir).filter((name) => name.includes('.corrupt-'))).toHaveLength(1)
    const raw = new Database(cacheFileIn(dir), { readonly: true })
    expect(raw.pragma('quick_check', { simple: true })).toBe('ok')
    raw.close()
    expect(listJson()).toEqual(first)
  })
})
