// The engine's policy on fake time: the transport here is a scripted stand-in, since what is
// under test is the state machine. Real transports are tested against real servers elsewhere.

import type { FeedState } from '@shared/feed-state'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fakeClock } from '../../../test/support/fake-clock'
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
} from './transport'

const refused = { type: 'refused', system: 'ECONNREFUSED' } as const
const reset = { type: 'reset', system: 'ECONNRESET' } as const

interface ScriptedConnection extends FeedConnection {
  end(end: ConnectionEnd): void
  closed: boolean
}

/** Each connect() takes the next outcome; 'hang' never settles until aborted. */
type Outcome = 'connect' | 'hang' | ConnectionEnd

class ScriptedTransport implements FeedTransport {
  readonly kind = 'sse' as const
  readonly outcomes: Outcome[] = []
  readonly connections: ScriptedConnection[] = []
  attempts = 0
  inFlight = 0
  maxInFlight = 0
  liveCount = 0
  maxLive = 0
  abortedAttempts = 0

  connect(attempt: AttemptContext): Promise<FeedConnection> {
    this.attempts++
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight + this.liveCount)
    const outcome = this.outcomes.shift() ?? 'connect'
    return new Promise<FeedConnection>((resolve, reject) => {
      const settle = () => {
        this.inFlight--
      }
      attempt.signal.addEventListener('abort', () => {
        settle()
        this.abortedAttempts++
        reject(attempt.signal.reason)
      })
      if (outcome === 'hang') return
      queueMicrotask(() => {
        if (attempt.signal.aborted) return
        settle()
        if (outcome !== 'connect') {
          reject(new ConnectFailed(outcome as FailedEnd))
          return
        }
        resolve(this.open())
      })
    })
  }

  private open(): ScriptedConnection {
    let resolveEnded!: (end: ConnectionEnd) => void
    const transport = this
    transport.liveCount++
    transport.maxLive = Math.max(transport.maxLive, transport.liveCount)
    const connection: ScriptedConnection = {
      ended: new Promise((resolve) => {
        resolveEnded = resolve
      }),
      closed: false,
      end(end) {
        resolveEnded(end)
      },
      async close() {
        if (!connection.closed) transport.liveCount--
        connection.closed = true
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

function makeEngine(random: () => number = () => 0.5, policy = {}) {
  engine = new FeedEngine({ transport, clock, random, policy })
  states = []
  engine.onState((state) => states.push(state))
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
    makeEngine(() => 0.4).start()
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
