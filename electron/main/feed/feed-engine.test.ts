// The engine's policy on fake time: the transport here is a scripted stand-in, since what is
// under test is the state machine. Real transports are tested against real servers elsewhere.

import type { FeedReconnect, FeedState } from '@shared/feed-state'
import type { Question } from '@shared/question'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fakeClock } from '../../../test/support/fake-clock'
import { makeQuestion } from '../../../test/support/questions'
import type { Clock } from '../common/clock'
import { createLineLogger } from '../log/logger'
import { FeedEngine } from './feed-engine'
import {
  type AttemptContext,
  ConnectFailed,
  type ConnectionEnd,
  type FailedEnd,
  type FeedConnection,
  type FeedTransport,
  type FeedUpdate,
} from './transport'

const refused = { type: 'refused', system: 'ECONNREFUSED' } as const
const reset = { type: 'reset', system: 'ECONNRESET' } as const

interface ScriptedConnection extends FeedConnection {
  end(end: ConnectionEnd): void
  closed: boolean
  /** The attempt this connection came from: what it delivers and asks for goes through it. */
  context: AttemptContext
}

/**
 * Each connect() takes the next outcome; 'hang' never settles until aborted; 'held' waits for
 * `release()`, so a test can look at the engine while the attempt is in flight.
 */
type Outcome = 'connect' | 'hang' | 'held' | ConnectionEnd
type Release = 'connect' | FailedEnd

class ScriptedTransport implements FeedTransport {
  readonly kind = 'sse' as const
  readonly outcomes: Outcome[] = []
  readonly connections: ScriptedConnection[] = []
  attempts = 0
  inFlight = 0
  /** Attempts in flight plus live connections, at the worst moment. */
  maxInFlight = 0
  /** Attempts in flight at once, at the worst moment. */
  maxAttempts = 0
  liveCount = 0
  maxLive = 0
  abortedAttempts = 0
  /** The open set each new connection's snapshot carries. */
  nextSnapshot: Question[] = []
  /** While true, a connection's close() waits for `finishCloses()`, like a socket slow to end. */
  holdCloses = false
  private readonly held: Array<(outcome: Release) => void> = []
  private readonly heldCloses: Array<() => void> = []

  connect(attempt: AttemptContext): Promise<FeedConnection> {
    this.attempts++
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight + this.liveCount)
    this.maxAttempts = Math.max(this.maxAttempts, this.inFlight)
    const outcome = this.outcomes.shift() ?? 'connect'
    return new Promise<FeedConnection>((resolve, reject) => {
      let settled = false
      const settle = () => {
        if (!settled) this.inFlight--
        settled = true
      }
      attempt.signal.addEventListener('abort', () => {
        if (settled) return
        settle()
        this.abortedAttempts++
        reject(attempt.signal.reason)
      })
      const finish = (result: Release) => {
        if (attempt.signal.aborted || settled) return
        settle()
        if (result !== 'connect') {
          reject(new ConnectFailed(result))
          return
        }
        // Like the real transports: the open set arrives before the connection counts as live.
        attempt.deliver({ kind: 'snapshot', questions: this.nextSnapshot })
        resolve(this.open(attempt))
      }
      if (outcome === 'hang') return
      if (outcome === 'held') this.held.push(finish)
      else queueMicrotask(() => finish(outcome === 'connect' ? outcome : (outcome as FailedEnd)))
    })
  }

  /** Lets every held close() finish. */
  finishCloses(): void {
    for (const finish of this.heldCloses.splice(0)) finish()
  }

  /** Settles the oldest 'held' attempt. */
  release(outcome: Release = 'connect'): void {
    const finish = this.held.shift()
    if (!finish) throw new Error('no held attempt')
    finish(outcome)
  }

  private open(context: AttemptContext): ScriptedConnection {
    let resolveEnded!: (end: ConnectionEnd) => void
    const transport = this
    transport.liveCount++
    transport.maxLive = Math.max(transport.maxLive, transport.liveCount)
    const connection: ScriptedConnection = {
      ended: new Promise((resolve) => {
        resolveEnded = resolve
      }),
      closed: false,
      context,
      end(end) {
        resolveEnded(end)
      },
      async close() {
        if (connection.closed) return
        connection.closed = true
        if (transport.holdCloses) await new Promise<void>((resolve) => transport.heldCloses.push(resolve))
        transport.liveCount--
      },
    }
    this.connections.push(connection)
    return connection
  }

  get last(): ScriptedConnection {
    const connection = this.connections.at(-1)
    if (!connection) throw new Error('no connection yet')
    return connection
  }
}

const START = Date.parse('2026-11-29T09:00:00Z')
let timers: ReturnType<typeof fakeClock>['timers']
let clock: Clock
let transport: ScriptedTransport
let engine: FeedEngine
let states: FeedState[]
let reconnects: FeedReconnect[]
let updates: FeedUpdate[]

function makeEngine(random: () => number = () => 0.5, policy = {}) {
  engine = new FeedEngine({ transport, clock, random, policy })
  states = []
  reconnects = []
  updates = []
  engine.onState((state) => states.push(state))
  engine.onReconnect((reconnect) => reconnects.push(reconnect))
  engine.onUpdate((update) => updates.push(update))
  return engine
}

beforeEach(() => {
  ;({ timers, clock } = fakeClock(START))
  transport = new ScriptedTransport()
})

afterEach(async () => {
  await engine?.close()
})

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}
async function advance(ms: number) {
  await timers.tickAsync(ms)
  await flush()
}
const names = () => states.map((s) => s.state)

describe('FeedEngine', () => {
  it('goes connecting → connected, and reconnects promptly without penalty after a planned close', async () => {
    makeEngine(() => 0.4, { reconnectGraceMs: 0 }).start()
    await flush()
    expect(names()).toEqual(['connecting', 'connected'])
    transport.last.end({ kind: 'planned', reason: 'planned server close' })
    await flush()
    expect(states.at(-1)).toMatchObject({ state: 'disconnected', retryInMs: 400, expected: true })
    expect(states.at(-1)?.code).toBeUndefined()
    expect(engine.failureCount).toBe(0)
    await advance(400)
    expect(names().slice(-2)).toEqual(['connecting', 'connected'])
    expect(transport.attempts).toBe(2)
  })

  it('backs off with growing full-jitter windows while the server refuses', async () => {
    transport.outcomes.push(
      ...Array.from(
        { length: 6 },
        () => ({ kind: 'failure', code: refused, reason: 'ECONNREFUSED' }) as const,
      ),
    )
    makeEngine(() => 0.999).start()
    await flush()
    const delays: number[] = []
    for (let i = 0; i < 6; i++) {
      const state = states.at(-1)
      expect(state?.state).toBe('disconnected')
      delays.push(state?.retryInMs ?? -1)
      await advance(state?.retryInMs ?? 0)
    }
    expect(delays).toEqual([999, 1998, 3996, 7992, 15_984, 29_970])
    expect(names().at(-1)).toBe('connected')
  })

  it('resets the backoff only after a connection stayed healthy for 60 s', async () => {
    transport.outcomes.push(
      { kind: 'failure', code: refused, reason: 'refused' },
      { kind: 'failure', code: refused, reason: 'refused' },
    )
    makeEngine(() => 0.999).start()
    await advance(999)
    await advance(1998)
    expect(names().at(-1)).toBe('connected')
    // Drops after 10 s: not healthy, so the count keeps growing.
    await advance(10_000)
    transport.last.end({ kind: 'failure', code: reset, reason: 'ECONNRESET' })
    await flush()
    expect(states.at(-1)?.retryInMs).toBe(3996)
    await advance(3996)
    // Healthy for 61 s, then drops: the first retry is U(0, 1 s) again.
    await advance(61_000)
    transport.last.end({ kind: 'failure', code: reset, reason: 'ECONNRESET' })
    await flush()
    expect(states.at(-1)?.retryInMs).toBe(999)
  })

  it('honours Retry-After as a floor', async () => {
    transport.outcomes.push({
      kind: 'failure',
      code: { type: 'http', status: 503 },
      reason: 'HTTP 503',
      retryAfterMs: 7000,
    })
    makeEngine(() => 0.1).start()
    await flush()
    expect(states.at(-1)).toMatchObject({ state: 'disconnected', retryInMs: 7000 })
    await advance(6999)
    expect(transport.attempts).toBe(1)
    await advance(1)
    expect(transport.attempts).toBe(2)
  })

  it('carries a failure’s code into the state and the log line, whatever its reason says', async () => {
    const lines: string[] = []
    transport.outcomes.push({ kind: 'failure', code: refused, reason: 'the server answered HTTP 503' })
    engine = new FeedEngine({
      transport,
      clock,
      random: () => 0.5,
      log: createLineLogger((l) => lines.push(l)),
    })
    states = []
    engine.onState((state) => states.push(state))
    engine.start()
    await flush()
    expect(states.at(-1)).toMatchObject({ state: 'disconnected', code: refused })
    expect(lines.at(-1)).toContain('code={"type":"refused","system":"ECONNREFUSED"}')
  })

  it('abandons an attempt that hangs past the connect timeout, and never overlaps attempts', async () => {
    transport.outcomes.push('hang', 'hang')
    makeEngine(() => 0.5).start()
    await advance(10_000)
    expect(transport.abortedAttempts).toBe(1)
    expect(states.at(-1)).toMatchObject({ state: 'disconnected' })
    expect(states.at(-1)?.reason).toBe('no connection within 10 s')
    expect(states.at(-1)?.code).toEqual({ type: 'aborted' })
    await advance(states.at(-1)?.retryInMs ?? 0)
    await advance(10_000)
    expect(transport.abortedAttempts).toBe(2)
    expect(transport.maxInFlight).toBe(1)
  })

  it('is suspended after 120 s without a connection, and keeps retrying at the cap', async () => {
    transport.outcomes.push(
      ...Array.from({ length: 40 }, () => ({ kind: 'failure', code: refused, reason: 'refused' }) as const),
    )
    makeEngine(() => 0.999).start()
    let elapsed = 0
    while (elapsed < 119_000) {
      const wait = Math.min(states.at(-1)?.retryInMs ?? 1000, 119_000 - elapsed)
      await advance(wait)
      elapsed += wait
    }
    expect(names()).not.toContain('suspended')
    await advance(1000)
    await advance(0)
    const suspended = states.find((s) => s.state === 'suspended')
    expect(suspended?.code).toEqual(refused)
    const suspendedAt = suspended?.since
    expect(suspendedAt).toBeDefined()
    expect((suspendedAt ?? 0) - START).toBeLessThanOrEqual(125_000)
    const before = transport.attempts
    await advance(5 * 60_000)
    expect(transport.attempts - before).toBeGreaterThanOrEqual(9) // ≤ 30 s apart
  })

  it('stops on a fatal auth failure and only tries again when the user asks', async () => {
    transport.outcomes.push({
      kind: 'fatal',
      failure: 'auth',
      code: { type: 'http', status: 401 },
      reason: 'HTTP 401',
    })
    makeEngine().start()
    await flush()
    expect(states.at(-1)).toMatchObject({
      state: 'failed',
      failure: 'auth',
      code: { type: 'http', status: 401 },
    })
    await advance(60 * 60_000)
    engine.nudge('online')
    engine.nudge('resume')
    await flush()
    expect(transport.attempts).toBe(1)
    engine.nudge('user')
    await flush()
    expect(transport.attempts).toBe(2)
    expect(names().at(-1)).toBe('connected')
  })

  it('re-checks a config failure no more than once per 10 minutes', async () => {
    transport.outcomes.push(
      ...Array.from(
        { length: 5 },
        () =>
          ({
            kind: 'fatal',
            failure: 'config',
            code: { type: 'http', status: 404 },
            reason: 'HTTP 404',
          }) as const,
      ),
    )
    makeEngine().start()
    await advance(30 * 60_000)
    expect(transport.attempts).toBe(4)
  })

  it('a storm of triggers (resume, online, errors) yields one reconnect and one live connection (C10)', async () => {
    makeEngine().start()
    await flush()
    await advance(60_000)
    engine.nudge('resume')
    engine.nudge('online')
    engine.nudge('clock-jump')
    engine.nudge('resume')
    await flush()
    transport.connections[0]?.end({ kind: 'failure', code: reset, reason: 'ECONNRESET' })
    await flush()
    expect(transport.attempts).toBe(2)
    expect(transport.maxLive).toBe(1)
    expect(transport.connections[0]?.closed).toBe(true)
    expect(names().at(-1)).toBe('connected')
  })

  it('reconnects at once after a wall-clock jump (laptop sleep), replacing the old connection (C7)', async () => {
    makeEngine().start()
    await flush()
    await advance(30_000)
    // The machine slept for an hour: wall time moved, timers did not run.
    timers.setSystemTime(timers.now + 3_600_000)
    await advance(5000)
    expect(transport.attempts).toBe(2)
    expect(transport.connections[0]?.closed).toBe(true)
    expect(names().at(-1)).toBe('connected')
  })

  it('nudges skip the backoff wait, rate-limited to one per 5 s', async () => {
    transport.outcomes.push(
      ...Array.from({ length: 10 }, () => ({ kind: 'failure', code: refused, reason: 'refused' }) as const),
    )
    makeEngine(() => 0.999).start()
    for (let i = 0; i < 6; i++) await advance(states.at(-1)?.retryInMs ?? 0)
    const attempts = transport.attempts
    expect(states.at(-1)?.retryInMs).toBeGreaterThan(20_000)
    await advance(5000)
    engine.nudge('online')
    await flush()
    expect(transport.attempts).toBe(attempts + 1)
    engine.nudge('online')
    await flush()
    expect(transport.attempts).toBe(attempts + 1)
    expect(states.at(-1)?.retryInMs).toBeLessThanOrEqual(5000)
  })

  it('goes offline at once when the OS says so, and back on "online" (C6)', async () => {
    makeEngine().start()
    await flush()
    await advance(10_000)
    engine.setOnline(false)
    await flush()
    expect(states.at(-1)).toMatchObject({ state: 'disconnected', reason: 'offline' })
    expect(transport.connections[0]?.closed).toBe(true)
    engine.setOnline(true)
    await flush()
    expect(names().at(-1)).toBe('connected')
    expect(transport.attempts).toBe(2)
  })

  it('closes the feed before sleep and does not reconnect until resume (C8)', async () => {
    makeEngine().start()
    await flush()
    await engine.sleep()
    expect(transport.connections[0]?.closed).toBe(true)
    await advance(6000)
    engine.nudge('online')
    await flush()
    expect(transport.attempts).toBe(1)
    engine.nudge('resume')
    await flush()
    expect(transport.attempts).toBe(2)
  })

  it('close() during backoff or an attempt stops everything; nothing happens afterwards (C9)', async () => {
    transport.outcomes.push({ kind: 'failure', code: refused, reason: 'refused' }, 'hang')
    makeEngine().start()
    await flush()
    await advance(states.at(-1)?.retryInMs ?? 0)
    expect(names().at(-1)).toBe('connecting')
    await engine.close()
    expect(transport.abortedAttempts).toBe(1)
    await advance(10 * 60_000)
    expect(transport.attempts).toBe(2)
    expect(names().at(-1)).toBe('closed')
  })

  /**
   * A user nudge whose reconnect is still closing the old connection when `during` starts: returns
   * whether `during` had finished before that close did, and waits for it to finish after.
   */
  async function duringSlowReconnect(during: () => Promise<void>): Promise<boolean> {
    makeEngine().start()
    // Past the nudge rate limit, so the nudge reconnects at once.
    await advance(10_000)
    transport.holdCloses = true
    engine.nudge('user')
    await flush()
    expect(transport.connections[0]?.closed).toBe(true)
    let finished = false
    const running = during().then(() => {
      finished = true
    })
    await flush()
    const finishedEarly = finished
    transport.holdCloses = false
    transport.finishCloses()
    await running
    return finishedEarly
  }

  it('close() during a reconnect still waits until the old connection is gone', async () => {
    expect(await duringSlowReconnect(() => engine.close())).toBe(false)
    expect(transport.liveCount).toBe(0)
    await advance(60_000)
    expect(transport.attempts).toBe(1)
    expect(names().at(-1)).toBe('closed')
  })

  it('sleep during a reconnect waits for the old connection and opens no new one until resume', async () => {
    expect(await duringSlowReconnect(() => engine.sleep())).toBe(false)
    await advance(60_000)
    expect(transport.attempts).toBe(1)
    expect(transport.liveCount).toBe(0)
    engine.nudge('resume')
    await flush()
    expect(transport.attempts).toBe(2)
  })

  it('never emits the same state twice in a row', async () => {
    transport.outcomes.push(
      ...Array.from({ length: 8 }, () => ({ kind: 'failure', code: refused, reason: 'refused' }) as const),
    )
    makeEngine(() => 0.3).start()
    for (let i = 0; i < 8; i++) {
      engine.nudge('online')
      await advance(states.at(-1)?.retryInMs ?? 0)
    }
    for (let i = 1; i < states.length; i++) expect(states[i]).not.toEqual(states[i - 1])
  })
})

const planned: ConnectionEnd = { kind: 'planned', reason: 'planned server close' }

describe('FeedEngine: expected reconnects are invisible', () => {
  it('keeps showing connected through a planned close when the next connection is up within the grace', async () => {
    makeEngine(() => 0.4).start()
    await advance(30_000)
    transport.last.end(planned)
    await advance(400)
    expect(transport.attempts).toBe(2)
    expect(names()).toEqual(['connecting', 'connected'])
    expect(engine.state.state).toBe('connected')
    expect(reconnects).toEqual([
      expect.objectContaining({ kind: 'planned', reason: 'planned server close', gapMs: 400 }),
    ])
    expect(engine.failureCount).toBe(0)
  })

  it('shows the gap once an expected reconnect outlasts the grace of 5 s', async () => {
    transport.outcomes.push('connect', 'hang')
    makeEngine(() => 0.4).start()
    await advance(30_000)
    transport.last.end(planned)
    await advance(4999)
    expect(names()).toEqual(['connecting', 'connected'])
    await advance(1)
    expect(names()).toEqual(['connecting', 'connected', 'connecting'])
    expect(reconnects).toEqual([])
  })

  it('shows a real failure at once, with its code', async () => {
    makeEngine(() => 0.4).start()
    await advance(30_000)
    transport.last.end({ kind: 'failure', code: reset, reason: 'ECONNRESET' })
    await flush()
    expect(states.at(-1)).toMatchObject({ state: 'disconnected', code: reset })
  })

  it('replaces a live connection on a nudge without showing the gap', async () => {
    makeEngine().start()
    await advance(60_000)
    engine.nudge('user')
    await flush()
    expect(transport.attempts).toBe(2)
    expect(transport.connections[0]?.closed).toBe(true)
    expect(names()).toEqual(['connecting', 'connected'])
    expect(reconnects).toEqual([expect.objectContaining({ kind: 'nudge' })])
  })

  it('still shows going offline and sleep, which are no reconnects', async () => {
    makeEngine().start()
    await advance(10_000)
    engine.setOnline(false)
    await flush()
    expect(states.at(-1)).toMatchObject({ state: 'disconnected', reason: 'offline' })
  })
})

describe('FeedEngine: a clean close is no failure, but hot loops stay impossible', () => {
  it('counts a clean close as planned whatever its age', async () => {
    makeEngine(() => 0.999).start()
    for (const ageMs of [1500, 3000, 20_000, 200]) {
      await advance(ageMs)
      transport.last.end(planned)
      await advance(999)
    }
    expect(engine.failureCount).toBe(0)
    expect(states.filter((s) => s.code !== undefined)).toEqual([])
  })

  it('backs off from the third clean close in a row within 1 s of connecting, and forgets it after a long one', async () => {
    makeEngine(() => 0.999).start()
    await flush()
    const waits: number[] = []
    for (let i = 0; i < 5; i++) {
      transport.last.end(planned)
      await flush()
      const state = states.at(-1)
      const shown = state?.state === 'disconnected' ? (state.retryInMs ?? -1) : -1
      waits.push(shown)
      // Reconnected at once after the wait (a planned one is U(0, 1 s): 999 ms here), then closed again.
      await advance(shown === -1 ? 999 : shown)
    }
    // The first two are planned (hidden by the grace); from the third on each counts as a failure.
    expect(waits.slice(0, 2)).toEqual([-1, -1])
    expect(waits.slice(2)).toEqual([999, 1998, 3996])
    expect(states.at(-1)).toMatchObject({ state: 'connected' })
    expect(states.filter((s) => s.code?.type === 'ended-early')).toHaveLength(3)
    expect(engine.failureCount).toBe(3)
    // A stream that lived past the limit ends the run: the next quick close is planned again.
    await advance(5000)
    transport.last.end(planned)
    await advance(999)
    transport.last.end(planned)
    await flush()
    expect(states.filter((s) => s.code?.type === 'ended-early')).toHaveLength(3)
  })
})

describe('FeedEngine: make-before-break', () => {
  it('opens the successor first, switches at its snapshot, then closes the old one; one attempt, two connections at most', async () => {
    transport.outcomes.push('connect', 'held')
    makeEngine().start()
    await advance(30_000)
    const old = transport.last
    old.context.replaceSoon('refresh', 'a new question was asked')
    old.context.replaceSoon('refresh', 'a new question was asked')
    await flush()
    expect(transport.attempts).toBe(2)
    old.context.replaceSoon('planned', 'near the lifetime')
    await flush()
    expect(transport.attempts).toBe(2)
    expect(old.closed).toBe(false)
    old.context.deliver({ kind: 'left', id: 'q-before', status: 'answered' })
    transport.release()
    await flush()
    expect(old.closed).toBe(true)
    expect(transport.connections).toHaveLength(2)
    // Updates from the old connection after the new snapshot are ignored.
    old.context.deliver({ kind: 'left', id: 'q-after', status: 'answered' })
    expect(updates.map((u) => (u.kind === 'left' ? u.id : u.kind))).toEqual([
      'snapshot',
      'q-before',
      'snapshot',
    ])
    expect(transport.maxLive).toBe(2)
    expect(transport.liveCount).toBe(1)
    expect(transport.maxAttempts).toBe(1)
    expect(names()).toEqual(['connecting', 'connected'])
    expect(reconnects).toEqual([
      expect.objectContaining({ kind: 'refresh', reason: 'a new question was asked', gapMs: 0 }),
    ])
  })

  it('keeps the old connection when its successor fails, and tries again after the backoff', async () => {
    transport.outcomes.push('connect', { kind: 'failure', code: refused, reason: 'ECONNREFUSED' })
    makeEngine(() => 0.999).start()
    await advance(30_000)
    const old = transport.last
    old.context.replaceSoon('refresh', 'a new question was asked')
    await flush()
    expect(transport.attempts).toBe(2)
    expect(old.closed).toBe(false)
    expect(engine.failureCount).toBe(1)
    expect(names()).toEqual(['connecting', 'connected'])
    await advance(999)
    expect(transport.attempts).toBe(3)
    expect(old.closed).toBe(true)
    expect(transport.liveCount).toBe(1)
    expect(names()).toEqual(['connecting', 'connected'])
  })

  it('carries on with the successor when the old connection ends during the overlap', async () => {
    transport.outcomes.push('connect', 'held')
    makeEngine().start()
    await advance(30_000)
    const old = transport.last
    old.context.replaceSoon('planned', 'near the lifetime')
    await flush()
    old.end(planned)
    await advance(2000)
    expect(transport.attempts).toBe(2)
    transport.release()
    await flush()
    expect(transport.attempts).toBe(2)
    expect(transport.liveCount).toBe(1)
    expect(names()).toEqual(['connecting', 'connected'])
    expect(engine.failureCount).toBe(0)
  })

  it('still honours a resume right after a swap: a successor is no nudge for the rate limit', async () => {
    makeEngine().start()
    await advance(30_000)
    transport.last.context.replaceSoon('refresh', 'a new question was asked')
    await flush()
    expect(transport.attempts).toBe(2)
    engine.nudge('resume')
    await flush()
    expect(transport.attempts).toBe(3)
    expect(transport.liveCount).toBe(1)
  })

  it.each([
    ['after the swap', false],
    ['when the old connection ended first', true],
  ])(
    'does not bring back a question the old connection saw leave while the successor opened (%s)',
    async (_name, oldEndsFirst) => {
      transport.outcomes.push('connect', 'held')
      transport.nextSnapshot = [makeQuestion('q1'), makeQuestion('q2')]
      makeEngine().start()
      await advance(30_000)
      const old = transport.last
      old.context.replaceSoon('refresh', 'a new question was asked')
      await flush()
      // Answered meanwhile: the old stream says so before the successor's snapshot, which may be older.
      old.context.deliver({ kind: 'left', id: 'q1', status: 'answered' })
      if (oldEndsFirst) old.end({ kind: 'planned', reason: 'planned server close' })
      await flush()
      transport.release()
      await flush()
      const snapshots = updates.filter((update) => update.kind === 'snapshot')
      expect(snapshots).toHaveLength(2)
      expect(snapshots.at(-1)).toEqual({ kind: 'snapshot', questions: [makeQuestion('q2')] })
      expect(names().at(-1)).toBe('connected')
    },
  )

  it('close() during an overlap leaves no connection and no attempt', async () => {
    transport.outcomes.push('connect', 'held')
    makeEngine().start()
    await advance(30_000)
    transport.last.context.replaceSoon('refresh', 'a new question was asked')
    await flush()
    await engine.close()
    expect(transport.liveCount).toBe(0)
    expect(transport.inFlight).toBe(0)
    expect(transport.abortedAttempts).toBe(1)
    expect(names().at(-1)).toBe('closed')
  })
})
