// The SSE feed against the real SSE test server (Scrum4Me's stream route as docs/protocol.md describes
// it, over embedded PostgreSQL): the S faults of docs/reliability.md, on the wall clock, scaled down.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type FaultProxy, startFaultProxy } from '../../../../test/support/fault-proxy'
import { clientSocketsTo, type FeedHarness, sleep, startFeed } from '../../../../test/support/feed-harness'
import { insertQuestion, seedWorld, setQuestionStatus, type World } from '../../../../test/support/fixtures'
import { startTestPostgres, type TestPostgres } from '../../../../test/support/postgres'
import { type SseServerProcess, spawnSseTestServer } from '../../../../test/support/sse-server-process'
import { type SseTestServer, startSseTestServer } from '../../../../test/support/sse-test-server'
import type { ReconnectPolicy } from '../reconnect-policy'
import { SseTransport, type SseTransportOptions } from './sse-transport'

const LIFETIME_MS = 1500
const HEARTBEAT_MS = 200
const TOKEN = 'ann-token'
const IDLE_TIMEOUT_MS = 1200
/**
 * A silent peer must be noticed by the configured idle timeout, so here the time limit is the behaviour.
 * It is kept far from both sides: far under the transport's 45 s default and the minutes TCP takes to
 * give up on a hung peer, far over the idle timeout plus the late timers of a loaded machine.
 */
const NOTICED_SILENCE_WITHIN_MS = 10_000
const POLICY: Partial<ReconnectPolicy> = {
  baseMs: 100,
  capMs: 1000,
  floorMs: 20,
  connectTimeoutMs: 2000,
  healthyAfterMs: 5000,
  nudgeMinIntervalMs: 0,
}

let postgres: TestPostgres
let db: string
let world: World
let server: SseTestServer | null
let feed: FeedHarness | null
let appName: string
/** The running test server's stream lifetime: the client is told the same unless a test says otherwise. */
let serverLifetimeMs: number

beforeAll(async () => {
  postgres = await startTestPostgres()
})
afterAll(async () => {
  await postgres?.destroy()
})

beforeEach(async (context) => {
  db = await postgres.createDatabase()
  world = await seedWorld(db)
  appName = `sse-${context.task.id}`
  server = null
  feed = null
  serverLifetimeMs = LIFETIME_MS
})
afterEach(async () => {
  await feed?.close()
  await server?.close()
})

async function startServer(options: { lifetimeMs?: number } = {}): Promise<SseTestServer> {
  serverLifetimeMs = options.lifetimeMs ?? LIFETIME_MS
  server = await startSseTestServer({
    databaseUrl: db,
    credentials: { [TOKEN]: world.users.ann },
    heartbeatMs: HEARTBEAT_MS,
    lifetimeMs: options.lifetimeMs ?? LIFETIME_MS,
    applicationName: appName,
  })
  return server
}

function transport(port: number, overrides: Partial<SseTransportOptions> = {}): SseTransport {
  return new SseTransport({
    serverUrl: `http://127.0.0.1:${port}`,
    auth: { kind: 'bearer', token: TOKEN },
    idleTimeoutMs: IDLE_TIMEOUT_MS,
    watchdogTickMs: 100,
    plannedLifetimeMs: serverLifetimeMs,
    refreshSpreadMs: 50,
    ...overrides,
  })
}

function ask(text = 'Welke aanpak?') {
  return insertQuestion(db, {
    productId: world.products.alpha,
    storyId: world.stories.st101,
    askedBy: world.users.ann,
    question: text,
  })
}

/** Every id reported as new exactly once, and nothing else. */
function expectExactlyOnce(harness: FeedHarness, ids: string[]) {
  for (const id of ids) expect(harness.openedCount(id), `question ${id}`).toBe(1)
  const opened = harness.events
    .filter((e) => e.type === 'question')
    .map((e) => e.type === 'question' && e.question.id)
  expect(new Set(opened).size).toBe(opened.length)
}

describe('SSE feed', () => {
  it('applies the snapshot, then new questions live (≤ 1 s) and status changes directly', async () => {
    const before = await ask('Al open bij het verbinden')
    const srv = await startServer({ lifetimeMs: 30_000 })
    feed = startFeed(transport(srv.port), POLICY)
    await feed.waitForState('connected')
    expect(feed.openedCount(before)).toBe(1)

    const askedAt = Date.now()
    const live = await ask('Nieuw terwijl verbonden')
    await feed.waitFor('the live question', () => feed?.openedCount(live) === 1, 3000)
    expect(Date.now() - askedAt).toBeLessThan(1000)

    const connects = srv.connects
    await setQuestionStatus(db, before, 'answered')
    await feed.waitFor(
      'the close',
      () => feed?.events.some((e) => e.type === 'closed' && e.id === before) ?? false,
    )
    expect(srv.connects).toBe(connects) // applied from the frame, no snapshot refresh
    expect(feed.store.get(before)?.status).toBe('answered')
  })

  it('survives many planned closes with no loss, no duplicates, no backoff penalty, and shows none (S1)', async () => {
    const srv = await startServer()
    // The client expects the production lifetime: each close comes as a surprise, is hidden by the grace.
    feed = startFeed(transport(srv.port, { plannedLifetimeMs: 240_000 }), POLICY)
    await feed.waitForState('connected')
    const asked: string[] = []
    for (let cycle = 0; cycle < 6; cycle++) {
      // One question per cycle, asked at varying moments; the stream then runs into its planned close.
      await sleep(100 * cycle)
      asked.push(await ask())
      const mark = feed.reconnects.length
      await feed.waitFor(
        'a planned close',
        () => feed?.reconnects.slice(mark).some((r) => r.reason === 'planned server close') ?? false,
        LIFETIME_MS * 3,
      )
    }
    await feed.waitFor('every question', () => asked.every((id) => feed?.openedCount(id) === 1), 5000)
    expectExactlyOnce(feed, asked)
    expect(feed.engine.failureCount).toBe(0)
    expect(feed.reconnects.filter((r) => r.kind === 'planned').length).toBeGreaterThanOrEqual(6)
    expect(feed.states.map((s) => s.state)).toEqual(['connecting', 'connected'])
    expect(srv.openStreams()).toBeLessThanOrEqual(1)
  })

  it('recovers from a server crash, catching up questions asked while it was down (S3, E6)', async () => {
    const child: SseServerProcess = await spawnSseTestServer({
      databaseUrl: db,
      credentials: { [TOKEN]: world.users.ann },
      heartbeatMs: HEARTBEAT_MS,
      lifetimeMs: 30_000,
      applicationName: appName,
    })
    serverLifetimeMs = 30_000
    try {
      feed = startFeed(transport(child.port), POLICY)
      await feed.waitForState('connected')
      const first = await ask()
      await feed.waitFor('first', () => feed?.openedCount(first) === 1)
      await child.kill('SIGKILL')
      const mark = feed.states.length
      await feed.waitForState('disconnected', 30_000, mark)
      const whileDown = await ask('Gevraagd terwijl de server plat lag')
      // Down long enough for the backoff to grow: three attempts refused.
      const attemptsSinceCrash = () => feed?.states.slice(mark).filter((s) => s.state === 'connecting').length
      await feed.waitFor('three refused attempts', () => (attemptsSinceCrash() ?? 0) >= 3, 30_000)
      await child.restart()
      await feed.waitFor('the gap question', () => feed?.openedCount(whileDown) === 1, 30_000)
      // Quick recovery means no wait past the cap (no offline probe, no suspension). The engine says how
      // long each wait was, so no clock is read here: a loaded machine stretches every wall-clock wait.
      const waits = feed.states.slice(mark).flatMap((s) => (s.retryInMs === undefined ? [] : [s.retryInMs]))
      expect(waits.length).toBeGreaterThanOrEqual(3)
      for (const wait of waits) expect(wait).toBeLessThanOrEqual(POLICY.capMs as number)
      expectExactlyOnce(feed, [first, whileDown])
    } finally {
      await feed?.close()
      feed = null
      await child.stop()
    }
  })

  it('detects a frozen server with the idle watchdog and recovers when it thaws (S5)', async () => {
    const child = await spawnSseTestServer({
      databaseUrl: db,
      credentials: { [TOKEN]: world.users.ann },
      heartbeatMs: HEARTBEAT_MS,
      lifetimeMs: 30_000,
      applicationName: appName,
    })
    serverLifetimeMs = 30_000
    try {
      feed = startFeed(transport(child.port), { ...POLICY, connectTimeoutMs: 1000 })
      await feed.waitForState('connected')
      const frozenAt = Date.now()
      const mark = feed.states.length
      child.freeze()
      const down = await feed.waitForState('disconnected', 30_000, mark)
      expect(down.reason).toMatch(/idle watchdog/)
      expect(Date.now() - frozenAt).toBeLessThan(NOTICED_SILENCE_WITHIN_MS)
      const whileFrozen = await ask()
      child.thaw()
      await feed.waitFor('recovery', () => feed?.openedCount(whileFrozen) === 1, 5000)
    } finally {
      child.thaw()
      await feed?.close()
      feed = null
      await child.stop()
    }
  })

  describe('through the fault proxy', () => {
    let proxy: FaultProxy | null = null
    afterEach(async () => {
      await feed?.close()
      feed = null
      await proxy?.close()
      proxy = null
    })

    it('detects a black-holed path within the idle timeout and reconnects when it clears (S4)', async () => {
      const srv = await startServer({ lifetimeMs: 30_000 })
      proxy = await startFaultProxy({ port: srv.port })
      feed = startFeed(transport(proxy.port), { ...POLICY, connectTimeoutMs: 1000 })
      await feed.waitForState('connected')
      const mark = feed.states.length
      const holedAt = Date.now()
      await proxy.setMode('blackhole')
      const down = await feed.waitForState('disconnected', 30_000, mark)
      expect(down.reason).toMatch(/idle watchdog/)
      expect(Date.now() - holedAt).toBeLessThan(NOTICED_SILENCE_WITHIN_MS)
      const whileHoled = await ask()
      await proxy.setMode('pass')
      await feed.waitFor('recovery', () => feed?.openedCount(whileHoled) === 1, 5000)
      expect(proxy.liveConnections()).toBe(1)
    })

    it('keeps a slow but live stream (latency below the idle timeout) without reconnecting (S16)', async () => {
      const srv = await startServer({ lifetimeMs: 30_000 })
      proxy = await startFaultProxy({ port: srv.port })
      feed = startFeed(transport(proxy.port), POLICY)
      await feed.waitForState('connected')
      proxy.setLatency(400)
      const question = await ask()
      await feed.waitFor('the question', () => feed?.openedCount(question) === 1, 5000)
      await sleep(2000)
      expect(srv.connects).toBe(2) // the first stream, plus the refresh for the new question
    })
  })

  it('stops on 401 and does not hammer (S10)', async () => {
    const srv = await startServer()
    feed = startFeed(transport(srv.port, { auth: { kind: 'bearer', token: 'wrong' } }), POLICY)
    const failed = await feed.waitForState('failed')
    expect(failed.failure).toBe('auth')
    await sleep(1500)
    expect(srv.connects).toBe(1)
  })

  it('honours 503 Retry-After as a floor, then recovers (S9)', async () => {
    const srv = await startServer()
    srv.setFaults({ next: [{ kind: 'status', status: 503, retryAfter: '2' }] })
    feed = startFeed(transport(srv.port), POLICY)
    await feed.waitForState('connected', 5000)
    const [first, second] = srv.requestLog
    expect((second?.time ?? 0) - (first?.time ?? 0)).toBeGreaterThanOrEqual(2000)
  })

  it('treats a captive-portal page (200 text/html) as a network failure, not a permanent one (S12)', async () => {
    const srv = await startServer()
    srv.setFaults({ next: [{ kind: 'html', times: 2 }] })
    feed = startFeed(transport(srv.port), POLICY)
    await feed.waitForState('connected', 5000)
    expect(feed.states.some((s) => s.state === 'disconnected' && /content type/.test(s.reason ?? ''))).toBe(
      true,
    )
    expect(srv.connects).toBe(3)
  })

  it('counts an EOF before the snapshot as a failure, with growing backoff (S2)', async () => {
    const srv = await startServer()
    srv.setFaults({ next: [{ kind: 'eofBeforeSnapshot', times: 4 }] })
    feed = startFeed(transport(srv.port), POLICY)
    await feed.waitForState('connected', 8000)
    const failures = feed.states.filter((s) => s.state === 'disconnected')
    expect(failures).toHaveLength(4)
    for (const state of failures) expect(state.reason).toMatch(/before the state snapshot/)
    expect(srv.connects).toBe(5)
  })

  it('counts a clean close after the snapshot as planned whatever its age: no failure, nothing shown (S2)', async () => {
    const srv = await startServer({ lifetimeMs: 30_000 })
    // Like a proxy that cuts streams after a while: clean EOFs long before the route's lifetime.
    srv.setFaults({ next: [{ kind: 'endAfter', ms: 1200, times: 3 }] })
    feed = startFeed(transport(srv.port), POLICY)
    await feed.waitForState('connected')
    await feed.waitFor('three planned reconnects', () => (feed?.reconnects.length ?? 0) >= 3, 10_000)
    const question = await ask()
    await feed.waitFor('a question after the cuts', () => feed?.openedCount(question) === 1)
    expect(feed.reconnects.slice(0, 3).map((r) => r.kind)).toEqual(['planned', 'planned', 'planned'])
    expect(feed.engine.failureCount).toBe(0)
    expect(feed.states.map((s) => s.state)).toEqual(['connecting', 'connected'])
  })

  it('still backs off from a server that closes right after every snapshot (hot-loop guard)', async () => {
    const srv = await startServer({ lifetimeMs: 20 })
    feed = startFeed(transport(srv.port, { plannedLifetimeMs: 240_000 }), POLICY)
    await feed.waitFor('three backoffs', () => (feed?.engine.failureCount ?? 0) >= 3, 10_000)
    const early = feed.states.filter((s) => s.code?.type === 'ended-early')
    expect(early.length).toBeGreaterThanOrEqual(3)
    // The waits are full-jitter draws from growing windows: their ceilings double.
    for (const [k, state] of early.slice(0, 3).entries())
      expect(state.retryInMs).toBeLessThanOrEqual((POLICY.baseMs as number) * 2 ** k)
    expect(srv.connects).toBeLessThanOrEqual(2 + feed.engine.failureCount + 1)
  })

  it('reconnects after `event: error` from the server (pg connect failed)', async () => {
    const srv = await startServer()
    srv.setFaults({ next: [{ kind: 'errorEvent' }] })
    const question = await ask()
    feed = startFeed(transport(srv.port), POLICY)
    await feed.waitForState('connected', 5000)
    expect(feed.states[1]).toMatchObject({ state: 'disconnected' })
    expect(feed.states[1]?.reason).toMatch(/pg connect failed/)
    expect(feed.openedCount(question)).toBe(1)
  })

  it('logs and skips malformed, schema-invalid, foreign and 8 KB frames, keeping the stream (S8)', async () => {
    const srv = await startServer({ lifetimeMs: 30_000 })
    const big = JSON.stringify({ type: 'claude_job_status_changed', blob: 'x'.repeat(8000) })
    srv.setFaults({
      next: [
        {
          kind: 'extraFrames',
          frames: [
            'data: {not json}\n\n',
            'data: {"id":"x"}\n\n',
            'data: {"entity":"question","id":"q","op":"U"}\n\n',
            'data: {"type":"claude_worker_heartbeat"}\n\n',
            `data: ${big}\n\n`,
            'event: state\ndata: {"questions":[{"id":"","question":1}]}\n\n',
          ],
        },
      ],
    })
    feed = startFeed(transport(srv.port), POLICY)
    await feed.waitForState('connected')
    const later = await ask()
    await feed.waitFor('a valid question after the garbage', () => feed?.openedCount(later) === 1)
    expect(feed.logs.filter((line) => /skipped an invalid/.test(line)).length).toBeGreaterThanOrEqual(3)
    expect(
      feed.states.filter((s) => s.state === 'disconnected' && !/new question/.test(s.reason ?? '')),
    ).toEqual([])
  })

  it('delivers a snapshot holding a 5 MB option: that option cut and logged, the others intact', async () => {
    const normal = await ask('Gewone vraag')
    const hostile = await insertQuestion(db, {
      productId: world.products.alpha,
      askedBy: world.users.ann,
      options: ['Ja', 'x'.repeat(5_000_000)],
    })
    const srv = await startServer({ lifetimeMs: 30_000 })
    // Building a multi-megabyte snapshot takes the test server a while: that is not silence.
    feed = startFeed(transport(srv.port, { idleTimeoutMs: 10_000 }), { ...POLICY, connectTimeoutMs: 15_000 })
    await feed.waitForState('connected', 10_000)
    expect(feed.openedCount(normal)).toBe(1)
    expect(feed.store.get(normal)?.question.text).toBe('Gewone vraag')
    expect(feed.store.get(hostile)?.question.options).toEqual(['Ja', 'x'.repeat(501)])
    expect(feed.logs.filter((line) => line.includes('cut over-long fields'))).toHaveLength(1)
    expect(feed.states.filter((s) => s.state === 'disconnected')).toEqual([])
  })

  it('delivers a snapshot holding a 5 MB option of control characters (30 MB once JSON-escaped)', async () => {
    const first = await ask('Eerste vraag')
    const hostile = await insertQuestion(db, {
      productId: world.products.alpha,
      askedBy: world.users.ann,
      options: ['Ja', '\u0001'.repeat(5_000_000)],
    })
    const last = await ask('Laatste vraag')
    const srv = await startServer({ lifetimeMs: 30_000 })
    feed = startFeed(transport(srv.port, { idleTimeoutMs: 10_000 }), { ...POLICY, connectTimeoutMs: 15_000 })
    await feed.waitForState('connected', 20_000)
    expect(feed.store.get(first)?.question.text).toBe('Eerste vraag')
    expect(feed.store.get(last)?.question.text).toBe('Laatste vraag')
    const options = feed.store.get(hostile)?.question.options
    expect(options?.[0]).toBe('Ja')
    expect(options?.[1]).toBe('\u0001'.repeat(501))
    expect(feed.logs.filter((line) => line.includes('cut over-long text'))).toHaveLength(1)
    expect(feed.states.filter((s) => s.state === 'disconnected')).toEqual([])
  })

  it('drops an event cut by EOF mid-way and recovers from the snapshot (S7)', async () => {
    const srv = await startServer()
    const question = await ask()
    srv.setFaults({ next: [{ kind: 'partialEvent' }] })
    feed = startFeed(transport(srv.port), POLICY)
    await feed.waitFor('two connects', () => srv.connects >= 2, 5000)
    await feed.waitForState('connected')
    expect(feed.openedCount(question)).toBe(1)
    expect(feed.events.filter((e) => e.type === 'question')).toHaveLength(1)
  })

  it('shows nothing twice when the server replays frames after the snapshot (S15)', async () => {
    const srv = await startServer()
    feed = startFeed(transport(srv.port), POLICY)
    await feed.waitForState('connected')
    const ids = [await ask(), await ask(), await ask()]
    await feed.waitFor('three questions', () => ids.every((id) => feed?.openedCount(id) === 1))
    srv.setFaults({ next: [{ kind: 'replay', count: 3, times: 3 }] })
    await sleep(LIFETIME_MS * 2.5)
    expectExactlyOnce(feed, ids)
  })

  it('uses a server `retry:` as the reconnect base and ignores a bogus one (S14)', async () => {
    const srv = await startServer()
    srv.setFaults({ next: [{ kind: 'extraFrames', frames: ['retry: 1500\n\n', 'retry: 1000x\n\n'] }] })
    // Every planned close shown with its delay: no grace, and a client that does not foresee the close.
    feed = startFeed(transport(srv.port, { plannedLifetimeMs: 240_000 }), { ...POLICY, reconnectGraceMs: 0 })
    await feed.waitForState('connected')
    const mark = feed.states.length
    const planned = await feed.waitForState('disconnected', 5000, mark)
    expect(planned.reason).toBe('planned server close')
    // U(0, 1500) instead of U(0, 100): over a few cycles a draw above the default base shows the new base.
    const delays = [planned.retryInMs ?? 0]
    for (let i = 0; i < 3; i++) {
      const next = feed.states.length
      delays.push((await feed.waitForState('disconnected', 6000, next)).retryInMs ?? 0)
    }
    expect(Math.max(...delays)).toBeGreaterThan(POLICY.baseMs as number)
    expect(Math.max(...delays)).toBeLessThan(1500)
  })

  it('caps a server `retry:` at the Retry-After bound, so a hostile one cannot park the feed', async () => {
    const srv = await startServer()
    srv.setFaults({ next: [{ kind: 'extraFrames', frames: ['retry: 86400000\n\n'], times: 3 }] })
    const maxRetryAfterMs = 600
    feed = startFeed(transport(srv.port, { plannedLifetimeMs: 240_000 }), {
      ...POLICY,
      maxRetryAfterMs,
      reconnectGraceMs: 0,
    })
    await feed.waitForState('connected')
    for (let cycle = 0; cycle < 3; cycle++) {
      const mark = feed.states.length
      const planned = await feed.waitForState('disconnected', 5000, mark)
      expect(planned.reason).toBe('planned server close')
      expect(planned.retryInMs).toBeLessThanOrEqual(maxRetryAfterMs)
      await feed.waitForState('connected', 5000, mark)
    }
  })

  it('leaks nothing over 100 forced reconnects: one server stream and LISTEN session, one client socket', async () => {
    const srv = await startServer({ lifetimeMs: 60_000 })
    feed = startFeed(transport(srv.port), POLICY)
    await feed.waitForState('connected')
    for (let cycle = 0; cycle < 100; cycle++) {
      const mark = feed.reconnects.length
      feed.engine.nudge('user')
      await feed.waitFor('the reconnect', () => (feed?.reconnects.length ?? 0) > mark, 5000)
      // Never two live client sockets; the server may still be releasing the previous stream.
      expect(await clientSocketsTo(srv.port)).toBeLessThanOrEqual(1)
      expect(srv.openStreams()).toBeLessThanOrEqual(2)
    }
    await feed.waitFor('one stream', () => srv.openStreams() === 1, 3000)
    await sleep(300)
    expect(await postgres.listenerCount(appName)).toBe(1)
    expect(await clientSocketsTo(srv.port)).toBe(1)
    const question = await ask()
    await feed.waitFor('still live', () => feed?.openedCount(question) === 1)

    await feed.close()
    feed = null
    await sleep(300)
    expect(srv.openStreams()).toBe(0)
    expect(await postgres.listenerCount(appName)).toBe(0)
    expect(await clientSocketsTo(srv.port)).toBe(0)
  })
})

describe('SSE feed with production timings, against streams that end cleanly every 3 s', () => {
  const RUN_MS = 30_000
  const ASK_EVERY_MS = 4000

  it('shows no disconnect, delivers every question once and promptly, and keeps one or two streams open', async () => {
    const srv = await startServer({ lifetimeMs: 3000 })
    // The production transport and policy: nothing scaled down.
    feed = startFeed(new SseTransport({ serverUrl: srv.origin, auth: { kind: 'bearer', token: TOKEN } }))
    const harness = feed
    await harness.waitForState('connected')
    const samples: Array<{ at: number; streams: number }> = []
    const sampler = setInterval(() => samples.push({ at: Date.now(), streams: srv.openStreams() }), 20)
    const latencies: number[] = []
    const asked: string[] = []
    const started = Date.now()
    try {
      while (Date.now() - started < RUN_MS) {
        const askedAt = Date.now()
        const id = await ask(`Vraag ${asked.length + 1}`)
        asked.push(id)
        await harness.waitFor('the new question', () => harness.openedCount(id) === 1, 10_000)
        latencies.push(Date.now() - askedAt)
        await sleep(Math.max(0, ASK_EVERY_MS - (Date.now() - askedAt)))
      }
    } finally {
      clearInterval(sampler)
    }
    // The client has seen the server's lifetime after two clean closes it did not foresee.
    const surprises = harness.reconnects.filter((r) => r.kind === 'planned' && r.gapMs > 0)
    const learnedAt = surprises[1]?.at ?? Number.POSITIVE_INFINITY
    const afterLearning = samples.filter((s) => s.at > learnedAt)
    const zeroAfter = afterLearning.filter((s) => s.streams === 0).length
    const maxStreams = Math.max(...samples.map((s) => s.streams))
    console.info(
      `3 s closes over ${RUN_MS / 1000} s: ${harness.reconnects.length} hidden reconnects ` +
        `(${surprises.length} with a gap), ${asked.length} questions, latency max ${Math.max(...latencies)} ms, ` +
        `streams max ${maxStreams}, zero in ${zeroAfter} of ${afterLearning.length} samples after learning`,
    )
    expect(harness.states.filter((s) => s.state !== 'connected' && s.state !== 'connecting')).toEqual([])
    expect(harness.states.map((s) => s.state)).toEqual(['connecting', 'connected'])
    expectExactlyOnce(harness, asked)
    for (const ms of latencies) expect(ms).toBeLessThan(2500)
    expect(maxStreams).toBeLessThanOrEqual(2)
    expect(surprises.length).toBeLessThanOrEqual(3)
    expect(afterLearning.length).toBeGreaterThan(RUN_MS / 20 / 2)
    expect(zeroAfter).toBe(0)
    expect(harness.reconnects.filter((r) => r.kind === 'planned').length).toBeGreaterThanOrEqual(5)
  }, 60_000)
})
