import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../log/logger'
import { openDatabase, StoreTooNewError } from './database'
import { migrations } from './migrations'
import { QuestionStore } from './question-store'
import { damageRootPage, NOW, question, recordingLogger, tempDir } from './testing/fixtures'

let dir: string
let cleanup: () => void
beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
})
afterEach(() => cleanup())

const asideFiles = () => readdirSync(dir).filter((name) => name.includes('.corrupt-'))

describe('openDatabase', () => {
  it('creates the folder and file, runs every migration once and configures the connection', () => {
    const file = join(dir, 'nested', 'cache.sqlite')
    const { log, lines } = recordingLogger()
    const db = openDatabase(file, { log })
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('synchronous', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(2000)
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all()
    expect(tables).toEqual(['outbox', 'questions', 'sync_state'])
    db.close()
    expect(lines.filter((line) => line.includes('migrated schema'))).toHaveLength(migrations.length)

    const again = recordingLogger()
    openDatabase(file, { log: again.log }).close()
    expect(again.lines).toEqual([])
  })

  it('upgrades a schema-1 cache to the reminder columns, keeping its questions', () => {
    const file = join(dir, 'cache.sqlite')
    const old = new Database(file)
    migrations[0]?.up(old)
    old.pragma('user_version = 1')
    old
      .prepare(`INSERT INTO questions (id, product_id, text, created_at, expires_at, status, first_seen_at,
        last_confirmed_at, notified_at) VALUES ('q1', 'p1', 'kept', @at, @at, 'open', @at, @at, @at)`)
      .run({ at: new Date(NOW).toISOString() })
    old.close()
    const store = new QuestionStore(openDatabase(file, { log: silentLogger }), {
      log: silentLogger,
      now: () => NOW,
    })
    expect(store.get('q1')).toMatchObject({
      question: { text: 'kept' },
      remindedAt: null,
      expiryWarnedAt: null,
    })
    store.markReminded(['q1'], 'reminder')
    store.markReminded(['q1'], 'expiry')
    expect(store.get('q1')).toMatchObject({
      remindedAt: new Date(NOW).toISOString(),
      expiryWarnedAt: new Date(NOW).toISOString(),
    })
    store.close()
  })

  it('numbers migrations 1, 2, 3… in order', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1))
  })

  it('refuses a file from a newer app version and leaves it alone', () => {
    const file = join(dir, 'cache.sqlite')
    const newer = new Database(file)
    newer.pragma('user_version = 99')
    newer.close()
    expect(() => openDatabase(file, { log: silentLogger })).toThrow(StoreTooNewError)
    expect(() => openDatabase(file, { log: silentLogger })).toThrow(/newer version of Scrum4Me Notifier/)
    const check = new Database(file)
    expect(check.pragma('user_version', { simple: true })).toBe(99)
    check.close()
    expect(asideFiles()).toEqual([])
  })

  it('moves a file that is not a database aside and starts fresh', () => {
    const file = join(dir, 'cache.sqlite')
    const garbage = Buffer.from('this is not a database '.repeat(500))
    writeFileSync(file, garbage)
    const { log, lines } = recordingLogger()
    const db = openDatabase(file, { log, now: () => NOW })
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    db.close()
    expect(asideFiles()).toEqual(['cache.sqlite.corrupt-2026-11-29T10-00-00-000Z'])
    expect(readFileSync(join(dir, 'cache.sqlite.corrupt-2026-11-29T10-00-00-000Z'))).toEqual(garbage)
    expect(lines.some((line) => line.includes('warn store: database file unusable, moved aside'))).toBe(true)
  })

  it('opens a damaged database without checking it: the check comes after the first list', () => {
    const file = join(dir, 'cache.sqlite')
    const store = new QuestionStore(openDatabase(file, { log: silentLogger }), {
      log: silentLogger,
      now: () => NOW,
    })
    store.applyBatch(
      Array.from({ length: 2000 }, (_, i) => ({ kind: 'opened', question: question(`q${i}`) })),
    )
    store.close()
    damageRootPage(file, 'questions')

    const { log, lines } = recordingLogger()
    openDatabase(file, { log }).close()
    expect(asideFiles()).toEqual([])
    expect(lines).toEqual([])
  })

  it('moves aside a database the migrations cannot apply to', () => {
    const file = join(dir, 'cache.sqlite')
    const foreign = new Database(file)
    foreign.exec('CREATE TABLE questions (something_else INTEGER)')
    foreign.close()
    const db = openDatabase(file, { log: silentLogger })
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    db.close()
    expect(asideFiles()).toHaveLength(1)
  })

  it('does not move a healthy file aside when another connection holds the lock', () => {
    const file = join(dir, 'cache.sqlite')
    const other = new Database(file)
    other.pragma('journal_mode = WAL')
    other.exec('BEGIN IMMEDIATE')
    expect(() => openDatabase(file, { log: silentLogger, busyTimeoutMs: 50 })).toThrow(/locked/)
    other.exec('ROLLBACK')
    other.close()
    expect(asideFiles()).toEqual([])
    expect(existsSync(file)).toBe(true)
  })
})
