// The cache's integrity check, made after the first list is shown instead of before it: on a large
// file `quick_check` costs tens of milliseconds that the list need not wait for. A file that fails
// is moved aside and rebuilt with what can still be read of it: every answer in the outbox (typed,
// not yet sent), the open questions (so that the feed's next snapshot raises no second toast) and
// the sync marks. The feed's next snapshot refills the rest.
import type Database from 'better-sqlite3'
import { describeError } from '../common/describe-error'
import { isUnusableFile, moveAside, type OpenDatabaseOptions, openDatabase } from './database'

/** What a rebuild copies over, table by table, as far as the damaged file still reads. */
const SALVAGE = [
  // Questions first: an outbox row refers to its question.
  {
    table: 'questions',
    select: "SELECT * FROM questions WHERE status = 'open' OR id IN (SELECT question_id FROM outbox)",
  },
  { table: 'outbox', select: 'SELECT * FROM outbox' },
  { table: 'sync_state', select: 'SELECT * FROM sync_state' },
] as const

type Table = (typeof SALVAGE)[number]['table']
type Rows = Record<string, unknown>[]

/**
 * Checks `db` (the connection to `file`). Returns `db` itself when the file is sound, or when the
 * check could not run for a disk or lock reason (the next start checks again). Otherwise closes
 * `db`, moves the file aside and returns a connection to the rebuilt one.
 */
export function checkCache(
  file: string,
  db: Database.Database,
  options: OpenDatabaseOptions,
): Database.Database {
  const log = options.log.child('store')
  let problem: string | null
  try {
    problem = quickCheck(db)
  } catch (error) {
    if (!isUnusableFile(error)) {
      log.warn('could not check the cache file; checking again at the next start', {
        error: describeError(error),
      })
      return db
    }
    problem = describeError(error)
  }
  if (problem === null) return db
  const salvaged = salvage(db)
  db.close()
  const movedTo = moveAside(file, (options.now ?? Date.now)())
  const fresh = openDatabase(file, options)
  const kept = restore(fresh, salvaged)
  log.warn('database file failed its integrity check, moved aside; rebuilt with what could be read', {
    file,
    movedTo,
    problem,
    kept: `${kept.outbox} queued answer(s), ${kept.questions} question(s)`,
  })
  return fresh
}

/** Null when the file is sound, else SQLite's first complaint. */
function quickCheck(db: Database.Database): string | null {
  const result = db.pragma('quick_check(1)', { simple: true })
  return result === 'ok' ? null : `quick_check failed: ${String(result)}`
}

/** Each table as far as it reads; a table that no longer reads at all is left behind. */
function salvage(db: Database.Database): Map<Table, Rows> {
  const rows = new Map<Table, Rows>()
  for (const { table, select } of SALVAGE) {
    try {
      rows.set(table, db.prepare<[], Record<string, unknown>>(select).all())
    } catch {
      rows.set(table, [])
    }
  }
  return rows
}

function restore(db: Database.Database, salvaged: Map<Table, Rows>): Record<Table, number> {
  const kept: Record<Table, number> = { questions: 0, outbox: 0, sync_state: 0 }
  // An answer is kept even when its question no longer reads: the server needs only its id.
  db.pragma('foreign_keys = OFF')
  try {
    db.transaction(() => {
      for (const [table, rows] of salvaged) {
        const insert = insertInto(db, table)
        for (const row of rows) kept[table] += insert.run(row).changes
      }
    }).immediate()
  } finally {
    db.pragma('foreign_keys = ON')
  }
  return kept
}

/**
 * Named after the fresh file's own columns, never the damaged file's. OR IGNORE: a row that breaks
 * a constraint (damaged values) is skipped, not the whole rebuild.
 */
function insertInto(db: Database.Database, table: Table): Database.Statement<[Record<string, unknown>]> {
  const columns = db.prepare<[], string>(`SELECT name FROM pragma_table_info('${table}')`).pluck().all()
  const values = columns.map((column) => `@${column}`)
  return db.prepare(`INSERT OR IGNORE INTO ${table} (${columns.join(', ')}) VALUES (${values.join(', ')})`)
}
