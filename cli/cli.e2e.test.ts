// The built CLI as a user runs it: a real process against the real test servers.
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sleep } from '../test/support/feed-harness'
import { insertQuestion, setQuestionStatus } from '../test/support/fixtures'
import { type JsonLinesProcess, spawnJsonLines } from '../test/support/json-lines-process'
import { withClient } from '../test/support/pg-client'
import { startPgTlsStandIn } from '../test/support/pg-tls-stand-in'
import { setUpSeededDatabase } from '../test/support/seeded-database'
import { selfSignedCertificate } from '../test/support/self-signed-certificate'
import { type SseTestServer, startSseTestServer } from '../test/support/sse-test-server'

const BIN = fileURLToPath(new URL('../bin/scrum4me-notifier.js', import.meta.url))
const TIMING = JSON.stringify({
  policy: { baseMs: 100, capMs: 500, floorMs: 20, nudgeMinIntervalMs: 0 },
  sse: { plannedLifetimeMs: 60_000, refreshSpreadMs: 20 },
})

const running: ChildProcess[] = []

/** `env` is added to this process's environment; `input` is written to the CLI's standard input. */
function cli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): JsonLinesProcess {
  const run = spawnJsonLines(process.execPath, [BIN, ...args], {
    env: { ...process.env, SCRUM4ME_NOTIFIER_TIMING: TIMING, ...options.env },
    ...(options.input !== undefined && { input: options.input }),
  })
  running.push(run.child)
  return run
}

const isQuestion = (id: string) => (line: Record<string, unknown>) =>
  line.type === 'question' && (line.question as { id?: string } | undefined)?.id === id
const isState = (state: string) => (line: Record<string, unknown>) =>
  line.type === 'state' && line.state === state

const db = setUpSeededDatabase()
let server: SseTestServer
let dataDir: string

beforeEach(async () => {
  server = await startSseTestServer({
    databaseUrl: db.url,
    credentials: { 'ann-token': db.world.users.ann },
    heartbeatMs: 500,
    lifetimeMs: 60_000,
    applicationName: 'cli-e2e-server',
  })
  dataDir = mkdtempSync(join(tmpdir(), 's4m-cli-'))
})
afterEach(async () => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const sseFlags = () => ['--server', server.origin, '--token', 'ann-token', '--data-dir', dataDir]
const pgFlags = () => ['--database', db.url, '--user', db.world.users.ann, '--data-dir', dataDir]
const ask = (options: unknown = ['Ja', 'Nee']) =>
  insertQuestion(db.url, {
    productId: db.world.products.alpha,
    storyId: db.world.stories.st101,
    askedBy: db.world.users.ann,
    options,
  })

describe.each([
  ['sse', sseFlags],
  ['pg', pgFlags],
] as const)('watch over %s', (mode, flags) => {
  it('prints questions as JSON lines, closes them, and exits 0 on SIGTERM leaving nothing behind', async () => {
    const early = await ask()
    const run = cli(['watch', ...flags()])
    await run.waitForLine('connected', isState('connected'))
    await run.waitForLine('the early question', isQuestion(early))
    // The snapshot's questions come before 'connected': the restart test below rests on that order.
    expect(run.lines.findIndex(isQuestion(early))).toBeLessThan(run.lines.findIndex(isState('connected')))
    const askedAt = Date.now()
    const live = await ask()
    await run.waitForLine('the live question', isQuestion(live))
    expect(Date.now() - askedAt).toBeLessThan(1000)
    await setQuestionStatus(db.url, early, 'cancelled')
    await run.waitForLine(
      'the close',
      (line) => line.type === 'closed' && line.id === early && line.status === 'cancelled',
    )

    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
    expect(run.lines.at(-1)).toMatchObject({ type: 'state', state: 'closed' })
    // The far ends notice the closed sockets a moment after the exit: waited for, not slept past.
    const gone = { timeout: 30_000, interval: 50 }
    if (mode === 'sse')
      await waitUntil('the server to see the stream close', () => server.openStreams() === 0)
    await vi.waitFor(async () => {
      expect(await db.postgres.listenerCount(`scrum4me-notifier-cli/${run.child.pid}`)).toBe(0)
      expect(await db.postgres.listenerCount('cli-e2e-server')).toBe(0)
    }, gone)
  })

  it('does not report questions again after a restart', async () => {
    const id = await ask()
    const first = cli(['watch', ...flags()])
    await first.waitForLine('the question', isQuestion(id))
    first.child.kill('SIGINT')
    expect(await first.exited).toBe(0)
    const second = cli(['watch', ...flags()])
    await second.waitForLine('connected', isState('connected'))
    // The anchor: the core hands on the snapshot before it reports 'connected' (notifier-core.ts), so a
    // question reported again would be printed before that line; no wait after it proves more.
    expect(second.lines.filter((line) => line.type === 'question')).toEqual([])
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
  })

  it('answers by option number, and refuses a second answer with exit 3', async () => {
    const id = await ask(['Ja', 'Nee'])
    const run = cli(['answer', id, '--option', '2', ...flags()])
    expect(await run.exited).toBe(0)
    expect(run.lines).toEqual([{ type: 'sent', id }])
    const again = cli(['answer', id, '--text', 'Ja', ...flags()])
    expect(await again.exited).toBe(3)
    expect(again.stderr()).toMatch(/refused \(not-open\)/)
    const { rows } = await withClient(db.url, (c) =>
      c.query('SELECT answer FROM claude_questions WHERE id = $1', [id]),
    )
    expect(rows[0]).toEqual({ answer: 'Nee' })
  })
})

describe('offline', () => {
  it('lists the cache without a network and queues an answer that survives kill -9 of watch (C13)', async () => {
    const id = await ask(['Ja', 'Nee'])
    const first = cli(['watch', ...sseFlags()])
    await first.waitForLine('the question', isQuestion(id))
    first.child.kill('SIGTERM')
    await first.exited
    const port = server.port
    await server.close()

    const list = cli(['list', '--json', '--data-dir', dataDir])
    expect(await list.exited).toBe(0)
    expect(list.lines[0]).toMatchObject({ questions: [{ id, options: ['Ja', 'Nee'] }] })
    expect(typeof list.lines[0]?.lastSyncedAt).toBe('string')

    // The server is gone: watch keeps retrying, and the answer is queued in the shared data dir.
    const offlineWatch = cli(['watch', ...sseFlags()])
    await offlineWatch.waitForLine('a failed attempt', isState('disconnected'))
    const queued = cli(['answer', id, '--option', '1', ...sseFlags()])
    expect(await queued.exited).toBe(0)
    expect(queued.lines).toEqual([{ type: 'queued', id }])
    offlineWatch.child.kill('SIGKILL')
    await offlineWatch.exited

    server = await startSseTestServer({
      databaseUrl: db.url,
      credentials: { 'ann-token': db.world.users.ann },
      heartbeatMs: 500,
      lifetimeMs: 60_000,
      port,
    })
    const back = cli(['watch', ...sseFlags()])
    await back.waitForLine('the queued answer', (line) => line.type === 'answer' && line.id === id)
    expect(back.lines.find((line) => line.type === 'answer')).toMatchObject({ result: { kind: 'sent' } })
    const { rows } = await withClient(db.url, (c) =>
      c.query(
        'SELECT status, answer, (SELECT count(*)::int FROM answer_receipts) AS receipts FROM claude_questions WHERE id = $1',
        [id],
      ),
    )
    expect(rows[0]).toEqual({ status: 'answered', answer: 'Ja', receipts: 1 })
    back.child.kill('SIGTERM')
    expect(await back.exited).toBe(0)
  })

  it('says what is wrong with bad flags and exits 2', async () => {
    const run = cli(['watch', '--server', 'http://scrum4me.example.com', '--token', 't'])
    expect(await run.exited).toBe(2)
    expect(run.stderr()).toMatch(/must use https/)
    expect(run.stderr()).toMatch(/Usage: scrum4me-notifier/)
  })
})

/** Anything a terminal would act on (C0, DEL, C1, bidi, zero-width), once the line breaks between lines are gone. */
const TERMINAL_CONTROL = /[\p{Cc}\p{Cf}]/u
const withoutLineBreaks = (text: string) => text.replaceAll('\n', '')
const ESC = '\u001b'

describe('expected reconnects', () => {
  it('watch prints no disconnect for planned closes and refreshes; --verbose logs them on stderr', async () => {
    await server.close()
    server = await startSseTestServer({
      databaseUrl: db.url,
      credentials: { 'ann-token': db.world.users.ann },
      heartbeatMs: 500,
      lifetimeMs: 1500,
      applicationName: 'cli-e2e-server',
    })
    const run = cli(['watch', '--verbose', ...sseFlags()])
    await run.waitForLine('connected', isState('connected'))
    const question = await ask()
    await run.waitForLine('the new question', isQuestion(question))
    const hidden = (reason: string) =>
      run
        .stderr()
        .split('\n')
        .filter((line) => line.includes(`(${reason})`))
    await waitUntil('a hidden planned close', () =>
      hidden('planned server close').some((line) => line.includes('reconnected without a visible break')),
    )
    await waitUntil('the hidden refresh', () =>
      hidden('a new question was asked').some((line) => line.includes('reconnected without a visible break')),
    )
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
    const states = run.lines.filter((line) => line.type === 'state').map((line) => line.state)
    expect(states).toEqual(['connecting', 'connected', 'closed'])
  })
})

describe('hostile server text', () => {
  // An OSC 52 clipboard write, then erase-line and carriage return to print a fake line over the real one.
  const productName = `Alpha${ESC}]52;c;ZXZpbA==\u0007${ESC}[2K\rFAKE`
  const storyCode = `ST\u009b31m-1\u202e\u200b`
  const questionText = `Kies\u0085 \u202eevil\u200b${ESC}[8m`
  const questionId = `q-${ESC}[31m-red`

  async function plantHostileQuestion(): Promise<void> {
    await withClient(db.url, async (c) => {
      await c.query('UPDATE products SET name = $1 WHERE id = $2', [productName, db.world.products.alpha])
      await c.query('UPDATE stories SET code = $1 WHERE id = $2', [storyCode, db.world.stories.st101])
    })
    await insertQuestion(db.url, {
      id: questionId,
      productId: db.world.products.alpha,
      storyId: db.world.stories.st101,
      askedBy: db.world.users.ann,
      question: questionText,
      options: [`Ja${ESC}[2K`, 'Nee\u202e'],
    })
  }

  it('watch escapes it in JSON (same values) and the logs escape event names and error text', async () => {
    await plantHostileQuestion()
    server.setFaults({
      next: [
        { kind: 'errorEvent', message: `db down${ESC}[2K\r2026-01-01T00:00:00.000Z info connected` },
        { kind: 'extraFrames', frames: [`event: bye${ESC}[1A\u202e\ndata: {}\n\n`] },
      ],
    })
    const run = cli(['watch', '--verbose', ...sseFlags()])
    await run.waitForLine('the question', isQuestion(questionId))
    await waitUntil('the unknown event in the log', () => /unknown SSE event/.test(run.stderr()))
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)

    expect(withoutLineBreaks(run.stdout())).not.toMatch(TERMINAL_CONTROL)
    const line = run.lines.find(isQuestion(questionId)) as { question: Record<string, unknown> }
    expect(line.question).toMatchObject({ productName, storyCode, text: questionText })
    expect(withoutLineBreaks(run.stderr())).not.toMatch(TERMINAL_CONTROL)
    expect(run.stderr()).toContain('the server reported an error: db down\\u001b[2K\\u000d2026')
    expect(run.stderr()).toContain('event=bye\\u001b[1A\\u202e')
  })

  it('list prints it without control or format characters, one line per line', async () => {
    await plantHostileQuestion()
    const watch = cli(['watch', ...sseFlags()])
    await watch.waitForLine('the question', isQuestion(questionId))
    watch.child.kill('SIGTERM')
    await watch.exited

    const list = cli(['list', '--data-dir', dataDir])
    expect(await list.exited).toBe(0)
    const output = list.stdout()
    expect(withoutLineBreaks(output)).not.toMatch(TERMINAL_CONTROL)
    expect(output.split('\n')).toEqual([
      expect.stringMatching(/^Last synced /),
      expect.stringMatching(
        /^q-\[31m-red — Alpha\]52;c;ZXZpbA==\[2K FAKE · ST31m-1 — asked just now, expires /,
      ),
      '  Kies evil[8m',
      '  [1] Ja[2K',
      '  [2] Nee',
      '',
    ])
    const json = cli(['list', '--json', '--data-dir', dataDir])
    expect(await json.exited).toBe(0)
    expect(withoutLineBreaks(json.stdout())).not.toMatch(TERMINAL_CONTROL)
    expect(json.lines[0]).toMatchObject({ questions: [{ id: questionId, productName, text: questionText }] })
  })

  it('answer prints a refusal naming a hostile status without its control characters', async () => {
    const id = await ask(['Ja', 'Nee'])
    const status = `closed${ESC}[2K\r{"type":"sent"}`
    const watch = cli(['watch', ...sseFlags()])
    await watch.waitForLine('the question', isQuestion(id))
    await setQuestionStatus(db.url, id, status)
    await watch.waitForLine('the close', (line) => line.type === 'closed' && line.status === status)
    watch.child.kill('SIGTERM')
    await watch.exited
    expect(withoutLineBreaks(watch.stdout())).not.toMatch(TERMINAL_CONTROL)

    const run = cli(['answer', id, '--text', 'Ja', ...sseFlags()])
    expect(await run.exited).toBe(3)
    expect(withoutLineBreaks(run.stderr())).not.toMatch(TERMINAL_CONTROL)
    expect(run.stderr()).toMatch(
      /answer refused \(not-open\): The question is closed\[2K \{"type":"sent"\}\./,
    )
  })
})

describe('secrets off the command line', () => {
  it('watch takes the token from SCRUM4ME_TOKEN and hides it in every log line', async () => {
    await server.close()
    const token = 'ann-env-token-7f3a'
    server = await startSseTestServer({
      databaseUrl: db.url,
      credentials: { [token]: db.world.users.ann },
      heartbeatMs: 500,
      lifetimeMs: 60_000,
    })
    // A server that echoes the credential back in its error text.
    server.setFaults({ next: [{ kind: 'errorEvent', message: `bad session ${token}` }] })
    const id = await ask()
    const run = cli(['watch', '--verbose', '--server', server.origin, '--data-dir', dataDir], {
      env: { SCRUM4ME_TOKEN: token },
    })
    await run.waitForLine('the question', isQuestion(id))
    run.child.kill('SIGTERM')
    expect(await run.exited).toBe(0)
    expect(run.stderr()).toContain('the server reported an error: bad session ***')
    expect(run.stderr()).not.toContain(token)
  })

  it('answer reads the token from standard input with --token-file -', async () => {
    const id = await ask(['Ja', 'Nee'])
    const run = cli(['answer', id, '--option', '1', '--server', server.origin, '--token-file', '-'], {
      input: 'ann-token\n',
      env: { SCRUM4ME_TOKEN: '' },
    })
    expect(await run.exited).toBe(0)
    expect(run.lines).toEqual([{ type: 'sent', id }])
  })
  it('pg mode takes the password from PGPASSWORD or a pgpass file, as the help says', async () => {
    const url = new URL(db.url)
    const password = decodeURIComponent(url.password)
    url.password = ''
    const watchWith = async (env: NodeJS.ProcessEnv) => {
      const flags = ['--database', url.href, '--user', db.world.users.ann, '--data-dir', dataDir]
      const run = cli(['watch', ...flags], { env: { PGPASSWORD: undefined, PGPASSFILE: undefined, ...env } })
      await run.waitForLine(
        'connected or failed',
        (line) => isState('connected')(line) || isState('failed')(line),
      )
      run.child.kill('SIGTERM')
      await run.exited
      return run.lines.find((line) => line.type === 'state' && line.state !== 'connecting')
    }
    expect(await watchWith({})).toMatchObject({ state: 'failed', failure: 'auth' })
    expect(await watchWith({ PGPASSWORD: password })).toMatchObject({ state: 'connected' })
    const pgpass = join(dataDir, 'pgpass')
    writeFileSync(
      pgpass,
      `${url.hostname}:${url.port}:${url.pathname.slice(1)}:${url.username}:${password}\n`,
      {
        mode: 0o600,
      },
    )
    expect(await watchWith({ PGPASSFILE: pgpass })).toMatchObject({ state: 'connected' })
  })
})

describe('TLS in pg mode', () => {
  it('refuses an untrusted database certificate even with NODE_TLS_REJECT_UNAUTHORIZED=0', async () => {
    const standIn = await startPgTlsStandIn(selfSignedCertificate('wrong.example'))
    try {
      const database = `postgres://u:pw@127.0.0.1:${standIn.port}/s4m?sslmode=verify-full`
      const run = cli(
        ['answer', 'q1', '--text', 'Ja', '--database', database, '--user', 'u1', '--data-dir', dataDir],
        {
          env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' },
        },
      )
      // Not cached, so refused after the feed gave up; the feed's attempt is what is under test.
      expect(await run.exited).toBe(3)
      expect(run.stderr()).toMatch(/the database's certificate was refused/)
      expect(standIn.sslRequests).toBeGreaterThan(0)
      expect(standIn.handshakes).toBe(0)
    } finally {
      await standIn.close()
    }
  })
})

async function waitUntil(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`)
    await sleep(20)
  }
}
