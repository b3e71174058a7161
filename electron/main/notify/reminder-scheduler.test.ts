// Reminders on fake time over a real SQLite store and the real presenter; only Electron's
// Notification is a stand-in. Covers due, gated, never twice and a restart on the same file.
import { join } from 'node:path'
import { SETTING_DEFAULTS } from '@shared/settings'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeClock } from '../../../test/support/fake-clock'
import { AnswerOutbox } from '../answers/answer-outbox'
import { silentLogger } from '../log/logger'
import { openDatabase } from '../store/database'
import { QuestionStore } from '../store/question-store'
import { NOW, question, tempDir } from '../store/testing/fixtures'
import type { DoNotDisturb } from './do-not-disturb'
import { ReminderScheduler } from './reminder-scheduler'
import { recordNotifications } from './testing/fake-notification'
import type { ToastSettings } from './toast-policy'
import { ToastPresenter } from './toast-presenter'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

function folder(): string {
  const { dir, cleanup } = tempDir()
  cleanups.push(cleanup)
  return dir
}

/** The app's notification side on one cache file, started at `startAt` on a fake clock. */
function app(dir: string, startAt = NOW, settings: Partial<ToastSettings> = {}) {
  const { clock, timers } = fakeClock(startAt)
  const db = openDatabase(join(dir, 'cache.sqlite'), { log: silentLogger })
  const store = new QuestionStore(db, { log: silentLogger, now: () => timers.now })
  const { notifications, createNotification } = recordNotifications()
  const state = {
    paused: false,
    doNotDisturb: 'off' as DoNotDisturb,
    settings: { ...SETTING_DEFAULTS, ...settings } as ToastSettings,
  }
  const presenter = new ToastPresenter({
    createNotification,
    store,
    isPaused: () => state.paused,
    settings: () => state.settings,
    locale: () => 'en',
    onClick: () => {},
    log: silentLogger,
    clock,
    supportsReply: true,
    answer: async () => ({ kind: 'queued' }),
  })
  const scheduler = new ReminderScheduler({
    store,
    settings: () => state.settings,
    isPaused: () => state.paused,
    doNotDisturb: async () => state.doNotDisturb,
    show: (notices) => presenter.remind(notices),
    log: silentLogger,
    clock,
  })
  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    scheduler.dispose()
    presenter.dispose()
    store.close()
  }
  cleanups.push(close)
  /** The feed's full open set, as a snapshot brings it (also after a restart). */
  const snapshot = (...questions: ReturnType<typeof question>[]) =>
    presenter.add(store.apply({ kind: 'snapshot', questions }))
  /** Lets fake time pass, and the checks that fall due in it settle. */
  const pass = async (ms: number) => {
    await timers.tickAsync(ms)
    await scheduler.check()
  }
  const titles = () => notifications.map((n) => n.options.title)
  return { store, db, state, notifications, snapshot, pass, titles, close, timers }
}

const freeText = (id: string, expiresInMs = 24 * HOUR) => ({
  ...question(id, { expiresInMs }),
  options: null,
})

describe('ReminderScheduler', () => {
  it('reminds once, 15 minutes after the first toast, in its place and with its reply field', async () => {
    const { store, snapshot, pass, titles, notifications } = app(folder())
    snapshot(freeText('q1'))
    await pass(15 * MINUTE - 31_000)
    expect(titles()).toEqual(['Product · ST-1'])
    await pass(31_000)
    expect(titles()).toEqual(['Product · ST-1', 'Still waiting for you: Product · ST-1'])
    expect(notifications[1]?.options).toMatchObject({ id: 'q1', body: 'question q1', hasReply: true })
    expect(store.get('q1')?.remindedAt).not.toBeNull()
    await pass(3 * HOUR)
    expect(titles()).toHaveLength(2)
  })

  it('sends "expires soon" once under an hour is left, then nothing more', async () => {
    const { snapshot, pass, titles } = app(folder())
    snapshot(freeText('q1', 3 * HOUR))
    await pass(2 * HOUR + MINUTE)
    expect(titles()).toEqual([
      'Product · ST-1',
      'Still waiting for you: Product · ST-1',
      'Expires within the hour: Product · ST-1',
    ])
    await pass(55 * MINUTE)
    expect(titles()).toHaveLength(3)
  })

  it('holds a reminder while paused or in do-not-disturb, and sends it once when that ends', async () => {
    const { store, state, snapshot, pass, titles } = app(folder())
    snapshot(freeText('q1'))
    state.paused = true
    await pass(20 * MINUTE)
    expect(titles()).toEqual(['Product · ST-1'])
    expect(store.get('q1')?.remindedAt).toBeNull()
    state.paused = false
    state.doNotDisturb = 'on'
    await pass(10 * MINUTE)
    expect(titles()).toHaveLength(1)
    state.doNotDisturb = 'off'
    await pass(30_000)
    expect(titles()).toEqual(['Product · ST-1', 'Still waiting for you: Product · ST-1'])
    await pass(HOUR)
    expect(titles()).toHaveLength(2)
  })

  it('sends nothing for a muted product, nor when reminders are off', async () => {
    const muted = app(folder(), NOW, { mutedProducts: ['p1'] })
    muted.snapshot(freeText('q1'))
    const off = app(folder(), NOW, { reminderMinutes: 'off' })
    off.snapshot(freeText('q1', 30 * HOUR))
    await muted.pass(2 * HOUR)
    await off.pass(2 * HOUR)
    expect(muted.notifications).toEqual([])
    expect(off.titles()).toEqual(['Product · ST-1'])
  })

  it('gathers reminders due together into one summary, without a reply field', async () => {
    const { snapshot, pass, titles, notifications, store } = app(folder())
    snapshot(freeText('q1'), freeText('q2'), freeText('q3'))
    await pass(15 * MINUTE)
    expect(titles()).toEqual(['3 new questions', '3 questions are still waiting for you'])
    expect(notifications[1]?.options.hasReply).toBeUndefined()
    expect(['q1', 'q2', 'q3'].map((id) => store.get(id)?.remindedAt != null)).toEqual([true, true, true])
  })

  it('does not remind of a question whose answer waits in the outbox', async () => {
    const { db, snapshot, pass, titles } = app(folder())
    snapshot(freeText('q1'))
    new AnswerOutbox(db).enqueue('q1', { kind: 'text', text: 'done' })
    await pass(HOUR)
    expect(titles()).toEqual(['Product · ST-1'])
  })

  describe('across a restart on the same file', () => {
    it('never repeats a reminder that went out before', async () => {
      const dir = folder()
      const before = app(dir)
      before.snapshot(freeText('q1'))
      await before.pass(15 * MINUTE)
      expect(before.titles()).toHaveLength(2)
      before.close()
      const after = app(dir, NOW + 40 * MINUTE)
      after.snapshot(freeText('q1'))
      await after.pass(2 * HOUR)
      expect(after.titles()).toEqual([])
    })

    it('sends one that fell due while the app was off, once the feed has confirmed the question is open', async () => {
      const dir = folder()
      const before = app(dir)
      before.snapshot(freeText('q1'), freeText('q2'))
      before.close()
      const after = app(dir, NOW + 3 * HOUR)
      await after.pass(MINUTE)
      expect(after.titles()).toEqual([]) // the cache alone is not trusted: q2 may be answered elsewhere
      after.snapshot(freeText('q1'))
      await after.pass(30_000)
      expect(after.titles()).toEqual(['Still waiting for you: Product · ST-1'])
      await after.pass(HOUR)
      expect(after.titles()).toHaveLength(1)
    })
  })
})
