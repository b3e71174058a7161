// Schemas for everything that arrives off the wire (SSE frames, NOTIFY payloads, SQL rows).
// Nothing reaches the rest of the app before it has passed through here.
import type { Question } from '@shared/question'
import { z } from 'zod'

const MAX_QUESTION_CHARS = 4000
const MAX_OPTIONS = 8

const id = z.string().min(1).max(200)
const optionalText = z
  .string()
  .nullish()
  .transform((value) => value ?? null)
const timestamp = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'not a timestamp' })
    return z.NEVER
  }
  return date.toISOString()
})

/** A question row as the SSE `state` frame or the database hands it over (snake_case). */
export const wireQuestionSchema = z
  .object({
    id,
    product_id: id,
    product_name: optionalText,
    story_id: optionalText,
    story_code: optionalText,
    story_title: optionalText,
    task_id: optionalText,
    idea_id: optionalText,
    idea_code: optionalText,
    idea_title: optionalText,
    assignee_id: optionalText,
    question: z.string(),
    options: z.unknown(),
    created_at: timestamp,
    expires_at: timestamp,
  })
  .transform(
    (row): Question => ({
      id: row.id,
      productId: row.product_id,
      productName: row.product_name,
      storyId: row.story_id,
      storyCode: row.story_code,
      storyTitle: row.story_title,
      taskId: row.task_id,
      ideaId: row.idea_id,
      ideaCode: row.idea_code,
      ideaTitle: row.idea_title,
      assigneeId: row.assignee_id,
      // The server caps questions at 4000 chars; a longer one is cut rather than refused.
      text: row.question.slice(0, MAX_QUESTION_CHARS),
      ...splitOptions(row.options),
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    }),
  )

/**
 * `options` is jsonb: a list of choices, null for free text, or an object with context
 * (merge-conflict questions). Only a clean list of non-empty strings becomes buttons.
 */
function splitOptions(raw: unknown): Pick<Question, 'options' | 'context'> {
  if (Array.isArray(raw)) {
    const clean = raw.length > 0 && raw.every((item) => typeof item === 'string' && item.trim() !== '')
    return { options: clean ? (raw as string[]).slice(0, MAX_OPTIONS) : null, context: null }
  }
  if (raw !== null && typeof raw === 'object')
    return { options: null, context: raw as Record<string, unknown> }
  return { options: null, context: null }
}

/** Parses the rows of a `state` snapshot one by one, so one bad row cannot hide the others. */
export const stateFrameSchema = z.object({ questions: z.array(z.unknown()) })

/** The trigger's payload on `scrum4me_changes`. It carries ids and status only, never text. */
export const questionChangeSchema = z.object({
  op: z.string(),
  entity: z.literal('question'),
  id,
  product_id: id,
  story_id: optionalText,
  task_id: optionalText,
  idea_id: optionalText,
  status: z.string().optional(),
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

/** Validates rows individually: the good ones are kept, the bad ones are reported for logging. */
export function parseQuestions(rows: readonly unknown[]): { questions: Question[]; rejected: string[] } {
  const questions: Question[] = []
  const rejected: string[] = []
  for (const row of rows) {
    const result = wireQuestionSchema.safeParse(row)
    if (result.success) questions.push(result.data)
    else rejected.push(z.prettifyError(result.error).replace(/\n/g, ' '))
  }
  return { questions, rejected }
}
