// The answer route the notifier posts to in SSE mode (docs/protocol.md, Answering): the same rules as
// Scrum4Me's answer_question tool, in one transaction, plus idempotency keys so a resend is harmless.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type pg from 'pg'
import { z } from 'zod'

export const ANSWER_PATH = /^\/api\/questions\/([^/]+)\/answer$/

const bodySchema = z.object({ answer: z.string() })

const LOCK_SQL = `
  SELECT q.status, q.options, q.expires_at > now() AS unexpired, p.archived,
         (p.user_id = $2 OR EXISTS (SELECT 1 FROM product_members m WHERE m.product_id = q.product_id AND m.user_id = $2)) AS member,
         (q.idea_id IS NULL OR EXISTS (SELECT 1 FROM ideas i WHERE i.id = q.idea_id AND i.user_id = $2)) AS idea_owner
  FROM claude_questions q JOIN products p ON p.id = q.product_id
  WHERE q.id = $1
  FOR UPDATE OF q`

export interface AnswerRouteFaults {
  /** The route does not exist: 404 with an HTML page, as from a web app without it. */
  missing: boolean
  /** Commit the answer, then reset the connection instead of replying (a lost acknowledgement). */
  dropResponses: number
}

/**
 * OPTIONS on the route, as Next.js answers it for a route file that exports only POST: 204 with
 * the methods in `Allow`; without the route, the same not-found page as for a POST.
 */
export function handleAnswerOptions(res: ServerResponse, faults: AnswerRouteFaults): void {
  if (faults.missing) {
    sendNotFoundPage(res)
    return
  }
  res.writeHead(204, { Allow: 'OPTIONS, POST' })
  res.end()
}

function sendNotFoundPage(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/html' })
  res.end('<!doctype html><title>404</title><p>Pagina niet gevonden</p>')
}

type Reply = { status: number; body: Record<string, unknown> } | 'drop'

export async function handleAnswerRequest(
  req: IncomingMessage,
  res: ServerResponse,
  questionId: string,
  userId: string | null,
  pool: pg.Pool,
  faults: AnswerRouteFaults,
): Promise<void> {
  if (faults.missing) {
    sendNotFoundPage(res)
    return
  }
  if (!userId) return send(res, { status: 401, body: { error: 'Niet ingelogd' } })
  const parsed = bodySchema.safeParse(await readJson(req))
  if (!parsed.success) return send(res, { status: 400, body: { error: 'Body must be {"answer": string}' } })
  const key = req.headers['idempotency-key']
  const reply = await answerInTransaction(pool, {
    questionId,
    userId,
    answer: parsed.data.answer,
    key: typeof key === 'string' ? key : null,
    drop: faults.dropResponses > 0,
  })
  if (reply === 'drop') {
    faults.dropResponses -= 1
    res.socket?.resetAndDestroy()
    return
  }
  send(res, reply)
}

async function answerInTransaction(
  pool: pg.Pool,
  input: { questionId: string; userId: string; answer: string; key: string | null; drop: boolean },
): Promise<Reply> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const reply = await decide(client, input)
    await client.query(reply.status === 200 ? 'COMMIT' : 'ROLLBACK')
    return reply.status === 200 && input.drop ? 'drop' : reply
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    return { status: 500, body: { error: String(error) } }
  } finally {
    client.release()
  }
}

async function decide(
  client: pg.PoolClient,
  {
    questionId,
    userId,
    answer,
    key,
  }: { questionId: string; userId: string; answer: string; key: string | null },
): Promise<{ status: number; body: Record<string, unknown> }> {
  if (key) {
    const seen = await client.query('SELECT 1 FROM answer_receipts WHERE idempotency_key = $1', [key])
    if (seen.rowCount) return { status: 200, body: { ok: true, replayed: true } }
  }
  const user = await client.query<{ is_demo: boolean }>('SELECT is_demo FROM users WHERE id = $1', [userId])
  if (user.rows[0]?.is_demo !== false)
    return { status: 403, body: { error: 'Demo-gebruikers kunnen niet antwoorden' } }
  const locked = await client.query<{
    status: string
    options: unknown
    unexpired: boolean
    archived: boolean
    member: boolean
    idea_owner: boolean
  }>(LOCK_SQL, [questionId, userId])
  const row = locked.rows[0]
  if (!row) return { status: 404, body: { error: 'Vraag niet gevonden' } }
  if (row.archived || !row.member || !row.idea_owner) return { status: 403, body: { error: 'Geen toegang' } }
  const options = Array.isArray(row.options) && row.options.length > 0 ? row.options : null
  if (options ? !options.includes(answer) : answer.trim() === '' || answer.length > 4000) {
    return { status: 422, body: { error: 'Ongeldig antwoord' } }
  }
  const updated = await client.query(
    `UPDATE claude_questions SET status = 'answered', answer = $2, answered_by = $3, answered_at = now()
     WHERE id = $1 AND status = 'open' AND expires_at > now()`,
    [questionId, answer, userId],
  )
  if (updated.rowCount !== 1) return { status: 409, body: { error: 'Vraag is niet meer open' } }
  if (key)
    await client.query('INSERT INTO answer_receipts (idempotency_key, question_id) VALUES ($1, $2)', [
      key,
      questionId,
    ])
  return { status: 200, body: { ok: true } }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = ''
  for await (const chunk of req) {
    text += chunk
    if (text.length > 64_000) return null
  }
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

function send(res: ServerResponse, reply: { status: number; body: Record<string, unknown> }): void {
  res.writeHead(reply.status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(reply.body))
}
