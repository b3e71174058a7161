// The one mapping between a Question's fields and their snake_case column names, shared by the
// wire (the server's rows) and the cache (its own table), so a renamed field changes in one place.
import type { Question } from './question'

/** Every field of a Question, in its order, by column name. */
export const QUESTION_COLUMNS = {
  id: 'id',
  productId: 'product_id',
  productName: 'product_name',
  storyId: 'story_id',
  storyCode: 'story_code',
  storyTitle: 'story_title',
  taskId: 'task_id',
  ideaId: 'idea_id',
  ideaCode: 'idea_code',
  ideaTitle: 'idea_title',
  assigneeId: 'assignee_id',
  text: 'text',
  options: 'options',
  context: 'context',
  createdAt: 'created_at',
  expiresAt: 'expires_at',
} as const satisfies Record<keyof Question, string>

type Columns = typeof QUESTION_COLUMNS
type QuestionColumn = Columns[keyof Question]

/** A Question under its column names: the same values, snake_case keys. */
export type QuestionByColumn = { [F in keyof Question as Columns[F]]: Question[F] }

const FIELDS = Object.keys(QUESTION_COLUMNS) as (keyof Question)[]

/** Reads a Question out of a row; columns that are not a Question's (status, …) are left behind. */
export function questionFromColumns(row: QuestionByColumn): Question {
  const question: Partial<Record<keyof Question, unknown>> = {}
  for (const field of FIELDS) question[field] = row[QUESTION_COLUMNS[field]]
  return question as Question
}

export function questionToColumns(question: Question): QuestionByColumn {
  const row: Partial<Record<QuestionColumn, unknown>> = {}
  for (const field of FIELDS) row[QUESTION_COLUMNS[field]] = question[field]
  return row as QuestionByColumn
}
