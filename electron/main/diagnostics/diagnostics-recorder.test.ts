// The recorder against a real core: the SSE test server over embedded PostgreSQL, SQLite on disk.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Question } from '@shared/question'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sleep } from '../../../test/support/feed-harness'
import { insertQuestion } from '../../../test/support/fixtures'
import { setUpSeededDatabase } from '../../../test/support/seeded-database'
import { type SseTestServer, startSseTestServer } from '../../../test/support/sse-test-server'
import { NotifierCore } from '../core/notifier-core'
import { silentLogger } from '../log/logger'
import { DiagnosticsRecorder } from './diagnostics-recorder'

const LIFETIME_MS = 1500
const TIMING = {
  policy: { baseMs: 100, capMs: 500, floorMs: 20, connectTimeoutMs: 2000, nudgeMinIntervalMs: 500 },
  // The server's own lifetime (60 s, beforeEach): no stream is replaced early unless a test says so.
  sse: { plannedLifetimeMs: 60_000, refreshSpreadMs: 20 },
}

const db = setUpSeededDatabase()
let server: SseTestServer
const cores: NotifierCore[] = []
const dirs: string[] = []

beforeEach(async () => {
  server = await startSseTestServer({
    databaseUrl: db.url,
    credentials: { 'token-ann': db.world.users.ann },
    heartbeatMs: 300,
    lifetimeMs: 60_000,
  })
})
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  await server.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function newCore(dataDir = tempDir()): NotifierCore {
  const core = new NotifierCore({
    feed: { kind: 'sse', serverUrl: server.origin, auth: { kind: 'bearer', token: 'token-ann' } },
    dataDir,
    applicationName: 'diagnostics-test',
    log: silentLogger,
    timing: TIMING,
    answerWaitMs: 2000,
  })
  cores.push(core)
  return core
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 's4m-diag-'))
  dirs.push(dir)
  return dir
}

function recorderFor(dataDir: string): DiagnosticsRecorder {
  return new DiagnosticsRecorder({ dataDir, logFile: '/logs/scrum4me-notifier.log', appVersion: '1.2.3' })
}

/** A core on a fresh data folder with a recorder attached, not started. */
function recordedCore(): { core: NotifierCore; recorder: DiagnosticsRecorder } {
  const dir = tempDir()
  const core = newCore(dir)
  const recorder = recorderFor(dir)
  recorder.attach(core)
  return { core, recorder }
}

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

const ask = (fields: { createdAt?: Date } = {}) =>
  insertQuestion(db.url, {
    productId: db.world.products.alpha,
    storyId: db.world.stories.st101,
    askedBy: db.world.users.ann,
    ...fields,
  })

describe('DiagnosticsRecorder', () => {
  it('counts a reconnect after the server drops the stream and keeps the error', async () => {
    server.setFaults({ next: [{ kind: 'partialEvent' }] })
    const { core, recorder } = recordedCore()
    core.start()
    await until('the reconnect', () => recorder.snapshot().reconnects === 1)
    await until('the second connection', () => core.feedState.state === 'connected')

    const diagnostics = recorder.snapshot()
    expect(diagnostics.feedHistory.map((change) => change.state)).toEqual([
      'connected',
      'connecting',
      'disconnected',
      'connected',
      'connecting',
    ])
    const drop = diagnostics.feedHistory[2]
    expect(drop?.detail).toBeTruthy()
    expect(diagnostics.lastError).toEqual({ at: drop?.at, message: drop?.detail })
    expect(Date.parse(diagnostics.lastEventAt ?? '')).toBe(Date.parse(diagnostics.feedHistory[0]?.at ?? ''))
    expect(diagnostics).toMatchObject({ logFile: '/logs/scrum4me-notifier.log', appVersion: '1.2.3' })
  })

  it('lists planned server closes as planned reconnects, not as offline or an error', async () => {
    await server.close()
    server = await startSseTestServer({
      databaseUrl: db.url,
      credentials: { 'token-ann': db.world.users.ann },
      heartbeatMs: 300,
      lifetimeMs: LIFETIME_MS,
    })
    const { core, recorder } = recordedCore()
    core.start()
    await until('two reconnects', () => recorder.snapshot().reconnects === 2)

    const diagnostics = recorder.snapshot()
    const planned = diagnostics.feedHistory.filter((change) => change.reconnect === 'planned')
    expect(planned.map((change) => change.detail)).toEqual(['planned server close', 'planned server close'])
    expect(planned.map((change) => change.state)).toEqual(['connected', 'connected'])
    expect(diagnostics.feedHistory.map((change) => change.state)).not.toContain('disconnected')
    expect(diagnostics.lastError).toBeNull()
  })

  it('lists the reconnect for a new question as a refresh, not as offline', async () => {
    const { core, recorder } = recordedCore()
    core.start()
    await until('connected', () => core.feedState.state === 'connected')
    await ask()
    await until('the refresh', () => recorder.snapshot().reconnects === 1)

    const diagnostics = recorder.snapshot()
    expect(diagnostics.feedHistory[0]).toMatchObject({
      state: 'connected',
      reconnect: 'refresh',
      detail: 'a new question was asked',
    })
    expect(diagnostics.feedHistory.map((change) => change.state)).toEqual([
      'connected',
      'connected',
      'connecting',
    ])
    expect(diagnostics.lastError).toBeNull()
  })

  it('records how long a new question took to be shown, once per question', async () => {
    const { core, recorder } = recordedCore()
    const news: Question[] = []
    core.onQuestions((events) => {
      for (const event of events) if (event.type === 'question') news.push(event.question)
    })
    core.start()
    await until('connected', () => core.feedState.state === 'connected')

    const createdAt = new Date(Date.now() - 1500)
    const id = await ask({ createdAt })
    await until('the new question', () => news.some((question) => question.id === id))
    const shownAt = Date.now()
    recorder.shown(['unknown-id', id], shownAt)
    // Seen again in the panel later: still the first sighting that counts.
    recorder.shown([id], shownAt + 60_000)

    const diagnostics = recorder.snapshot()
    expect(diagnostics.latencies).toEqual([
      { questionId: id, createdAt: createdAt.toISOString(), ms: shownAt - createdAt.getTime() },
    ])
    expect(Date.parse(diagnostics.lastEventAt ?? '')).toBeGreaterThanOrEqual(createdAt.getTime())
  })

  it('reports an answer queued offline and the cache on disk', async () => {
    const id = await ask()
    const { core, recorder } = recordedCore()
    core.start()
    await until('connected', () => core.feedState.state === 'connected')
    await until('the question', () => core.store.get(id) !== undefined)
    core.setOnline(false)
    await until('offline', () => core.feedState.state !== 'connected')

    expect(await core.answer(id, { kind: 'option', option: 'Ja' })).toEqual({ kind: 'queued' })
    const diagnostics = recorder.snapshot()
    expect(diagnostics.outboxLength).toBe(1)
    expect(diagnostics.cacheBytes).toBeGreaterThan(0)
    // Going offline is not a fault of the feed.
    expect(diagnostics.lastError).toBeNull()
  })

  it('follows a replacement core and stops listening to the old one', async () => {
    const id = await ask()
    const dir = tempDir()
    const first = newCore(dir)
    const recorder = recorderFor(dir)
    const detachFirst = recorder.attach(first)
    first.start()
    await until('the question', () => first.store.get(id) !== undefined)
    first.setOnline(false)
    await until('offline', () => first.feedState.state !== 'connected')
    expect(await first.answer(id, { kind: 'option', option: 'Ja' })).toEqual({ kind: 'queued' })
    await first.close()
    cores.splice(cores.indexOf(first), 1)
    // A closed core's database cannot be asked any more; the recorder read the outbox as it closed.
    expect(recorder.snapshot()).toMatchObject({ outboxLength: 1 })
    expect(recorder.snapshot().feedHistory[0]?.state).toBe('closed')

    // The settings changed: a new core on the same data dir, which sends the queued answer.
    const second = newCore(dir)
    const detach = recorder.attach(second)
    // A late detach of the old core must not cut the new one loose.
    detachFirst()
    const settled = new Promise((resolve) => second.onAnswersSettled(resolve))
    second.start()
    expect(await settled).toMatchObject({ result: { kind: 'sent' } })
    expect(recorder.snapshot()).toMatchObject({ reconnects: 1, outboxLength: 0 })

    detach()
    await second.close()
    cores.splice(cores.indexOf(second), 1)
    // Detached: the close is no longer recorded.
    expect(recorder.snapshot().feedHistory[0]?.state).toBe('connected')
  })
})
