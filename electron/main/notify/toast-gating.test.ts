// End to end: questions reach a real NotifierCore through PostgreSQL, and the toast policy decides
// only whether they toast. Muted products and quiet hours must never keep a question off the list.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SETTING_DEFAULTS } from '@shared/settings'
import { afterEach, describe, expect, it } from 'vitest'
import { sleep } from '../../../test/support/feed-harness'
import { insertQuestion } from '../../../test/support/fixtures'
import { setUpSeededDatabase } from '../../../test/support/seeded-database'
import { NotifierCore } from '../core/notifier-core'
import { silentLogger } from '../log/logger'
import { recordNotifications } from './testing/fake-notification'
import type { ToastSettings } from './toast-policy'
import { ToastPresenter } from './toast-presenter'

const TIMING = {
  policy: { baseMs: 100, capMs: 500, floorMs: 20, connectTimeoutMs: 2000, nudgeMinIntervalMs: 500 },
}
const WINDOW_MS = 50

const db = setUpSeededDatabase()
const stops: (() => Promise<void> | void)[] = []

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

async function startApp(settings: ToastSettings) {
  const dir = mkdtempSync(join(tmpdir(), 's4m-gating-'))
  const core = new NotifierCore({
    feed: { kind: 'pg', connectionString: db.url, userId: db.world.users.bob },
    dataDir: dir,
    applicationName: 'toast-gating-test',
    log: silentLogger,
    timing: TIMING,
  })
  // Only Electron's Notification is replaced: the stand-in records what would have been shown.
  const { notifications, createNotification } = recordNotifications()
  const state = { settings }
  const toasts = new ToastPresenter({
    createNotification,
    store: core.store,
    isPaused: () => false,
    settings: () => state.settings,
    locale: () => 'en',
    onClick: () => {},
    log: silentLogger,
    windowMs: WINDOW_MS,
  })
  const unsubscribe = core.onQuestions((events) => toasts.add(events))
  stops.push(async () => {
    unsubscribe()
    toasts.dispose()
    await core.close()
    rmSync(dir, { recursive: true, force: true })
  })
  const deadline = Date.now() + 10_000
  core.start()
  while (core.feedState.state !== 'connected') {
    if (Date.now() > deadline) throw new Error(`not connected: ${JSON.stringify(core.feedState)}`)
    await sleep(20)
  }
  return { core, state, shown: () => notifications.filter((n) => n.shown).map((n) => n.options) }
}

/**
 * Waits until the core lists the question and the presenter has decided on it: the store records it
 * as notified both when a toast is shown and when the policy holds it back. A question waiting in the
 * coalescing window is not recorded yet, so a toast still to come is waited for, not missed.
 */
async function untilListed(core: NotifierCore, id: string): Promise<void> {
  const deadline = Date.now() + 10_000
  const decided = () =>
    core.listOpen().some((question) => question.id === id) && core.store.get(id)?.notifiedAt != null
  while (!decided()) {
    if (Date.now() > deadline) throw new Error(`question ${id} was never listed and decided on`)
    await sleep(20)
  }
}

const ask = (productId: string, storyId: string, question: string) =>
  insertQuestion(db.url, { productId, storyId, askedBy: db.world.users.ann, question })

/** 'HH:MM' on the local clock, `offsetMinutes` from now. */
function clockIn(offsetMinutes: number): string {
  const at = new Date(Date.now() + offsetMinutes * 60_000)
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`
}

describe('toast gating through a real core', () => {
  it('lists a muted product’s question without a toast, and toasts another product’s', async () => {
    const { core, shown } = await startApp({ ...SETTING_DEFAULTS, mutedProducts: [db.world.products.alpha] })
    const muted = await ask(db.world.products.alpha, db.world.stories.st101, 'Welke migratie?')
    await untilListed(core, muted)
    expect(shown()).toEqual([])
    expect(core.store.get(muted)?.notifiedAt).not.toBeNull()

    const heard = await ask(db.world.products.beta, db.world.stories.st201, 'Welk CSV-scheidingsteken?')
    await untilListed(core, heard)
    // The later toast is the anchor for "the muted one never toasts": it had all that time to.
    expect(shown().map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'Beta · ST-201', body: 'Welk CSV-scheidingsteken?' },
    ])
    expect(core.listOpen().map((question) => question.id)).toEqual(expect.arrayContaining([muted, heard]))
  })

  it('lists questions without toasts in quiet hours; toasts resume when they are switched off', async () => {
    const quietNow = { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], start: clockIn(-60), end: clockIn(60) }
    const { core, shown, state } = await startApp({ ...SETTING_DEFAULTS, quietHours: quietNow })
    const night = await ask(db.world.products.beta, db.world.stories.st201, 'Nu al deployen?')
    await untilListed(core, night)
    expect(shown()).toEqual([])

    state.settings = { ...state.settings, quietHours: { ...quietNow, enabled: false } }
    const day = await ask(db.world.products.alpha, db.world.stories.st101, 'Welke migratie?')
    await untilListed(core, day)
    // Only the new question: the one that arrived in quiet hours does not catch up.
    expect(shown().map(({ body }) => body)).toEqual(['Welke migratie?'])
    expect(core.listOpen().map((question) => question.id)).toEqual(expect.arrayContaining([night, day]))
  })
})
