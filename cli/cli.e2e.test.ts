// The built CLI as a user runs it: a real process against the real test servers.
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sleep } from '../test/support/feed-harness'
import { insertQuestion, setQuestionStatus } from '../test/support/fixtures'
import { type JsonLinesProcess, spawnJsonLines } from '../test/support/json-lines-process'
import { withClient } from '../test/support/pg-client'
import { setUpSeededDatabase } from '../test/support/seeded-database'
import { type SseTestServer, startSseTestServer } from '../test/support/sse-test-server'

const BIN = fileURLToPath(new URL('../bin/scrum4me-notifier.js', import.meta.url))
const TIMING = JSON.stringify({
  policy: { baseMs: 100, capMs: 500, floorMs: 20, nudgeMinIntervalMs: 0 },
  sse: { plannedLifetimeMs: 60_000, refreshDebounceMs: 20 },
})

const running: ChildProcess[] = []

function cli(args: string[]): JsonLinesProcess {
  const run = spawnJsonLines(process.execPath, [BIN, ...args], {
    env: { ...process.env, SCRUM4ME_NOTIFIER_TIMING: TIMING },
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
    await sleep(300)
    if (mode === 'sse') expect(server.openStreams()).toBe(0)
    expect(await db.postgres.listenerCount(`scrum4me-notifier-cli/${run.child.pid}`)).toBe(0)
    expect(await db.postgres.listenerCount('cli-e2e-server')).toBe(0)
  })

  it('does not report questions again after a restart', async () => {
    const id = await ask()
    const first = cli(['watch', ...flags()])
    await first.waitForLine('the question', isQuestion(id))
    first.child.kill('SIGINT')
    expect(await first.exited).toBe(0)
    const second = cli(['watch', ...flags()])
    await second.waitForLine('connected', isState('connected'))
    await sleep(500)
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
