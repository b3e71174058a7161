// Typed data helpers over a test database URL: a small Scrum4Me world, questions, raw notifications.
import { randomUUID } from 'node:crypto'
import { withClient } from './pg-client'

/**
 * Who sees what (the access rule of docs/protocol.md):
 * - ann owns Alpha and the archived product; she sees Alpha's story questions, never Beta's.
 * - bob is a member of Alpha and owns Beta; he alone sees questions on his idea in Alpha.
 * - cas is a member of Beta only.
 * - demo (is_demo) is a member of Alpha: may read, never answer.
 */
export interface World {
  users: { ann: string; bob: string; cas: string; demo: string }
  products: { alpha: string; beta: string; archived: string }
  stories: { st101: string; st102: string; st201: string; st301: string }
  ideas: { bobsIdea: string }
}

export interface QuestionFields {
  productId: string
  askedBy: string
  id?: string
  storyId?: string | null
  taskId?: string | null
  ideaId?: string | null
  question?: string
  /** jsonb: an array of choices, an object (merge conflict) or null for free text. Default ['Ja', 'Nee']. */
  options?: unknown
  status?: string
  createdAt?: Date
  expiresAt?: Date
}

export const CHANNEL = 'scrum4me_changes'

export function newId(prefix: string): string {
  return `${prefix}_${randomUUID()}`
}

export async function seedWorld(url: string): Promise<World> {
  const world: World = {
    users: { ann: newId('usr'), bob: newId('usr'), cas: newId('usr'), demo: newId('usr') },
    products: { alpha: newId('prd'), beta: newId('prd'), archived: newId('prd') },
    stories: { st101: newId('sty'), st102: newId('sty'), st201: newId('sty'), st301: newId('sty') },
    ideas: { bobsIdea: newId('idea') },
  }
  const { users, products, stories, ideas } = world
  await withClient(url, async (client) => {
    await client.query('BEGIN')
    await client.query(
      'INSERT INTO users (id, is_demo) VALUES ($1, false), ($2, false), ($3, false), ($4, true)',
      [users.ann, users.bob, users.cas, users.demo],
    )
    await client.query(
      `INSERT INTO products (id, name, user_id, archived) VALUES
       ($1, 'Alpha', $4, false), ($2, 'Beta', $5, false), ($3, 'Oud product', $4, true)`,
      [products.alpha, products.beta, products.archived, users.ann, users.bob],
    )
    await client.query(
      'INSERT INTO product_members (product_id, user_id) VALUES ($1, $2), ($1, $3), ($4, $5)',
      [products.alpha, users.bob, users.demo, products.beta, users.cas],
    )
    await client.query(
      `INSERT INTO stories (id, product_id, code, title, assignee_id) VALUES
       ($1, $5, 'ST-101', 'Inloggen met e-mail', $8),
       ($2, $5, 'ST-102', 'Wachtwoord vergeten', NULL),
       ($3, $6, 'ST-201', 'Exporteren naar CSV', $8),
       ($4, $7, 'ST-301', 'Oude importfunctie', $9)`,
      [
        stories.st101,
        stories.st102,
        stories.st201,
        stories.st301,
        products.alpha,
        products.beta,
        products.archived,
        users.bob,
        users.ann,
      ],
    )
    await client.query(
      `INSERT INTO ideas (id, user_id, product_id, code, title) VALUES ($1, $2, $3, 'ID-7', 'Donkere modus')`,
      [ideas.bobsIdea, users.bob, products.alpha],
    )
    await client.query('COMMIT')
  })
  return world
}

/** Inserts a question (open, expiring in 24 h, options ['Ja', 'Nee'] unless given) and returns its id. */
export async function insertQuestion(url: string, fields: QuestionFields): Promise<string> {
  const id = fields.id ?? newId('q')
  const options = fields.options === undefined ? ['Ja', 'Nee'] : fields.options
  await withClient(url, (client) =>
    client.query(
      `INSERT INTO claude_questions
         (id, product_id, story_id, task_id, idea_id, asked_by, question, options, status, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9,
               coalesce($10, now()), coalesce($11, now() + interval '24 hours'))`,
      [
        id,
        fields.productId,
        fields.storyId ?? null,
        fields.taskId ?? null,
        fields.ideaId ?? null,
        fields.askedBy,
        fields.question ?? 'Welke aanpak kies je voor de migratie?',
        // pg would send a JS array as a Postgres array, not as JSON.
        options === null ? null : JSON.stringify(options),
        fields.status ?? 'open',
        // The database clock by default: microseconds keep quick successive inserts in order.
        fields.createdAt ?? null,
        fields.expiresAt ?? null,
      ],
    ),
  )
  return id
}

export async function setQuestionStatus(url: string, id: string, status: string): Promise<void> {
  const { rowCount } = await withClient(url, (client) =>
    client.query('UPDATE claude_questions SET status = $2 WHERE id = $1', [id, status]),
  )
  if (rowCount !== 1) throw new Error(`no question ${id}`)
}

/** How a question stands in the database: its status and answer; undefined when there is no such row. */
export function answerOf(url: string, id: string) {
  return questionColumns<{ status: string; answer: string | null }>(url, id, 'status, answer')
}

/** `answerOf`, and who answered. */
export function answerAndAuthorOf(url: string, id: string) {
  return questionColumns<{ status: string; answer: string | null; answered_by: string | null }>(
    url,
    id,
    'status, answer, answered_by',
  )
}

async function questionColumns<Row extends Record<string, unknown>>(
  url: string,
  id: string,
  columns: string,
): Promise<Row | undefined> {
  const { rows } = await withClient(url, (client) =>
    client.query<Row>(`SELECT ${columns} FROM claude_questions WHERE id = $1`, [id]),
  )
  return rows[0]
}

/** Sends any text on the channel: malformed, foreign (`type` instead of `entity`) or near the 8000-byte limit. */
export async function notifyRaw(url: string, payload: string): Promise<void> {
  await withClient(url, (client) => client.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]))
}
