// End to end: a question reaches the real NotifierCore through the SSE test server (over
// PostgreSQL) into its SQLite cache; the app's notification wiring reminds of it once, a reply typed
// into the reminder is answered through the server, and a restart on the same cache repeats nothing.
// Only Electron's Notification is a stand-in; the notification side runs on a fake clock.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeClock } from '../../../test/support/fake-clock'
import { sleep } from '../../../test/support/feed-harness'
import { answerOf, insertQuestion } from '../../../test/support/fixtures'
import { setUpSeededDatabase } from '../../../test/support/seeded-database'
import { type SseTestServer, startSseTestServer } from '../../../test/support/sse-test-server'
import { NotifierCore } from '../core/notifier-core'
import type { FeedTiming } from '../feed/feed-config'
import { silentLogger } from '../log/logger'
import { AnswerProgressTracker } from '../panel/answer-progress'
import { answerQuestion } from '../panel/answer-question'
import { registerNotifications } from './register-notifications'
import { recordNotifications } from './testing/fake-notification'

const TIMING = {
  policy: { baseMs: 100, capMs: 500, floorMs: 20, connectTimeoutMs: 2000, nudgeMinIntervalMs: 500 },
  sse: { plannedLifetimeMs: 60_000, refreshSpreadMs: 20 },
} satisfies FeedTiming
const MINUTE = 60_000

const db = setUpSeededDatabase()
const stops: (() => Promise<void> | void)[] = []
let server: SseTestServer | null = null

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
  await server?.close()
  server = null
})

async function until(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

/** The desktop app's core and notification wiring on `dir`; stop() closes both, as a quit does. */
async function startApp(dir: string) {
  server ??= await startSseTestServer({
    databaseUrl: db.url,
    credentials: { 'token-ann': db.world.users.ann },
    heartbeatMs: 500,
    lifetimeMs: 60_000,
  })
  const core = new NotifierCore({
    feed: { kind: 'sse', serverUrl: server.origin, auth: { kind: 'bearer', token: 'token-ann' } },
    dataDir: dir,
    applicationName: 'reminders-core-test',
    log: silentLogger,
    timing: TIMING,
    answerWaitMs: 5000,
  })
  const { clock, timers } = fakeClock(Date.now())
  const { notifications, createNotification } = recordNotifications()
  const notify = registerNotifications({
    createNotification,
    handleActivation: null,
    showPanel: () => {},
    signInAgain: () => {},
    isPaused: () => false,
    locale: () => 'en',
    onClick: () => {},
    log: silentLogger,
    clock,
    supportsReply: true,
  })
  const progress = new AnswerProgressTracker()
  const detach = notify.attach(core, (id, input) =>
    answerQuestion({ core, answers: progress, changed: () => {} }, id, input),
  )
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    detach()
    await core.close()
  }
  stops.push(stop)
  core.start()
  await until('the feed to connect', () => core.feedState.state === 'connected')
  return { core, notifications, timers, stop, titles: () => notifications.map((n) => n.options.title) }
}

describe('reminders through the real core', () => {
  it('reminds once of an open question, takes a reply from the reminder, and repeats nothing after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 's4m-reminders-'))
    stops.push(() => rmSync(dir, { recursive: true, force: true }))
    const waiting = await insertQuestion(db.url, {
      productId: db.world.products.alpha,
      storyId: db.world.stories.st101,
      askedBy: db.world.users.ann,
      question: 'Which branch do we keep?',
      options: null,
    })
    const first = await startApp(dir)
    await until('the first toast', () => first.notifications.length === 1)
    expect(first.notifications[0]?.options).toMatchObject({ id: waiting, hasReply: true })

    await first.timers.tickAsync(16 * MINUTE)
    await until('the reminder', () => first.notifications.length === 2)
    const reminder = first.notifications[1]
    expect(reminder?.options).toMatchObject({
      id: waiting,
      title: expect.stringMatching(/^Still waiting for you: /),
      body: 'Which branch do we keep?',
      hasReply: true,
    })
    expect(first.core.store.get(waiting)?.remindedAt).not.toBeNull()
    await first.timers.tickAsync(60 * MINUTE)
    await sleep(200)
    expect(first.notifications).toHaveLength(2)

    // A second question, still owed its reminder at quit, shows the restart rule the other way.
    const owed = await insertQuestion(db.url, {
      productId: db.world.products.alpha,
      storyId: db.world.stories.st101,
      askedBy: db.world.users.ann,
      options: null,
    })
    await until('the second toast', () => first.notifications.length === 3)
    await first.stop()

    const second = await startApp(dir)
    await second.timers.tickAsync(30 * MINUTE)
    await until('the owed reminder', () => second.notifications.length === 1)
    await second.timers.tickAsync(30 * MINUTE)
    await sleep(200)
    expect(second.notifications.map((n) => n.options.id)).toEqual([owed])

    // The reply typed into the reminder goes out through the server's answer route.
    second.notifications[0]?.emit('reply', { reply: 'Keep main.' })
    await until(
      'the answer to reach the server',
      async () => (await answerOf(db.url, owed))?.status === 'answered',
    )
    expect(await answerOf(db.url, owed)).toEqual({ status: 'answered', answer: 'Keep main.' })
    await until('the outcome toast', () => second.notifications.length === 2)
    expect(second.notifications[1]?.options).toMatchObject({
      id: owed,
      title: 'Answered',
      body: 'Keep main.',
    })
  })
})
