// pg mode: the notifier applies Scrum4Me's answer rules itself, in one transaction, on a
// short-lived connection of its own (never the LISTEN connection, which must not BEGIN).
import { offeredOptions } from '@shared/answer-options'
import type pg from 'pg'
import { z } from 'zod/mini'
import { describeError } from '../common/describe-error'
import { closePgClient } from '../feed/pg/close-pg-client'
import { pgClientConfig } from '../feed/pg/pg-client-config'
import { pgModule } from '../feed/pg/pg-module'
import { checkAnswer } from './answer-rules'
import { type AnswerSender, type OutgoingAnswer, type SendResult, TransientSendError } from './answer-sender'

const CONNECT_TIMEOUT_MS = 10_000

/** Locks the question row and reads everything the rules need about it and the user. */
const LOCK_QUESTION_SQL = `
  SELECT q.status,
         q.options,
         q.answer,
         q.answered_by,
         q.expires_at > now() AS unexpired,
         p.archived,
         (p.user_id = $2 OR EXISTS (
            SELECT 1 FROM product_members m WHERE m.product_id = q.product_id AND m.user_id = $2
         )) AS member,
         (q.idea_id IS NULL OR EXISTS (
            SELECT 1 FROM ideas i WHERE i.id = q.idea_id AND i.user_id = $2
         )) AS idea_owner
    FROM claude_questions q
    JOIN products p ON p.id = q.product_id
   WHERE q.id = $1
     FOR UPDATE OF q`

const ANSWER_SQL = `
  UPDATE claude_questions
     SET status = 'answered', answer = $2, answered_by = $3, answered_at = now()
   WHERE id = $1 AND status = 'open' AND expires_at > now()`

const lockedRowSchema = z.object({
  status: z.string(),
  options: z.unknown(),
  answer: z.nullable(z.string()),
  answered_by: z.nullable(z.string()),
  unexpired: z.boolean(),
  archived: z.boolean(),
  member: z.boolean(),
  idea_owner: z.boolean(),
})

export interface PgAnswerSenderOptions {
  connectionString: string
  userId: string
  applicationName: string
}

export class PgAnswerSender implements AnswerSender {
  constructor(private readonly options: PgAnswerSenderOptions) {}

  async send(answer: OutgoingAnswer): Promise<SendResult> {
    const { Client } = await pgModule.load()
    const client = new Client(
      pgClientConfig(this.options.connectionString, {
        applicationName: `${this.options.applicationName}/answer`,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        statement_timeout: 15_000,
      }),
    )
    // A failed connect still owns a socket; the error handler keeps a late error from crashing us.
    client.on('error', () => {})
    try {
      await client.connect()
    } catch (error) {
      await closePgClient(client)
      throw new TransientSendError(`could not reach the database: ${describeError(error)}`)
    }
    try {
      await client.query('BEGIN')
      const result = await this.answerLocked(client, answer)
      await client.query(result.kind === 'sent' ? 'COMMIT' : 'ROLLBACK')
      return result
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      if ((error as { code?: unknown }).code === '42501') {
        return {
          kind: 'refused',
          reason: 'forbidden',
          message: 'The database role may not answer questions.',
        }
      }
      throw new TransientSendError(`the answer could not be written: ${describeError(error)}`)
    } finally {
      await closePgClient(client)
    }
  }

  private async answerLocked(client: pg.Client, answer: OutgoingAnswer): Promise<SendResult> {
    const { userId } = this.options
    const user = await client.query<{ is_demo: boolean }>('SELECT is_demo FROM users WHERE id = $1', [userId])
    const isDemo = user.rows[0]?.is_demo
    if (isDemo === undefined) return forbidden('Your Scrum4Me user was not found.')
    if (isDemo) return forbidden('Demo users cannot answer questions.')

    const locked = await client.query(LOCK_QUESTION_SQL, [answer.questionId, userId])
    if (locked.rows.length === 0) {
      return { kind: 'refused', reason: 'not-open', message: 'The question no longer exists.' }
    }
    const row = lockedRowSchema.parse(locked.rows[0])
    if (row.archived || !row.member || !row.idea_owner)
      return forbidden('You have no access to this question.')
    // Our own earlier attempt committed but its reply was lost: that is a success, not a refusal.
    if (row.status === 'answered' && row.answered_by === userId && row.answer === answer.answer) {
      return { kind: 'sent' }
    }
    if (row.status !== 'open' || !row.unexpired) {
      return { kind: 'refused', reason: 'not-open', message: notOpenMessage(row.status, row.unexpired) }
    }
    // The panel offered exactly these (the feed parses with the same rule), so they are what counts.
    const { options } = offeredOptions(row.options)
    const refusal = checkAnswer(options, { kind: 'text', text: answer.answer })
    if (refusal) return refusal

    const updated = await client.query(ANSWER_SQL, [answer.questionId, answer.answer, userId])
    if (updated.rowCount !== 1) {
      return { kind: 'refused', reason: 'not-open', message: 'The question was closed just now.' }
    }
    return { kind: 'sent' }
  }
}

function forbidden(message: string): SendResult {
  return { kind: 'refused', reason: 'forbidden', message }
}

function notOpenMessage(status: string, unexpired: boolean): string {
  if (status === 'open' && !unexpired) return 'The question has expired.'
  if (status === 'answered') return 'The question was already answered.'
  return `The question is ${status}.`
}
