// The reads of the PostgreSQL feed. Parameterised constants only: $1 is always the user id.
// Column names are the snake_case ones `wireQuestionSchema` parses (SQL stays out of wire.ts).
import { MAX_OPTION_CHARS, MAX_OPTIONS } from '@shared/answer-options'
import { TEXT_LIMITS } from '../wire'

/** The open set is at most this many questions, newest first (as the SSE `state` frame). */
export const OPEN_QUESTIONS_LIMIT = 100

// Every text is cut here one character past its limit in wire.ts, so a hostile row of megabytes
// never crosses the wire, and the parser still sees (and logs) that it was cut. substr, not left:
// it reads only the start of a large (TOASTed) value, where left() decompresses all of it.
const upTo = (column: string, limit: number) => `substr(${column}, 1, ${limit + 1})`

// `options` is sized by pg_column_size, which reads only the stored header: serialising a hostile
// jsonb of megabytes would cost the server more than reading it. A small stored value (nearly every
// question; even compressed it is under ~100 KB) passes whole and the parser judges it. A larger
// list keeps its first MAX_OPTIONS items, strings cut and anything else as null, which
// `offeredOptions` judges exactly as the full list. A larger object passes only while its text
// form is within twice the parser's limit (jsonb's text has more spaces than JSON.stringify's);
// beyond that it becomes a stand-in that is still too large, so the parser drops it and logs that.
const SMALL_STORED_BYTES = 1024
const OPTIONS = `
  CASE
    WHEN pg_column_size(q.options) <= ${SMALL_STORED_BYTES} THEN q.options
    WHEN jsonb_typeof(q.options) = 'array' THEN (
      SELECT jsonb_agg(
               CASE WHEN jsonb_typeof(item) = 'string'
                    THEN to_jsonb(${upTo("item #>> '{}'", MAX_OPTION_CHARS)})
                    ELSE 'null'::jsonb END
               ORDER BY n)
        FROM jsonb_array_elements(q.options) WITH ORDINALITY AS list(item, n)
       WHERE n <= ${MAX_OPTIONS})
    WHEN jsonb_typeof(q.options) = 'object' THEN
      CASE WHEN pg_column_size(q.options) <= ${2 * TEXT_LIMITS.context}
                AND length(q.options::text) <= ${2 * TEXT_LIMITS.context}
           THEN q.options
           ELSE jsonb_build_object('cut', repeat('x', ${TEXT_LIMITS.context + 1})) END
  END`

const COLUMNS = `
  q.id,
  q.product_id,
  ${upTo('p.name', TEXT_LIMITS.productName)} AS product_name,
  q.story_id,
  ${upTo('s.code', TEXT_LIMITS.code)} AS story_code,
  ${upTo('s.title', TEXT_LIMITS.title)} AS story_title,
  s.assignee_id,
  q.task_id,
  q.idea_id,
  ${upTo('i.code', TEXT_LIMITS.code)} AS idea_code,
  ${upTo('i.title', TEXT_LIMITS.title)} AS idea_title,
  ${upTo('q.question', TEXT_LIMITS.question)} AS question,
  ${OPTIONS} AS options,
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
