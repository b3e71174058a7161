import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FeedUpdate } from '../feed/transport'
import { type Logger, silentLogger } from '../log/logger'
import { openDatabase } from './database'
import { QuestionStore } from './question-store'
import { countWalCommits, NOW, question, recordingLogger, tempDir } from './testing/fixtures'

const DAY_MS = 86_400_000

let dir: string
let cleanup: () => void
let file: string
let now: number
const open: QuestionStore[] = []

beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
  file = join(dir, 'cache.sqlite')
  now = NOW
})
afterEach(() => {
  for (const store of open.splice(0)) store.close()
  cleanup()
})

function openStore(options: { log?: Logger; busyTimeoutMs?: number } = {}): QuestionStore {
  const log = options.log ?? silentLogger
  const store = new QuestionStore(openDatabase(file, { log, busyTimeoutMs: options.busyTimeoutMs }), {
    log,
    now: () => now,
  })
  open.push(store)
  return store
}

function restart(store: QuestionStore): QuestionStore {
  open.splice(open.indexOf(store), 1)
  store.close()
  return openStore()
}

const snapshot = (...ids: string[]): FeedUpdate => ({
  kind: 'snapshot',
  questions: ids.map((id) => question(id)),
})
const opened = (id: string): FeedUpdate => ({ kind: 'opened', question: question(id) })
const ids = (store: QuestionStore) => store.listOpen().map((q) => q.id)

describe('QuestionStore: novelty, closing and local expiry', () => {
  it('reports a question once, however often snapshots and updates replay it', () => {
    const store = openStore()
    expect(store.apply(snapshot('a', 'b'))).toHaveLength(2)
    expect(store.apply(snapshot('a', 'b'))).toEqual([])
    expect(store.apply(opened('a'))).toEqual([])
    expect(store.apply(opened('c'))).toEqual([{ type: 'question', question: question('c') }])
  })

  it('closes questions missing from a snapshot, and those that left with a status', () => {
    const store = openStore()
    store.apply(snapshot('a', 'b', 'c'))
    expect(store.apply({ kind: 'left', id: 'a', status: 'answered' })).toEqual([
      { type: 'closed', id: 'a', status: 'answered' },
    ])
    expect(store.apply({ kind: 'left', id: 'a', status: 'answered' })).toEqual([])
    expect(store.apply(snapshot('c'))).toEqual([{ type: 'closed', id: 'b', status: 'closed' }])
  })

  it('expires questions locally when their time is up', () => {
    const store = openStore()
    store.apply({ kind: 'snapshot', questions: [question('a', { expiresInMs: 1000 }), question('b')] })
    expect(store.expire()).toEqual([])
    now += 1000
    expect(store.expire()).toEqual([{ type: 'closed', id: 'a', status: 'expired' }])
    expect(store.expire()).toEqual([])
    expect(store.apply({ kind: 'opened', question: question('z', { expiresInMs: -1 }) })).toEqual([])
    expect(ids(store)).toEqual(['b'])
    expect(store.get('z')).toBeUndefined()
  })
})

describe('QuestionStore novelty', () => {
  it('stays quiet for replayed snapshots, reconnect replays and a restart', () => {
    let store = openStore()
    expect(store.apply(snapshot('a', 'b', 'c'))).toHaveLength(3)
    expect(store.apply(snapshot('a', 'b', 'c'))).toEqual([])
    // A reconnect: the same snapshot again, then the live updates it already contained.
    expect(store.applyBatch([snapshot('c', 'b', 'a'), opened('a'), opened('b')])).toEqual([])
    store = restart(store)
    expect(store.apply(snapshot('a', 'b', 'c'))).toEqual([])
    expect(store.apply(opened('c'))).toEqual([])
    expect(ids(store).sort()).toEqual(['a', 'b', 'c'])
  })

  it('reports an answered question that reopens exactly once, also after a restart', () => {
    let store = openStore()
    store.apply(snapshot('a'))
    store.apply({ kind: 'left', id: 'a', status: 'answered' })
    expect(store.apply(snapshot('a'))).toEqual([{ type: 'question', question: question('a') }])
    expect(store.apply(snapshot('a'))).toEqual([])
    expect(store.apply(opened('a'))).toEqual([])

    store.apply({ kind: 'left', id: 'a', status: 'cancelled' })
    store = restart(store)
    expect(store.apply(opened('a'))).toEqual([{ type: 'question', question: question('a') }])
    store = restart(store)
    expect(store.apply(snapshot('a'))).toEqual([])
  })

  it('never reports a question again that was notified, closed and came back open', () => {
    let store = openStore()
    store.apply(snapshot('a', 'b'))
    store.markNotified(['a'])
    // A frame closes both (e.g. a forged one); the next snapshot has them open again.
    store.applyBatch([
      { kind: 'left', id: 'a', status: 'answered' },
      { kind: 'left', id: 'b', status: 'answered' },
    ])
    expect(store.apply(snapshot('a', 'b'))).toEqual([
      { type: 'reopened', question: question('a') },
      { type: 'question', question: question('b') },
    ])
    expect(ids(store).sort()).toEqual(['a', 'b'])
    store.apply({ kind: 'left', id: 'a', status: 'closed' })
    store = restart(store)
    expect(store.apply(opened('a'))).toEqual([{ type: 'reopened', question: question('a') }])
  })

  it('stores edits of an open question without an event', () => {
    const store = openStore()
    store.apply(snapshot('a'))
    const edited = { ...question('a'), text: 'edited', options: null, context: { pr_url: 'https://x/1' } }
    expect(store.apply({ kind: 'opened', question: edited })).toEqual([])
    expect(store.get('a')?.question).toEqual(edited)
  })
})

describe('QuestionStore reconciliation and expiry', () => {
  it('closes open rows a snapshot lacks (expired when past expires_at) and records the confirmation', () => {
    const store = openStore()
    expect(store.lastConfirmedAt()).toBeNull()
    store.apply({
      kind: 'snapshot',
      questions: [question('keep'), question('gone'), question('late', { expiresInMs: 500 })],
    })
    now += 1000
    expect(store.apply(snapshot('keep'))).toEqual([
      { type: 'closed', id: 'gone', status: 'closed' },
      { type: 'closed', id: 'late', status: 'expired' },
    ])
    expect(store.lastConfirmedAt()).toBe(new Date(now).toISOString())
    expect(store.get('gone')).toMatchObject({ status: 'closed', closedAt: new Date(now).toISOString() })
    expect(store.get('late')?.status).toBe('expired')
    expect(store.get('keep')).toMatchObject({ status: 'open', lastConfirmedAt: new Date(now).toISOString() })
  })

  it('does not close older questions a full (capped) snapshot may have cut off', () => {
    const store = openStore()
    const old = question('old', { ageMs: 10 * 60_000 })
    const recent = Array.from({ length: 100 }, (_, i) => question(`r${i}`, { ageMs: 1000 + i }))
    store.apply({ kind: 'snapshot', questions: [old, question('gone', { ageMs: 500 })] })
    expect(store.apply({ kind: 'snapshot', questions: recent }).filter((e) => e.type === 'closed')).toEqual([
      { type: 'closed', id: 'gone', status: 'closed' },
    ])
    expect(store.get('old')?.status).toBe('open')
  })

  it('records our accepted answer and closes the question once', () => {
    const store = openStore()
    store.apply(snapshot('a'))
    expect(store.recordAnswer('a', 'Ja')).toEqual([{ type: 'closed', id: 'a', status: 'answered' }])
    expect(store.recordAnswer('a', 'Ja')).toEqual([])
    expect(store.get('a')).toMatchObject({
      status: 'answered',
      answer: 'Ja',
      answeredAt: new Date(now).toISOString(),
    })
    expect(store.apply({ kind: 'left', id: 'a', status: 'answered' })).toEqual([])
  })

  it('keeps the server status of a question it had closed itself, without a second event', () => {
    const store = openStore()
    store.apply(snapshot('a'))
    store.apply(snapshot())
    expect(store.apply({ kind: 'left', id: 'a', status: 'answered' })).toEqual([])
    expect(store.get('a')?.status).toBe('answered')
  })

  it('lists open questions newest first and hides those past expires_at before the sweep', () => {
    const store = openStore()
    store.apply({
      kind: 'snapshot',
      questions: [
        question('old', { ageMs: 3000 }),
        question('new', { ageMs: 1000 }),
        question('mid', { ageMs: 2000, expiresInMs: 500 }),
      ],
    })
    expect(ids(store)).toEqual(['new', 'mid', 'old'])
    now += 500
    expect(ids(store)).toEqual(['new', 'old'])
  })

  it('reads the open list through the partial index', () => {
    const store = openStore()
    store.close()
    open.length = 0
    const db = new Database(file)
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT * FROM questions WHERE status = 'open' AND expires_at > ? ORDER BY created_at DESC",
      )
      .all('x') as { detail: string }[]
    db.close()
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/USING INDEX questions_open_by_created/)
    expect(plan.map((row) => row.detail).join('\n')).not.toMatch(/TEMP B-TREE/)
  })
})

describe('QuestionStore bookkeeping', () => {
  it('marks questions notified and seen once; a reopened question is unseen but stays notified', () => {
    const store = openStore()
    store.apply(snapshot('a', 'b'))
    store.markNotified(['a', 'b'])
    store.markSeen(['a'])
    const firstMark = new Date(now).toISOString()
    now += 1000
    store.markNotified(['a'])
    expect(store.get('a')).toMatchObject({ notifiedAt: firstMark, seenAt: firstMark })
    expect(store.get('b')).toMatchObject({ notifiedAt: firstMark, seenAt: null })

    store.apply({ kind: 'left', id: 'a', status: 'answered' })
    store.apply(opened('a'))
    expect(store.get('a')).toMatchObject({
      status: 'open',
      notifiedAt: firstMark,
      seenAt: null,
      closedAt: null,
    })
  })

  it('prunes closed questions after the retention period, never open ones or ones with a queued answer', () => {
    const store = openStore()
    store.apply(snapshot('open', 'closed-long-ago', 'closed-recently', 'queued'))
    store.apply({ kind: 'left', id: 'closed-long-ago', status: 'answered' })
    store.apply({ kind: 'left', id: 'queued', status: 'answered' })
    now += 29 * DAY_MS
    store.apply({ kind: 'left', id: 'closed-recently', status: 'cancelled' })
    store.close()
    open.length = 0
    const raw = new Database(file)
    raw
      .prepare(
        "INSERT INTO outbox (id, question_id, answer, created_at) VALUES ('k1', 'queued', '\"Ja\"', 'x')",
      )
      .run()
    raw.close()

    const reopened = openStore()
    expect(reopened.pruneClosed()).toBe(0)
    now += 2 * DAY_MS
    expect(reopened.pruneClosed()).toBe(1)
    expect(reopened.get('closed-long-ago')).toBeUndefined()
    expect(reopened.get('queued')).toBeDefined()
    expect(reopened.pruneClosed(DAY_MS)).toBe(1)
    expect(reopened.get('closed-recently')).toBeUndefined()
    expect(reopened.get('open')?.status).toBe('open')
  })
})

describe('QuestionStore when writes fail (C15)', () => {
  it('keeps updates while another connection holds the write lock, and writes them once it is released', () => {
    const { log, lines } = recordingLogger()
    const store = openStore({ log, busyTimeoutMs: 20 })
    store.apply(snapshot('a'))
    const other = new Database(file)
    other.exec('BEGIN IMMEDIATE')

    expect(store.apply(opened('b'))).toEqual([])
    expect(store.apply({ kind: 'left', id: 'a', status: 'answered' })).toEqual([])
    expect(store.expire()).toEqual([])
    expect(ids(store)).toEqual(['a'])
    expect(lines.filter((line) => line.includes('error store: write failed'))).toHaveLength(3)

    other.exec('COMMIT')
    other.close()
    expect(store.apply(opened('c'))).toEqual([
      { type: 'question', question: question('b') },
      { type: 'closed', id: 'a', status: 'answered' },
      { type: 'question', question: question('c') },
    ])
    expect(store.retryPending()).toEqual([])
    expect(ids(store).sort()).toEqual(['b', 'c'])
  })

  it('keeps updates while the disk is full, and writes them once there is room', () => {
    const db = openDatabase(file, { log: silentLogger })
    const store = new QuestionStore(db, { log: silentLogger, now: () => now })
    open.push(store)
    store.apply(snapshot('a'))
    // A per-connection size cap makes SQLite answer SQLITE_FULL, as a full disk would.
    const pages = Number(db.pragma('page_count', { simple: true }))
    db.pragma(`max_page_count = ${pages}`)
    const big = Array.from({ length: 50 }, (_, i) => ({
      kind: 'opened' as const,
      question: { ...question(`big${i}`), text: 'x'.repeat(4000) },
    }))
    expect(store.applyBatch(big)).toEqual([])
    expect(store.listOpen()).toHaveLength(1)

    db.pragma('max_page_count = 1073741823')
    expect(store.retryPending()).toHaveLength(50)
    expect(store.listOpen()).toHaveLength(51)
  })

  it('throws a programming error instead of retrying it forever', () => {
    const store = openStore()
    const broken = { ...question('bad'), createdAt: 'not a time' }
    expect(() => store.apply({ kind: 'opened', question: broken })).toThrow(RangeError)
    // Had the bad update been kept for a retry, this write would retry it and throw again.
    expect(store.apply(opened('good'))).toHaveLength(1)
  })
})

describe('QuestionStore bursts', () => {
  it('writes a 10 000-update burst in one transaction and loses nothing', () => {
    const db = openDatabase(file, { log: silentLogger })
    // Keeps every frame in the WAL, so the file itself shows how many commits there were.
    db.pragma('wal_autocheckpoint = 0')
    const store = new QuestionStore(db, { log: silentLogger, now: () => now })
    open.push(store)
    const before = store.transactionCount
    const commitsBefore = countWalCommits(file)
    const burst = Array.from({ length: 10_000 }, (_, i) => opened(`q${i}`))
    const events = store.applyBatch(burst)
    expect(store.transactionCount - before).toBe(1)
    expect(countWalCommits(file) - commitsBefore).toBe(1)
    expect(events).toHaveLength(10_000)
    expect(new Set(events.map((event) => (event.type === 'question' ? event.question.id : ''))).size).toBe(
      10_000,
    )
    expect(store.listOpen()).toHaveLength(10_000)

    const replayed = store.applyBatch([
      { kind: 'snapshot', questions: burst.map((_, i) => question(`q${i}`)) },
    ])
    expect(replayed).toEqual([])
    expect(store.transactionCount - before).toBe(2)
  })
})
