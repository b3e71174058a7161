// Opens the app's one SQLite file: WAL, numbered migrations, and a fresh start when the file is unusable.
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { describeError } from '../common/describe-error'
import type { Logger } from '../log/logger'
import { withSiblings } from './cache-files'
import { migrations } from './migrations'

export interface OpenDatabaseOptions {
  log: Logger
  /** Names the `.corrupt-<timestamp>` copy of an unusable file. */
  now?: () => number
  /** How long a write waits for another connection's lock before it fails with SQLITE_BUSY. */
  busyTimeoutMs?: number
}

/** The file comes from a newer app version; migrating or rebuilding it would destroy that app's data. */
export class StoreTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      `${file} was written by a newer version of Scrum4Me Notifier (schema ${fileVersion}; this version ` +
        `understands up to ${supportedVersion}). Install the newer version, or remove the file to start ` +
        'with an empty cache.',
    )
    this.name = 'StoreTooNewError'
  }
}

// Failures of the disk or of another connection, not of the file: retrying later can succeed,
// and moving the file aside would not help (and would hide its queued answers).
const ENVIRONMENT_CODES = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|NOMEM)/

export function isEnvironmentError(error: unknown): boolean {
  return error instanceof Database.SqliteError && ENVIRONMENT_CODES.test(error.code)
}

/**
 * Opens (creating it and its folder) and migrates the database. A file that is not a database or
 * cannot be migrated is moved aside and replaced by an empty one: the app must never fail to start
 * because of its cache. Throws `StoreTooNewError` for a newer schema. The integrity check is not
 * made here, so that the first list is not kept waiting on it: see cache-check.ts.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions): Database.Database {
  mkdirSync(dirname(file), { recursive: true })
  try {
    return openAndMigrate(file, options)
  } catch (error) {
    if (!isUnusableFile(error)) throw error
    const movedTo = moveAside(file, (options.now ?? Date.now)())
    options.log.child('store').warn('database file unusable, moved aside; starting with an empty cache', {
      file,
      movedTo,
      error: describeError(error),
    })
    return openAndMigrate(file, options)
  }
}

function openAndMigrate(file: string, options: OpenDatabaseOptions): Database.Database {
  const db = new Database(file)
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 2000}`)
    db.pragma('journal_mode = WAL')
    // NORMAL under WAL: a power cut may lose the last commits, never consistency; the feed refills them.
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    migrate(db, file, options.log.child('store'))
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

function migrate(db: Database.Database, file: string, log: Logger): void {
  const current = Number(db.pragma('user_version', { simple: true }))
  const latest = migrations.at(-1)?.version ?? 0
  if (current > latest) throw new StoreTooNewError(file, current, latest)
  for (const migration of migrations) {
    if (migration.version <= current) continue
    db.transaction(() => {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    }).immediate()
    log.info(`migrated schema to ${migration.version} (${migration.name})`, { file })
  }
}

/** SQLite says the file itself is bad (not a database, corrupt, a foreign schema), not the disk or a lock. */
export function isUnusableFile(error: unknown): boolean {
  return error instanceof Database.SqliteError && !ENVIRONMENT_CODES.test(error.code)
}

/**
 * Keeps the bad file (and its WAL, which belongs to it alone) for inspection, out of the new one's
 * way; returns where it went. Its connection must be closed first.
 */
export function moveAside(file: string, now: number): string {
  const movedTo = `${file}.corrupt-${new Date(now).toISOString().replace(/[:.]/g, '-')}`
  for (const path of withSiblings(file)) {
    if (existsSync(path)) renameSync(path, movedTo + path.slice(file.length))
  }
  return movedTo
}
