// The reads of the PostgreSQL feed. Parameterised constants only: $1 is always the user id.
// Column names are the snake_case ones `wireQuestionSchema` parses (SQL stays out of wire.ts).

/** The open set is at most this many questions, newest first (as the SSE `state` frame). */
export const OPEN_QUESTIONS_LIMIT = 100

const COLUMNS = `
  q.id,
  q.product_id,
  p.name AS product_name,
  q.story_id,
  s.code AS story_code,
  s.title AS story_title,
  s.assignee_id,
  q.task_id,
  q.idea_id,
  i.code AS idea_code,
  i.title AS idea_title,
  q.question,
  q.options,
  q.created_at,
  q.expires_at`

const FROM = `
  FROM claude_questions q
  JOIN products p ON p.id = q.product_id
  LEFT JOIN stories s ON s.id = q.story_id
  LEFT JOIN ideas i ON i.id = q.idea_id`

// Who may see a question (docs/protocol.md, Access rule): the product is live and the user owns it or
// is a member; an idea question only its idea's owner. A dangling idea id fails closed (i.user_id is null).
const VISIBLE_TO_USER = `
  NOT p.archived
  AND (p.user_id = $1::text
       OR EXISTS (SELECT 1 FROM product_members m WHERE m.product_id = q.product_id AND m.user_id = $1::text))
  AND (q.idea_id IS NULL OR i.user_id = $1::text)`

/** Params `[userId]`: the open, unexpired questions the user may see. */
export const OPEN_QUESTIONS_SQL = `
SELECT ${COLUMNS}
${FROM}
 WHERE q.status = 'open'
   AND q.expires_at > now()
   AND ${VISIBLE_TO_USER}
 ORDER BY q.created_at DESC, q.id
 LIMIT ${OPEN_QUESTIONS_LIMIT}`

/**
 * Params `[userId, ids]`: the named questions the user may see, whatever their status, with
 * `status` and `expired` (judged by the server's clock). A missing id is gone or not visible.
 */
export const QUESTIONS_BY_ID_SQL = `
SELECT ${COLUMNS},
  q.status,
  q.expires_at <= now() AS expired
${FROM}
 WHERE q.id = ANY ($2::text[])
   AND ${VISIBLE_TO_USER}`
