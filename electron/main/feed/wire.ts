// Schemas for everything that arrives off the wire (SSE frames, NOTIFY payloads, SQL rows).
// Nothing reaches the rest of the app before it has passed through here.
import { offeredOptions } from '@shared/answer-options'
import { cutText } from '@shared/cut-text'
import type { Question } from '@shared/question'
import { questionFromColumns } from '@shared/question-columns'
import { z } from 'zod/mini'
import type { Logger } from '../log/logger'

/**
 * Every text field is bounded here, before it is stored or pushed to a window: an over-long one is
 * cut (and reported), so one hostile question cannot bloat the cache or the IPC traffic. The pg
 * feed's SQL cuts the same fields one character past these limits, so the cut is still reported.
 */
export const TEXT_LIMITS = {
  /** The server caps questions at 4000 characters. */
  question: 4000,
  productName: 200,
  /** Story and idea codes such as ST-101. */
  code: 64,
  title: 500,
  /** A context object (merge-conflict questions), measured as JSON. */
  context: 16_000,
} as const

// zod/mini, not zod: the headless core loads this, and the full API costs it about a megabyte of
// memory more (bench/core-memory.ts).
const id = z.string().check(z.minLength(1), z.maxLength(200))
const nullWhenMissing = <T>(value: T | null | undefined): T | null => value ?? null
const optionalId = z.pipe(z.nullish(z.string().check(z.maxLength(200))), z.transform(nullWhenMissing<string>))
const optionalText = z.pipe(z.nullish(z.string()), z.transform(nullWhenMissing<string>))
const timestamp = z.pipe(
  z.union([z.string(), z.date()]),
  z.transform((value: string | Date, ctx) => {
    const date = value instanceof Date ? value : new Date(value)
    if (Number.isNaN(date.getTime())) {
      ctx.issues.push({ code: 'custom', message: 'not a timestamp', input: value })
      return z.NEVER
    }
    return date.toISOString()
  }),
)

/** A question, and the names of the fields that were cut to their limits. */
export interface ParsedQuestion {
  question: Question
  cut: string[]
}

/** A question row as the SSE `state` frame or the database hands it over (snake_case). */
const wireQuestionSchema = z.pipe(
  z.object({
    id,
    product_id: id,
    product_name: optionalText,
    story_id: optionalId,
    story_code: optionalText,
    story_title: optionalText,
    task_id: optionalId,
    idea_id: optionalId,
    idea_code: optionalText,
    idea_title: optionalText,
    assignee_id: optionalId,
    question: z.string(),
    options: z.unknown(),
    created_at: timestamp,
    expires_at: timestamp,
  }),
  z.transform((row): ParsedQuestion => {
    const cut: string[] = []
    const bounded = <T extends string | null>(field: string, value: T, max: number): T => {
      if (value === null || value.length <= max) return value
      cut.push(field)
      return cutText(value, max) as T
    }
    const question = questionFromColumns({
      ...row,
      product_name: bounded('product_name', row.product_name, TEXT_LIMITS.productName),
      story_code: bounded('story_code', row.story_code, TEXT_LIMITS.code),
      story_title: bounded('story_title', row.story_title, TEXT_LIMITS.title),
      idea_code: bounded('idea_code', row.idea_code, TEXT_LIMITS.code),
      idea_title: bounded('idea_title', row.idea_title, TEXT_LIMITS.title),
      // The server's column is `question`; ours is `text`.
      text: bounded('question', row.question, TEXT_LIMITS.question),
      ...splitOptions(row.options, cut),
    })
    return { question, cut }
  }),
)

/**
 * `options` is jsonb: a list of choices, null for free text, or an object with context
 * (merge-conflict questions). Which choices a list offers is `offeredOptions`' call.
 */
function splitOptions(raw: unknown, cut: string[]): Pick<Question, 'options' | 'context'> {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    if (JSON.stringify(raw).length <= TEXT_LIMITS.context)
      return { options: null, context: raw as Record<string, unknown> }
    // An object cannot be cut in a meaningful place; the question stays, without its context.
    cut.push('options (context)')
    return { options: null, context: null }
  }
  const offered = offeredOptions(raw)
  if (offered.cut) cut.push('options')
  return { options: offered.options, context: null }
}

/** Parses the rows of a `state` snapshot one by one, so one bad row cannot hide the others. */
export const stateFrameSchema = z.object({ questions: z.array(z.unknown()) })

/** The trigger's payload on `scrum4me_changes`. It carries ids and status only, never text. */
const questionChangeSchema = z.object({
  op: z.string(),
  entity: z.literal('question'),
  id,
  product_id: id,
  story_id: optionalId,
  task_id: optionalId,
  idea_id: optionalId,
  status: z.optional(z.string().check(z.maxLength(200))),
})
export type QuestionChange = z.infer<typeof questionChangeSchema>

/** What one NOTIFY / SSE `data:` payload means to us. */
export type ParsedChange =
  | { kind: 'question'; change: QuestionChange }
  | { kind: 'foreign' }
  | { kind: 'invalid'; reason: string }

/** Classifies a raw payload: our question changes, other entities and app messages, or garbage. */
export function parseChange(payload: string): ParsedChange {
  let json: unknown
  try {
    json = JSON.parse(payload)
  } catch {
    return { kind: 'invalid', reason: 'malformed JSON' }
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { kind: 'invalid', reason: 'not a JSON object' }
  }
  const entity = (json as { entity?: unknown }).entity
  if (entity !== 'question') {
    // Stories, tasks and application messages (`type: claude_job_…`) share the channel.
    if (entity !== undefined || 'type' in json) return { kind: 'foreign' }
    return { kind: 'invalid', reason: 'no entity or type' }
  }
  const result = questionChangeSchema.safeParse(json)
  if (!result.success) return { kind: 'invalid', reason: z.prettifyError(result.error).replace(/\n/g, ' ') }
  return { kind: 'question', change: result.data }
}

/** Validates one row: the question, or why it was refused (for the log). */
export function parseQuestion(row: unknown): ({ ok: true } & ParsedQuestion) | { ok: false; reason: string } {
  const result = wireQuestionSchema.safeParse(row)
  if (result.success) return { ok: true, ...result.data }
  return { ok: false, reason: z.prettifyError(result.error).replace(/\n/g, ' ') }
}

/** A question whose fields were cut, for a warning in the log. */
export interface CutFields {
  id: string
  fields: string[]
}

/** One log line for a question whose over-long fields were cut, the same from every transport. */
export function warnCut(log: Pick<Logger, 'warn'>, { id, fields }: CutFields): void {
  log.warn('cut over-long fields of a question', { id, fields: fields.join(', ') })
}

/** Validates rows individually: the good ones are kept, the bad ones are reported for logging. */
export function parseQuestions(rows: readonly unknown[]): {
  questions: Question[]
  rejected: string[]
  cut: CutFields[]
} {
  const questions: Question[] = []
  const rejected: string[] = []
  const cut: CutFields[] = []
  for (const row of rows) {
    const result = parseQuestion(row)
    if (!result.ok) {
      rejected.push(result.reason)
      continue
    }
    questions.push(result.question)
    if (result.cut.length > 0) cut.push({ id: result.question.id, fields: result.cut })
  }
  return { questions, rejected, cut }
}
