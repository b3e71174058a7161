// Answering end to end through the real core: SQLite outbox, the real feed, and either the
// SSE test server's answer route or PostgreSQL directly. The rules are the same in both modes.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AnswerInput, AnswerOutcome } from '@shared/answer'
import type { FeedState } from '@shared/feed-state'
import { afterEach, describe, expect, it } from 'vitest'
import { sleep } from '../../../test/support/feed-harness'
import { answerAndAuthorOf, insertQuestion, setQuestionStatus } from '../../../test/support/fixtures'
import { withClient } from '../../../test/support/pg-client'
import { setUpSeededDatabase } from '../../../test/support/seeded-database'
import { type SseTestServer, startSseTestServer } from '../../../test/support/sse-test-server'
import type { FeedConfig, FeedTiming } from '../feed/feed-config'
import { silentLogger } from '../log/logger'
import { NotifierCore } from './notifier-core'

const TIMING = {
  policy: { baseMs: 100, capMs: 500, floorMs: 20, connectTimeoutMs: 2000, nudgeMinIntervalMs: 500 },
  sse: { plannedLifetimeMs: 60_000, refreshSpreadMs: 20 },
}

const db = setUpSeededDatabase()
let server: SseTestServer | null = null
/** The server's credential → user table; a test may revoke a session or add a new one. */
let credentials: Record<string, string> = {}
const cores: NotifierCore[] = []
const dirs: string[] = []

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  await server?.close()
  server = null
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

type Mode = 'sse' | 'pg'

async function feedFor(mode: Mode, userId: string): Promise<FeedConfig> {
  if (mode === 'pg') return { kind: 'pg', connectionString: db.url, userId }
  if (!server)
    credentials = Object.fromEntries(Object.values(db.world.users).map((id) => [`token-${id}`, id]))
  server ??= await startSseTestServer({
    databaseUrl: db.url,
    credentials,
    heartbeatMs: 500,
    lifetimeMs: 60_000,
  })
  return { kind: 'sse', serverUrl: server.origin, auth: { kind: 'bearer', token: `token-${userId}` } }
}

async function startCore(
  mode: Mode,
  userId: string,
  dataDir?: string,
  overrides: { timing?: FeedTiming; answerWaitMs?: number } = {},
): Promise<NotifierCore> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 's4m-core-'))
  if (!dataDir) dirs.push(dir)
  const core = new NotifierCore({
    feed: await feedFor(mode, userId),
    dataDir: dir,
    applicationName: `answer-test-${mode}`,
    log: silentLogger,
    timing: overrides.timing ?? TIMING,
    answerWaitMs: overrides.answerWaitMs ?? 5000,
  })
  cores.push(core)
  return core
}

async function connected(core: NotifierCore): Promise<void> {
  const deadline = Date.now() + 10_000
  core.start()
  while (core.feedState.state !== 'connected') {
    if (Date.now() > deadline) throw new Error(`not connected: ${JSON.stringify(core.feedState)}`)
    await sleep(20)
  }
}

/** Resolves when the core reports the feed down: from then on an answer waits in the outbox. */
function offline(core: NotifierCore): Promise<void> {
  const down = (state: FeedState) => state.state !== 'connected' && state.state !== 'connecting'
  return new Promise((resolve) => {
    if (down(core.feedState)) return resolve()
    const stop = core.onState((state) => {
      if (!down(state)) return
      stop()
      resolve()
    })
  })
}

async function untilKnown(core: NotifierCore, id: string): Promise<void> {
  const deadline = Date.now() + 5000
  while (!core.store.get(id)) {
    if (Date.now() > deadline) throw new Error(`question ${id} never arrived`)
    await sleep(20)
  }
}

function ask(fields: Partial<Parameters<typeof insertQuestion>[1]> = {}) {
  return insertQuestion(db.url, {
    productId: db.world.products.alpha,
    storyId: db.world.stories.st101,
    askedBy: db.world.users.ann,
    ...fields,
  })
}

const refusedWith = (reason: string) => expect.objectContaining({ kind: 'refused', reason }) as AnswerOutcome

describe.each<Mode>(['sse', 'pg'])('answering in %s mode', (mode) => {
  it('sends an option and a free-text answer, and the question leaves the open list', async () => {
    const choice = await ask({ options: ['Ja', 'Nee'] })
    const free = await ask({ options: null })
    const core = await startCore(mode, db.world.users.ann)
    await connected(core)
    expect(await core.answer(choice, { kind: 'option', option: 'Nee' })).toEqual({ kind: 'sent' })
    expect(await core.answer(free, { kind: 'text', text: 'Gebruik de bestaande migratie.' })).toEqual({
      kind: 'sent',
    })
    expect(await answerAndAuthorOf(db.url, choice)).toMatchObject({
      status: 'answered',
      answer: 'Nee',
      answered_by: db.world.users.ann,
    })
    expect(await answerAndAuthorOf(db.url, free)).toMatchObject({
      status: 'answered',
      answer: 'Gebruik de bestaande migratie.',
    })
    expect(core.listOpen().map((q) => q.id)).toEqual([])
  })

  it('refuses an answer that is not one of the options, without sending it', async () => {
    const id = await ask({ options: ['Ja', 'Nee'] })
    const core = await startCore(mode, db.world.users.ann)
    await connected(core)
    expect(await core.answer(id, { kind: 'option', option: 'Misschien' })).toEqual(
      refusedWith('invalid-option'),
    )
    expect(await answerAndAuthorOf(db.url, id)).toMatchObject({ status: 'open', answer: null })
  })

  it('takes the answer the panel offers for an option list with a blank item', async () => {
    const id = await ask({ options: ['Ja', ' ', 'Nee'] })
    const core = await startCore(mode, db.world.users.ann)
    await connected(core)
    await untilKnown(core, id)
    // Whatever the panel offers must be accepted: buttons, or a text box for free text.
    const shown = core.store.get(id)?.question
    const answer: AnswerInput = shown?.options
      ? { kind: 'option', option: 'Nee' }
      : { kind: 'text', text: 'Liever niet' }
    expect(await core.answer(id, answer)).toEqual({ kind: 'sent' })
    // The blank item is no button, and the others are.
    expect(shown?.options).toEqual(['Ja', 'Nee'])
    expect(await answerAndAuthorOf(db.url, id)).toMatchObject({ status: 'answered', answer: 'Nee' })
  })

  it('refuses expired, already answered and cancelled questions with a clear reason', async () => {
    const expiring = await ask({ expiresAt: new Date(Date.now() + 1500) })
    const answered = await ask()
    const cancelled = await ask()
    const core = await startCore(mode, db.world.users.ann)
    await connected(core)
    await untilKnown(core, answered)
    // Answered elsewhere while we were looking: the server has the final word.
    await withClient(db.url, (client) =>
      client.query(`UPDATE claude_questions SET status = 'answered', answer = 'Ja' WHERE id = $1`, [
        answered,
      ]),
    )
    await setQuestionStatus(db.url, cancelled, 'cancelled')
    await sleep(1600)
    expect(await core.answer(expiring, { kind: 'option', option: 'Ja' })).toEqual(refusedWith('not-open'))
    const late = await core.answer(answered, { kind: 'option', option: 'Nee' })
    expect(late).toEqual(refusedWith('not-open'))
    expect(await core.answer(cancelled, { kind: 'option', option: 'Ja' })).toEqual(refusedWith('not-open'))
    expect(await answerAndAuthorOf(db.url, answered)).toMatchObject({ answer: 'Ja' })
  })

  it('refuses the demo user, users without access and idea questions of someone else', async () => {
    const question = await ask()
    const idea = await ask({ storyId: null, ideaId: db.world.ideas.bobsIdea, askedBy: db.world.users.bob })
    // The demo user may read Alpha's questions, never answer.
    const demo = await startCore(mode, db.world.users.demo)
    await connected(demo)
    await untilKnown(demo, question)
    expect(await demo.answer(question, { kind: 'option', option: 'Ja' })).toEqual(refusedWith('forbidden'))
    expect(await answerAndAuthorOf(db.url, question)).toMatchObject({ status: 'open' })
    // Ann sees neither Bob's idea question nor may she answer it.
    const ann = await startCore(mode, db.world.users.ann)
    await connected(ann)
    expect(ann.store.get(idea)).toBeUndefined()
    expect(await ann.answer(idea, { kind: 'option', option: 'Ja' })).toEqual(refusedWith('not-open'))
    expect(await answerAndAuthorOf(db.url, idea)).toMatchObject({ status: 'open' })
  })

  it('queues an answer given offline and delivers it exactly once when the feed is back', async () => {
    const id = await ask()
    const core = await startCore(mode, db.world.users.ann)
    await connected(core)
    core.setOnline(false)
    await offline(core)
    expect(await core.answer(id, { kind: 'option', option: 'Ja' })).toEqual({ kind: 'queued' })
    expect(await answerAndAuthorOf(db.url, id)).toMatchObject({ status: 'open' })
    const settled = new Promise((resolve) => core.onAnswersSettled(resolve))
    core.setOnline(true)
    expect(await settled).toMatchObject({ result: { kind: 'sent' } })
    expect(await answerAndAuthorOf(db.url, id)).toMatchObject({ status: 'answered', answer: 'Ja' })
  })

  it('gives one answer to the first of two devices and "already answered" to the other', async () => {
    const id = await ask()
    const first = await startCore(mode, db.world.users.ann)
    const second = await startCore(mode, db.world.users.bob)
    await Promise.all([connected(first), connected(second)])
    await Promise.all([untilKnown(first, id), untilKnown(second, id)])
    const outcomes = await Promise.all([
      first.answer(id, { kind: 'option', option: 'Ja' }),
      second.answer(id, { kind: 'option', option: 'Nee' }),
    ])
    expect(outcomes.filter((o) => o.kind === 'sent')).toHaveLength(1)
    expect(outcomes.filter((o) => o.kind === 'refused' && o.reason === 'not-open')).toHaveLength(1)
    const winner = outcomes[0]?.kind === 'sent' ? 'Ja' : 'Nee'
    expect(await answerAndAuthorOf(db.url, id)).toMatchObject({ status: 'answered', answer: winner })
  })

  it('keeps a second click on the same question from sending a second answer', async () => {
    const id = await ask()
    const core = await startCore(mode, db.world.users.ann)
    await connected(core)
    core.setOnline(false)
    await offline(core)
    expect(await core.answer(id, { kind: 'option', option: 'Ja' })).toEqual({ kind: 'queued' })
    expect(await core.answer(id, { kind: 'option', option: 'Nee' })).toEqual(refusedWith('not-open'))
  })
})

describe('answering in sse mode, server specifics', () => {
  it('resends with the same idempotency key after a lost acknowledgement: recorded once (C14)', async () => {
    const id = await ask()
    const core = await startCore('sse', db.world.users.ann)
    await connected(core)
    server?.setFaults({ answerRoute: { dropResponses: 1 } })
    // The first reply is lost; the resend (same key) within the wait is acknowledged as a replay.
    expect(await core.answer(id, { kind: 'option', option: 'Ja' })).toEqual({ kind: 'sent' })
    const posts = server?.requestLog.filter((entry) => entry.method === 'POST') ?? []
    expect(posts).toHaveLength(2)
    expect(posts[0]?.headers['idempotency-key']).toBeTruthy()
    expect(posts[1]?.headers['idempotency-key']).toBe(posts[0]?.headers['idempotency-key'])
    const receipts = await withClient(db.url, (client) =>
      client.query('SELECT count(*)::int AS n FROM answer_receipts WHERE question_id = $1', [id]),
    )
    expect(receipts.rows[0]).toEqual({ n: 1 })
    expect(await answerAndAuthorOf(db.url, id)).toMatchObject({ status: 'answered', answer: 'Ja' })
  })

  it('retries a lost answer on the timing overrides, not on the built-in backoff', async () => {
    const id = await ask()
    // A minute's floor under every retry: the built-in backoff would resend within a second.
    const slowRetry = {
      ...TIMING,
      policy: { ...TIMING.policy, baseMs: 60_000, capMs: 60_000, floorMs: 60_000 },
    }
    const core = await startCore('sse', db.world.users.ann, undefined, {
      timing: slowRetry,
      answerWaitMs: 2000,
    })
    await connected(core)
    server?.setFaults({ answerRoute: { dropResponses: 1 } })
    expect(await core.answer(id, { kind: 'option', option: 'Ja' })).toEqual({ kind: 'queued' })
    expect(server?.requestLog.filter((entry) => entry.method === 'POST')).toHaveLength(1)
  })

  it('keeps an answer the server answers 401 queued, and delivers it once after signing in again', async () => {
    const id = await ask()
    const dataDir = mkdtempSync(join(tmpdir(), 's4m-core-'))
    dirs.push(dataDir)
    const first = await startCore('sse', db.world.users.ann, dataDir)
    await connected(first)
    await untilKnown(first, id)
    // The session ends on the server while the stream still runs: the answer route says 401.
    delete credentials[`token-${db.world.users.ann}`]
    expect(await first.answer(id, { kind: 'option', option: 'Ja' })).toEqual({ kind: 'queued' })
    expect(first.outboxLength()).toBe(1)
    expect(await answerAndAuthorOf(db.url, id)).toMatchObject({ status: 'open' })
    await first.close()

    // Signed in again: a new session and a new core on the same cache, as after "Sign in again".
    credentials['token-ann-again'] = db.world.users.ann
    const second = new NotifierCore({
      feed: {
        kind: 'sse',
        serverUrl: server?.origin ?? '',
        auth: { kind: 'bearer', token: 'token-ann-again' },
      },
      dataDir,
      applicationName: 'answer-test-sse',
      log: silentLogger,
      timing: TIMING,
    })
    cores.push(second)
    const settled = new Promise((resolve) => second.onAnswersSettled(resolve))
    await connected(second)
    expect(await settled).toMatchObject({ result: { kind: 'sent' } })
    expect(second.outboxLength()).toBe(0)
    expect(await answerAndAuthorOf(db.url, id)).toMatchObject({ status: 'answered', answer: 'Ja' })
    const receipts = await withClient(db.url, (client) =>
      client.query('SELECT count(*)::int AS n FROM answer_receipts WHERE question_id = $1', [id]),
    )
    expect(receipts.rows[0]).toEqual({ n: 1 })
  })

  it('checks the session at once when an answer meets a 401, so the app says "signed out" without waiting for the stream to end', async () => {
    const id = await ask()
    const core = await startCore('sse', db.world.users.ann)
    await connected(core)
    await untilKnown(core, id)
    // Past the nudge rate limit, as any answer a person types is.
    await sleep(600)
    delete credentials[`token-${db.world.users.ann}`]
    expect(await core.answer(id, { kind: 'option', option: 'Ja' })).toEqual({ kind: 'queued' })
    const deadline = Date.now() + 5000
    while (core.feedState.state !== 'failed' && Date.now() < deadline) await sleep(20)
    expect(core.feedState).toMatchObject({ state: 'failed', failure: 'auth' })
    expect(core.outboxLength()).toBe(1)
  })

  it('tells the user to answer in Scrum4Me when the server has no answer route', async () => {
    const id = await ask()
    const core = await startCore('sse', db.world.users.ann)
    await connected(core)
    server?.setFaults({ answerRoute: { missing: true } })
    expect(await core.answer(id, { kind: 'option', option: 'Ja' })).toEqual(refusedWith('answer-in-web-app'))
    expect(await answerAndAuthorOf(db.url, id)).toMatchObject({ status: 'open' })
  })
})

describe('learning whether the server takes answers, before anyone answers', () => {
  /** The next value the core learns, or the current one when it already knows. */
  function learned(core: NotifierCore): Promise<string> {
    return new Promise((resolve) => {
      if (core.answering !== 'unknown') return resolve(core.answering)
      const stop = core.onAnswering((answering) => {
        stop()
        resolve(answering)
      })
    })
  }

  async function untouched(id: string) {
    expect(await answerAndAuthorOf(db.url, id)).toMatchObject({
      status: 'open',
      answer: null,
      answered_by: null,
    })
    const receipts = await withClient(db.url, (client) =>
      client.query('SELECT 1 FROM answer_receipts WHERE question_id = $1', [id]),
    )
    expect(receipts.rowCount).toBe(0)
    expect(server?.requestLog.filter((entry) => entry.method === 'POST')).toEqual([])
  }

  it('SSE with the route: available from the first connection, with one OPTIONS and nothing written', async () => {
    const id = await ask({ options: ['Ja', 'Nee'] })
    const core = await startCore('sse', db.world.users.ann)
    expect(core.answering).toBe('unknown')
    const answering = learned(core)
    await connected(core)
    expect(await answering).toBe('available')
    await untouched(id)
    expect(server?.requestLog.filter((entry) => entry.path.endsWith('/answer'))).toMatchObject([
      { method: 'OPTIONS', path: '/api/questions/notifier-route-check/answer' },
    ])
  })

  it('SSE without the route: web-only from the first connection, and learned again on another server', async () => {
    const id = await ask({ options: ['Ja', 'Nee'] })
    const withoutRoute = await startCore('sse', db.world.users.ann)
    server?.setFaults({ answerRoute: { missing: true } })
    const answering = learned(withoutRoute)
    await connected(withoutRoute)
    expect(await answering).toBe('web-only')
    await untouched(id)
    // A changed connection is a new core, which asks its own server.
    await withoutRoute.close()
    server?.clearFaults()
    const again = await startCore('sse', db.world.users.ann)
    const answeringAgain = learned(again)
    await connected(again)
    expect(await answeringAgain).toBe('available')
  })

  it('pg: always available, nothing to ask', async () => {
    const core = await startCore('pg', db.world.users.ann)
    expect(core.answering).toBe('available')
  })
})

describe('a real answer has the final word on whether the server takes answers', () => {
  it('SSE: the route gone after the check turns the panel to web-only at the first answer', async () => {
    const id = await ask({ options: ['Ja', 'Nee'] })
    const core = await startCore('sse', db.world.users.ann)
    await connected(core)
    await expect.poll(() => core.answering).toBe('available')
    server?.setFaults({ answerRoute: { missing: true } })
    expect(await core.answer(id, { kind: 'option', option: 'Ja' })).toEqual(refusedWith('answer-in-web-app'))
    expect(core.answering).toBe('web-only')
  })
})
