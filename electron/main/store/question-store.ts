// The offline question cache. The database, not memory, decides what is new, so snapshot replays,
// reconnects and restarts raise no second notification for a question already stored as open.
import type { Question, QuestionStatus } from '@shared/question'
import {
  QUESTION_COLUMNS,
  type QuestionByColumn,
  questionFromColumns,
  questionToColumns,
} from '@shared/question-columns'
import type Database from 'better-sqlite3'
import { describeError } from '../common/describe-error'
import type { FeedUpdate } from '../feed/transport'
import type { Logger } from '../log/logger'
import { isEnvironmentError } from './database'

/**
 * What the rest of the app hears from the store: a question became open (news, to toast), one the
 * user was already notified of came back open (to list, never to toast again), or one left.
 */
export type QuestionEvent =
  | { type: 'question'; question: Question }
  | { type: 'reopened'; question: Question }
  | { type: 'closed'; id: string; status: QuestionStatus }

const DAY_MS = 86_400_000
/** Servers send at most this many open questions, newest first (docs/protocol.md, Tables). */
const SNAPSHOT_CAP = 100
const OPEN_SET_CONFIRMED_AT = 'open_set_confirmed_at'
/** The sign-in end the "ends tomorrow" notice was shown for, so a restart does not repeat it. */
const SIGN_IN_END_NOTICED = 'sign_in_end_noticed'

/** A stored question with what the app knows about it beyond the server's fields. */
export interface QuestionRecord {
  question: Question
  status: QuestionStatus
  answer: string | null
  answeredAt: string | null
  firstSeenAt: string
  lastConfirmedAt: string
  notifiedAt: string | null
  seenAt: string | null
  closedAt: string | null
  /** When its one "still waiting" reminder went out. */
  remindedAt: string | null
  /** When its one "expires soon" notice went out. */
  expiryWarnedAt: string | null
}

/** The two notices a question can get after its first toast, once each. */
export type ReminderKind = 'reminder' | 'expiry'

export interface QuestionStoreOptions {
  log: Logger
  now?: () => number
}

/** A question as its row in the cache: options and context are JSON text. */
type QuestionRow = Omit<QuestionByColumn, 'options' | 'context'> & {
  options: string | null
  context: string | null
}

interface StoredRow extends QuestionRow {
  status: string
  answer: string | null
  answered_at: string | null
  first_seen_at: string
  last_confirmed_at: string
  notified_at: string | null
  seen_at: string | null
  closed_at: string | null
  reminded_at: string | null
  expiry_warned_at: string | null
}

const COLUMNS = Object.values(QUESTION_COLUMNS)

export class QuestionStore {
  private readonly log: Logger
  private readonly now: () => number
  private pending: FeedUpdate[] = []
  private transactions = 0
  private sql: Statements

  constructor(
    private db: Database.Database,
    options: QuestionStoreOptions,
  ) {
    this.log = options.log.child('store')
    this.now = options.now ?? Date.now
    this.sql = prepareStatements(db)
  }

  /** Goes on with another connection: the rebuilt file, after the deferred check (cache-check.ts). */
  reopen(db: Database.Database): void {
    this.db = db
    this.sql = prepareStatements(db)
  }

  /** Write transactions committed since the store opened: a burst of updates costs one. */
  get transactionCount(): number {
    return this.transactions
  }

  /** Stores one feed update; returns what is news. See `applyBatch`. */
  apply(update: FeedUpdate): QuestionEvent[] {
    return this.applyBatch([update])
  }

  /**
   * Stores feed updates in one transaction and returns what is news: a `question` event only when a
   * row is inserted or comes back to open, a `closed` event when an open row leaves. If the write
   * fails for a disk or lock reason, the updates wait in memory and go in with the next call.
   */
  applyBatch(updates: FeedUpdate[]): QuestionEvent[] {
    this.pending = this.pending.concat(updates)
    return this.retryPending()
  }

  /** Writes the updates a failed write left in memory; their events come out now. */
  retryPending(): QuestionEvent[] {
    if (this.pending.length === 0) return []
    const updates = this.pending
    try {
      const events = this.commit(() => this.writeUpdates(updates, this.now()))
      this.pending = []
      return events
    } catch (error) {
      if (!isEnvironmentError(error)) {
        // A bug or a corrupt file: retrying would fail forever, so surface it; the next snapshot refills.
        this.pending = []
        throw error
      }
      this.log.error(`write failed, keeping ${updates.length} updates in memory; retry on the next update`, {
        error: describeError(error),
      })
      return []
    }
  }

  /** Expires open questions whose `expires_at` has passed, even without a server event. */
  expire(): QuestionEvent[] {
    const events = this.retryPending()
    if (this.pending.length > 0) return events
    const now = iso(this.now())
    const ids = this.tryWrite('expire', [], () => this.sql.expireDue.all({ now }))
    return [...events, ...ids.map((id): QuestionEvent => ({ type: 'closed', id, status: 'expired' }))]
  }

  /** Our answer was accepted: the question leaves the open set now, before the feed says so. */
  recordAnswer(id: string, answer: string): QuestionEvent[] {
    const now = iso(this.now())
    const closed = this.tryWrite('record answer', 0, () => this.sql.answer.run({ id, answer, now }).changes)
    return closed > 0 ? [{ type: 'closed', id, status: 'answered' }] : []
  }

  /** Open, unexpired questions, newest first. */
  listOpen(): Question[] {
    return this.sql.listOpen.all({ now: iso(this.now()) }).map(toQuestion)
  }

  get(id: string): QuestionRecord | undefined {
    const row = this.sql.get.get(id)
    return row && toRecord(row)
  }

  /** When a feed last delivered the complete open set, or null if never. */
  lastConfirmedAt(): string | null {
    return this.sql.readState.get(OPEN_SET_CONFIRMED_AT) ?? null
  }

  /** The sign-in end (ISO) the app last reminded the user of, or null. */
  signInEndNoticed(): string | null {
    return this.sql.readState.get(SIGN_IN_END_NOTICED) ?? null
  }

  recordSignInEndNoticed(expiresAt: string): void {
    this.tryWrite(
      'record the sign-in reminder',
      undefined,
      () => void this.sql.writeState.run(SIGN_IN_END_NOTICED, expiresAt),
    )
  }

  /** Records that these questions were shown as OS notifications (first time only). */
  markNotified(ids: string[]): void {
    this.markAll(this.sql.markNotified, ids, 'mark notified')
  }

  /** Open, unexpired, unanswered questions that still have a reminder or an expiry notice to come. */
  listAwaitingReminders(): QuestionRecord[] {
    return this.sql.awaitingReminders.all({ now: iso(this.now()) }).map(toRecord)
  }

  /** Records that this notice went out for these questions, so it never goes out again. */
  markReminded(ids: string[], kind: ReminderKind): void {
    const statement = kind === 'reminder' ? this.sql.markReminded : this.sql.markExpiryWarned
    this.markAll(statement, ids, `mark ${kind} sent`)
  }

  /** Records that the user has seen these questions in the panel (first time only). */
  markSeen(ids: string[]): void {
    this.markAll(this.sql.markSeen, ids, 'mark seen')
  }

  /** Deletes questions closed longer ago than `olderThanMs`; returns how many went. */
  pruneClosed(olderThanMs = 30 * DAY_MS): number {
    const cutoff = iso(this.now() - olderThanMs)
    return this.tryWrite('prune', 0, () => this.sql.prune.run({ cutoff }).changes)
  }

  /** Closes the database. Unwritten updates are dropped: the next snapshot brings them back as new. */
  close(): void {
    if (this.pending.length > 0) {
      this.log.warn(`closing with ${this.pending.length} unwritten updates; the next snapshot restores them`)
    }
    this.db.close()
  }

  private writeUpdates(updates: FeedUpdate[], now: number): QuestionEvent[] {
    const events: QuestionEvent[] = []
    for (const update of updates) {
      for (const event of this.writeUpdate(update, now)) events.push(event)
    }
    return events
  }

  private writeUpdate(update: FeedUpdate, now: number): QuestionEvent[] {
    switch (update.kind) {
      case 'snapshot':
        return this.applySnapshot(update.questions, now)
      case 'opened':
        return this.applyOpened(update.question, now)
      case 'left':
        return this.applyLeft(update.id, update.status, now)
    }
  }

  private applySnapshot(questions: Question[], now: number): QuestionEvent[] {
    const ids = new Set(questions.map((question) => question.id))
    // A full snapshot may have cut off older open questions: only those newer than its oldest are known gone.
    const judgedFrom =
      questions.length >= SNAPSHOT_CAP
        ? Math.min(...questions.map((q) => Date.parse(q.createdAt)))
        : -Infinity
    const events: QuestionEvent[] = []
    for (const known of this.sql.openExpiries.all()) {
      if (ids.has(known.id) || Date.parse(known.created_at) < judgedFrom) continue
      const status = Date.parse(known.expires_at) <= now ? 'expired' : 'closed'
      events.push(...this.applyLeft(known.id, status, now))
    }
    for (const question of questions) {
      for (const event of this.applyOpened(question, now)) events.push(event)
    }
    this.sql.writeState.run(OPEN_SET_CONFIRMED_AT, iso(now))
    return events
  }

  private applyOpened(question: Question, now: number): QuestionEvent[] {
    if (Date.parse(question.expiresAt) <= now) return this.applyLeft(question.id, 'expired', now)
    const before = this.sql.novelty.get(question.id)
    this.sql.upsert.run({ ...toRow(question), now: iso(now) })
    if (before?.status === 'open') return []
    // Closed by a frame and back in the next snapshot (a forged close, a stale answer): no second toast.
    return [{ type: before?.notified ? 'reopened' : 'question', question }]
  }

  private applyLeft(id: string, status: QuestionStatus, now: number): QuestionEvent[] {
    // Only `opened` carries the question; a departure that says "open" is contradictory.
    if (status === 'open') return []
    if (this.sql.close.run({ id, status, now: iso(now) }).changes > 0) return [{ type: 'closed', id, status }]
    this.sql.restatus.run({ id, status })
    return []
  }

  private markAll(statement: Database.Statement<[{ id: string; now: string }]>, ids: string[], what: string) {
    const now = iso(this.now())
    this.tryWrite(what, undefined, () => {
      for (const id of ids) statement.run({ id, now })
    })
  }

  /** Bookkeeping writes: a disk or lock failure is logged and the call is a no-op, never a crash. */
  private tryWrite<T>(what: string, fallback: T, write: () => T): T {
    try {
      return this.commit(write)
    } catch (error) {
      if (!isEnvironmentError(error)) throw error
      this.log.warn(`${what} failed; skipped this time`, { error: describeError(error) })
      return fallback
    }
  }

  /** IMMEDIATE takes the write lock up front, so a busy database waits `busy_timeout` instead of failing. */
  private commit<T>(write: () => T): T {
    const result = this.db.transaction(write).immediate()
    this.transactions++
    return result
  }
}

type Statements = ReturnType<typeof prepareStatements>

function prepareStatements(db: Database.Database) {
  const updatable = COLUMNS.filter((column) => column !== 'id')
  return {
    novelty: db.prepare<[string], { status: string; notified: number }>(
      'SELECT status, notified_at IS NOT NULL AS notified FROM questions WHERE id = ?',
    ),
    // A question back from answered/cancelled/closed is open again: its old answer and seen mark go;
    // the notified mark stays, so it never toasts twice.
    upsert: db.prepare<[QuestionRow & { now: string }]>(`
      INSERT INTO questions (${COLUMNS.join(', ')}, status, first_seen_at, last_confirmed_at)
      VALUES (${COLUMNS.map((column) => `@${column}`).join(', ')}, 'open', @now, @now)
      ON CONFLICT (id) DO UPDATE SET
        ${updatable.map((column) => `${column} = excluded.${column}`).join(', ')},
        last_confirmed_at = excluded.last_confirmed_at,
        answer = iif(status = 'open', answer, NULL),
        answered_at = iif(status = 'open', answered_at, NULL),
        seen_at = iif(status = 'open', seen_at, NULL),
        closed_at = NULL,
        status = 'open'`),
    close: db.prepare<[{ id: string; status: string; now: string }]>(
      "UPDATE questions SET status = @status, closed_at = @now WHERE id = @id AND status = 'open'",
    ),
    answer: db.prepare<[{ id: string; answer: string; now: string }]>(`
      UPDATE questions SET status = 'answered', answer = @answer, answered_at = @now, closed_at = @now
      WHERE id = @id AND status = 'open'`),
    // Keeps the server's latest word (e.g. 'answered') on a question we had closed ourselves.
    restatus: db.prepare<[{ id: string; status: string }]>(
      "UPDATE questions SET status = @status WHERE id = @id AND status <> 'open'",
    ),
    openExpiries: db.prepare<[], { id: string; expires_at: string; created_at: string }>(
      "SELECT id, expires_at, created_at FROM questions WHERE status = 'open'",
    ),
    expireDue: db
      .prepare<[{ now: string }], string>(`
        UPDATE questions SET status = 'expired', closed_at = @now
        WHERE status = 'open' AND expires_at <= @now RETURNING id`)
      .pluck(),
    listOpen: db.prepare<[{ now: string }], StoredRow>(
      "SELECT * FROM questions WHERE status = 'open' AND expires_at > @now ORDER BY created_at DESC",
    ),
    get: db.prepare<[string], StoredRow>('SELECT * FROM questions WHERE id = ?'),
    markNotified: db.prepare<[{ id: string; now: string }]>(
      'UPDATE questions SET notified_at = @now WHERE id = @id AND notified_at IS NULL',
    ),
    awaitingReminders: db.prepare<[{ now: string }], StoredRow>(`
      SELECT * FROM questions WHERE status = 'open' AND expires_at > @now
        AND (reminded_at IS NULL OR expiry_warned_at IS NULL)
        -- an answer already on its way is not something to remind anyone of
        AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.question_id = questions.id)
      ORDER BY created_at`),
    markReminded: db.prepare<[{ id: string; now: string }]>(
      'UPDATE questions SET reminded_at = @now WHERE id = @id AND reminded_at IS NULL',
    ),
    markExpiryWarned: db.prepare<[{ id: string; now: string }]>(
      'UPDATE questions SET expiry_warned_at = @now WHERE id = @id AND expiry_warned_at IS NULL',
    ),
    markSeen: db.prepare<[{ id: string; now: string }]>(
      'UPDATE questions SET seen_at = @now WHERE id = @id AND seen_at IS NULL',
    ),
    // Questions with an answer still in the outbox stay: the outbox row points at them.
    prune: db.prepare<[{ cutoff: string }]>(`
      DELETE FROM questions WHERE status <> 'open' AND closed_at < @cutoff
        AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.question_id = questions.id)`),
    readState: db.prepare<[string], string>('SELECT value FROM sync_state WHERE key = ?').pluck(),
    writeState: db.prepare<[string, string]>(
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

function toRow(question: Question): QuestionRow {
  return {
    ...questionToColumns(question),
    options: question.options && JSON.stringify(question.options),
    context: question.context && JSON.stringify(question.context),
    // Normalised so that comparing the text compares the times.
    created_at: iso(Date.parse(question.createdAt)),
    expires_at: iso(Date.parse(question.expiresAt)),
  }
}

function toQuestion(row: QuestionRow): Question {
  return questionFromColumns({
    ...row,
    options: row.options === null ? null : (JSON.parse(row.options) as string[]),
    context: row.context === null ? null : (JSON.parse(row.context) as Record<string, unknown>),
  })
}

function toRecord(row: StoredRow): QuestionRecord {
  return {
    question: toQuestion(row),
    status: row.status,
    answer: row.answer,
    answeredAt: row.answered_at,
    firstSeenAt: row.first_seen_at,
    lastConfirmedAt: row.last_confirmed_at,
    notifiedAt: row.notified_at,
    seenAt: row.seen_at,
    closedAt: row.closed_at,
    remindedAt: row.reminded_at,
    expiryWarnedAt: row.expiry_warned_at,
  }
}
