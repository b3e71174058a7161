// Shared by the store's tests and its child-process scripts.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Question } from '@shared/question'
import Database from 'better-sqlite3'
import { createLineLogger, type Logger, silentLogger } from '../../log/logger'
import { openDatabase } from '../database'
import { QuestionStore } from '../question-store'

export const NOW = Date.parse('2026-11-29T10:00:00Z')

/** An open question created `ageMs` before NOW that expires `expiresInMs` after NOW. */
export function question(id: string, options: { expiresInMs?: number; ageMs?: number } = {}): Question {
  return {
    id,
    productId: 'p1',
    productName: 'Product',
    storyId: 's1',
    storyCode: 'ST-1',
    storyTitle: 'Story',
    taskId: null,
    ideaId: null,
    ideaCode: null,
    ideaTitle: null,
    assigneeId: null,
    text: `question ${id}`,
    options: ['Ja', 'Nee'],
    context: null,
    createdAt: new Date(NOW - (options.ageMs ?? 1000)).toISOString(),
    expiresAt: new Date(NOW + (options.expiresInMs ?? 3_600_000)).toISOString(),
  }
}

/** A fresh folder per test, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'question-store-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A store on a fresh file whose clock stands at NOW; the cleanup closes it and removes the file. */
export function tempStore(): { store: QuestionStore; cleanup: () => void } {
  const { dir, cleanup } = tempDir()
  const store = new QuestionStore(openDatabase(join(dir, 'cache.sqlite'), { log: silentLogger }), {
    log: silentLogger,
    now: () => NOW,
  })
  return {
    store,
    cleanup: () => {
      store.close()
      cleanup()
    },
  }
}

/** A logger that keeps its lines, so tests can check what was reported. */
export function recordingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = []
  return { log: createLineLogger((line) => lines.push(line), { minLevel: 'debug' }), lines }
}

/**
 * Commits recorded in a database's WAL file, read from the file itself (frames whose "database size
 * after commit" is set), so a test can count real SQLite transactions. Needs `wal_autocheckpoint = 0`.
 */
export function countWalCommits(file: string): number {
  const wal = `${file}-wal`
  if (!existsSync(wal)) return 0
  const bytes = readFileSync(wal)
  if (bytes.length < 32) return 0
  const pageSize = bytes.readUInt32BE(8)
  const salt = bytes.subarray(16, 24)
  let commits = 0
  for (let frame = 32; frame + 24 + pageSize <= bytes.length; frame += 24 + pageSize) {
    if (!bytes.subarray(frame + 8, frame + 16).equals(salt)) break
    if (bytes.readUInt32BE(frame + 4) !== 0) commits++
  }
  return commits
}

/**
 * Scribbles over the whole root page of one table or index (`name` in sqlite_schema) of a closed
 * database file: its b-tree is damaged while the schema page, and every other b-tree, stays intact.
 */
export function damageRootPage(file: string, name: string): void {
  const raw = new Database(file)
  const root = Number(raw.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(name))
  const pageSize = Number(raw.pragma('page_size', { simple: true }))
  raw.close()
  if (root < 2) throw new Error(`${name} has no root page of its own`)
  const bytes = readFileSync(file)
  bytes.fill(0x41, (root - 1) * pageSize, root * pageSize)
  writeFileSync(file, bytes)
}
