// The sign-in notices against a real core: a real SSE server that stops taking a session (401), the
// real feed engine and the real SQLite cache. Only Electron's Notification is stood in for.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FeedState } from '@shared/feed-state'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeClock } from '../../../test/support/fake-clock'
import { setUpSeededDatabase } from '../../../test/support/seeded-database'
import { type SseTestServer, startSseTestServer } from '../../../test/support/sse-test-server'
import { NotifierCore } from '../core/notifier-core'
import type { FeedTiming } from '../feed/feed-config'
import { silentLogger } from '../log/logger'
import { NotificationPause } from './notification-pause'
import { type SessionNoticePorts, watchSession } from './session-notices'
import { recordNotifications } from './testing/fake-notification'

const TIMING = {
  policy: { baseMs: 100, capMs: 300, floorMs: 20, connectTimeoutMs: 2000, nudgeMinIntervalMs: 0 },
  sse: { plannedLifetimeMs: 60_000, refreshSpreadMs: 20 },
} satisfies FeedTiming
const HOUR_MS = 3_600_000
const SIGNED_OUT = 'Signed out of Scrum4Me — sign in again'
const ENDING = 'Your Scrum4Me sign-in ends tomorrow — sign in again'
const QUIET = { enabled: false, days: [], start: '22:00', end: '07:00' }

const db = setUpSeededDatabase()
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 's4m-notices-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function server(credentials: Record<string, string>, lifetimeMs = 60_000): Promise<SseTestServer> {
  const sse = await startSseTestServer({ databaseUrl: db.url, credentials, heartbeatMs: 500, lifetimeMs })
  cleanups.push(() => sse.close())
  return sse
}

function core(serverUrl: string, token: string, dataDir = tempDir()): NotifierCore {
  const made = new NotifierCore({
    feed: { kind: 'sse', serverUrl, auth: { kind: 'bearer', token } },
    dataDir,
    applicationName: 'session-notices-test',
    log: silentLogger,
    timing: TIMING,
  })
  cleanups.push(() => made.close())
  return made
}

function ports(overrides: Partial<SessionNoticePorts> = {}) {
  const recorded = recordNotifications()
  const signIns: number[] = []
  const pause = new NotificationPause()
  cleanups.push(() => pause.dispose())
  const all: SessionNoticePorts = {
    createNotification: recorded.createNotification,
    locale: () => 'en',
    isPaused: () => pause.isPaused(),
    settings: () => ({ sound: true, quietHours: QUIET }),
    signInAgain: () => signIns.push(Date.now()),
    log: silentLogger,
    ...overrides,
  }
  return { ports: all, notifications: recorded.notifications, signIns, pause }
}

function until(watched: NotifierCore, done: (state: FeedState) => boolean): Promise<FeedState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stuck at ${JSON.stringify(watched.feedState)}`)), 15_000)
    const check = (state: FeedState) => {
      if (!done(state)) return
      clearTimeout(timer)
      stop()
      resolve(state)
    }
    const stop = watched.onState(check)
    check(watched.feedState)
  })
}
const signedOut = (state: FeedState) => state.state === 'failed' && state.failure === 'auth'
const titles = (notifications: ReturnType<typeof ports>['notifications']) =>
  notifications.map((notification) => notification.options.title)

describe('the signed-out notice', () => {
  it('comes once per sign-out: not for a retry, again after the feed was connected', async () => {
    const ann = db.world.users.ann
    const credentials: Record<string, string> = {}
    // Streams end after a second, so a revoked session shows at the next connect.
    const sse = await server(credentials, 1_000)
    const watched = core(sse.origin, 'tok-ann')
    const { ports: p, notifications, signIns } = ports()
    cleanups.push(watchSession(watched, { canSignIn: true, expiresAt: null }, p))
    watched.start()
    await until(watched, signedOut)
    expect(titles(notifications)).toEqual([SIGNED_OUT])
    expect(notifications[0]?.shown).toBe(true)
    expect(notifications[0]?.options.silent).toBeUndefined()

    // "Reconnect now" while still signed out: the same sign-out, no second notice.
    const connectsBefore = sse.connects
    watched.nudge('user')
    await until(watched, (state) => state.state === 'connecting')
    await until(watched, signedOut)
    expect(sse.connects).toBeGreaterThan(connectsBefore)
    expect(titles(notifications)).toEqual([SIGNED_OUT])

    // Signed in again, then the session ends once more: a new sign-out.
    credentials['tok-ann'] = ann
    watched.nudge('user')
    await until(watched, (state) => state.state === 'connected')
    delete credentials['tok-ann']
    await until(watched, signedOut)
    expect(titles(notifications)).toEqual([SIGNED_OUT, SIGNED_OUT])

    notifications[1]?.emit('click')
    expect(signIns).toHaveLength(1)
  })

  it('is shown while paused, but silent; and never in direct database mode', async () => {
    const sse = await server({})
    const watched = core(sse.origin, 'tok-nobody')
    const { ports: p, notifications, pause } = ports()
    pause.pause('hour')
    cleanups.push(watchSession(watched, { canSignIn: true, expiresAt: null }, p))
    const database = ports()
    cleanups.push(watchSession(watched, { canSignIn: false, expiresAt: null }, database.ports))
    watched.start()
    await until(watched, signedOut)
    expect(titles(notifications)).toEqual([SIGNED_OUT])
    expect(notifications[0]?.options.silent).toBe(true)
    expect(database.notifications).toEqual([])
  })
})

describe('the sign-in-ends-tomorrow notice', () => {
  it('comes a day before the end, once per end, also across a restart', () => {
    const start = Date.parse('2026-12-01T09:00:00Z')
    const end = new Date(start + 36 * HOUR_MS).toISOString()
    const { clock, timers } = fakeClock(start)
    const dataDir = tempDir()
    const first = core('http://127.0.0.1:9', 'tok', dataDir)
    const { ports: p, notifications, signIns } = ports({ clock })
    const stop = watchSession(first, { canSignIn: true, expiresAt: end }, p)
    timers.tick(12 * HOUR_MS - 1)
    expect(notifications).toEqual([])
    timers.tick(1)
    expect(titles(notifications)).toEqual([ENDING])
    notifications[0]?.emit('click')
    expect(signIns).toHaveLength(1)
    stop()
    void first.close()

    // After a restart on the same cache: the same end is not announced again…
    const again = core('http://127.0.0.1:9', 'tok', dataDir)
    const restarted = ports({ clock })
    cleanups.push(watchSession(again, { canSignIn: true, expiresAt: end }, restarted.ports))
    timers.tick(HOUR_MS)
    expect(restarted.notifications).toEqual([])
    // …but a new sign-in with its own end is, a day before that one.
    const later = new Date(start + 80 * HOUR_MS).toISOString()
    cleanups.push(watchSession(again, { canSignIn: true, expiresAt: later }, restarted.ports))
    timers.tick(30 * HOUR_MS)
    expect(restarted.notifications).toEqual([])
    timers.tick(25 * HOUR_MS)
    expect(titles(restarted.notifications)).toEqual([ENDING])
  })

  it('says nothing once the sign-in has ended, and waits in steps for an end weeks away', () => {
    const start = Date.parse('2026-12-01T09:00:00Z')
    const { clock, timers } = fakeClock(start)
    const watched = core('http://127.0.0.1:9', 'tok')
    const past = ports({ clock })
    cleanups.push(
      watchSession(watched, { canSignIn: true, expiresAt: new Date(start - 1).toISOString() }, past.ports),
    )
    const far = ports({ clock })
    const farEnd = new Date(start + 40 * 24 * HOUR_MS).toISOString()
    cleanups.push(watchSession(watched, { canSignIn: true, expiresAt: farEnd }, far.ports))
    timers.tick(39 * 24 * HOUR_MS - 1)
    expect(far.notifications).toEqual([])
    timers.tick(1)
    expect(titles(far.notifications)).toEqual([ENDING])
    expect(past.notifications).toEqual([])
  })
})
