// Answers are written here before any network call, so nothing typed is lost to a crash,
// a quit or an outage. Rows leave only when the server took the answer or refused it for good.
import { randomUUID } from 'node:crypto'
import type { AnswerInput } from '@shared/answer'
import type Database from 'better-sqlite3'
import { z } from 'zod/mini'

const answerInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('option'), option: z.string() }),
  z.object({ kind: z.literal('text'), text: z.string() }),
])

export interface OutboxEntry {
  /** Also the idempotency key the server sees. */
  id: string
  questionId: string
  answer: AnswerInput
  createdAt: string
  attempts: number
  lastError: string | null
}

interface OutboxRow {
  id: string
  question_id: string
  answer: string
  created_at: string
  attempts: number
  last_error: string | null
}

export class AnswerOutbox {
  private statements: Statements

  constructor(
    db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.statements = prepareStatements(db)
  }

  /** Goes on with another connection: the rebuilt file, after the deferred check (store/cache-check.ts). */
  reopen(db: Database.Database): void {
    this.statements = prepareStatements(db)
  }

  /** Durably queues an answer; the question must be in the cache. */
  enqueue(questionId: string, answer: AnswerInput): OutboxEntry {
    const entry: OutboxEntry = {
      id: randomUUID(),
      questionId,
      answer,
      createdAt: new Date(this.now()).toISOString(),
      attempts: 0,
      lastError: null,
    }
    this.statements.insert.run({ ...entry, answer: JSON.stringify(answer) })
    return entry
  }

  /** Everything still to send, oldest first: answers go out in the order they were given. */
  pending(): OutboxEntry[] {
    return this.statements.pending.all().flatMap((row) => toEntry(row) ?? [])
  }

  pendingFor(questionId: string): OutboxEntry | null {
    const row = this.statements.pendingFor.get(questionId)
    return row ? toEntry(row) : null
  }

  recordFailure(id: string, error: string): void {
    this.statements.failed.run(error.slice(0, 500), id)
  }

  remove(id: string): void {
    this.statements.remove.run(id)
  }
}

type Statements = ReturnType<typeof prepareStatements>

function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare(
      'INSERT INTO outbox (id, question_id, answer, created_at) VALUES (@id, @questionId, @answer, @createdAt)',
    ),
    pending: db.prepare<[], OutboxRow>(
      "SELECT * FROM outbox WHERE state = 'pending' ORDER BY created_at, rowid",
    ),
    pendingFor: db.prepare<[string], OutboxRow>(
      "SELECT * FROM outbox WHERE state = 'pending' AND question_id = ? ORDER BY created_at, rowid LIMIT 1",
    ),
    failed: db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?'),
    remove: db.prepare('DELETE FROM outbox WHERE id = ?'),
  }
}

function toEntry(row: OutboxRow): OutboxEntry | null {
  let parsed: ReturnType<typeof answerInputSchema.safeParse>
  try {
    parsed = answerInputSchema.safeParse(JSON.parse(row.answer))
  } catch {
    return null
  }
  if (!parsed.success) return null
  return {
    id: row.id,
    questionId: row.question_id,
    answer: parsed.data,
    createdAt: row.created_at,
    attempts: row.attempts,
    lastError: row.last_error,
  }
}
