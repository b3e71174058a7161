// Windows Action Center: a toast whose `close` fired on its timeout is still in Action Center, and
// its buttons still answer, through the real core into its SQLite outbox.
import { afterEach, describe, expect, it } from 'vitest'
import { fakeClock } from '../../../test/support/fake-clock'
import type { NotifierCore } from '../core/notifier-core'
import { silentLogger } from '../log/logger'
import { question } from '../store/testing/fixtures'
import { recordNotifications } from './testing/fake-notification'
import { offlineCore as offlineCoreIn, pendingAnswers } from './testing/offline-core'
import { ToastPresenter } from './toast-presenter'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const offlineCore = () => offlineCoreIn('action-center', (remove) => cleanups.push(remove))

function windowsPresenter(core: NotifierCore) {
  const { clock, timers } = fakeClock(Date.now())
  const { notifications, createNotification } = recordNotifications()
  const clicks: (string | null)[] = []
  const answered: Promise<unknown>[] = []
  const presenter = new ToastPresenter({
    createNotification,
    store: core.store,
    isPaused: () => false,
    locale: () => 'en',
    onClick: (id) => clicks.push(id),
    log: silentLogger,
    clock,
    supportsActions: true,
    keepsTimedOutToasts: true,
    answer: (id, input) => {
      const outcome = core.answer(id, input)
      answered.push(outcome)
      return outcome
    },
  })
  cleanups.push(() => presenter.dispose())
  return { presenter, notifications, clicks, answered, timers }
}

const open = (id: string) => ({ ...question(id), expiresAt: new Date(Date.now() + 3_600_000).toISOString() })

describe('Windows Action Center', () => {
  it('answers from a button pressed in Action Center after the toast timed out', async () => {
    const { core, dir } = offlineCore()
    const { presenter, notifications, answered } = windowsPresenter(core)
    presenter.add(core.store.apply({ kind: 'opened', question: open('q1') }))
    const toast = notifications[0]
    expect(toast?.options).toMatchObject({ id: 'q1', actions: [{ text: 'Ja' }, { text: 'Nee' }] })
    toast?.emit('close', { reason: 'timedOut' })
    expect(presenter.liveCount).toBe(1)
    toast?.emit('action', { actionIndex: 1 })
    expect(await Promise.all(answered)).toEqual([{ kind: 'queued' }])
    await core.close()
    expect(pendingAnswers(dir)).toEqual([{ questionId: 'q1', answer: { kind: 'option', option: 'Nee' } }])
  })

  it('forgets a toast the user dismissed, and one replaced by its outcome', async () => {
    const { core } = offlineCore()
    cleanups.push(() => core.close())
    const { presenter, notifications, answered, timers } = windowsPresenter(core)
    presenter.add(core.store.apply({ kind: 'opened', question: open('q1') }))
    notifications[0]?.emit('close', { reason: 'userCanceled' })
    expect(presenter.liveCount).toBe(0)
    timers.tick(60_000) // past the toast coalescing window
    presenter.add(core.store.apply({ kind: 'opened', question: open('q2') }))
    notifications[1]?.emit('action', { actionIndex: 0 })
    await Promise.all(answered)
    await new Promise((resolve) => setImmediate(resolve))
    // The outcome toast has the question's id, so it takes the question toast's place.
    expect(notifications[2]?.options).toMatchObject({ id: 'q2', title: 'Answer saved' })
    expect(presenter.liveCount).toBe(1)
    expect(notifications[1]?.closed).toBe(false)
  })

  describe('activations that arrive through Notification.handleActivation', () => {
    it('opens the popup for a button of a toast whose object is gone, and never guesses an answer', () => {
      const { core } = offlineCore()
      cleanups.push(() => core.close())
      core.store.apply({ kind: 'opened', question: open('q1') })
      const { presenter, clicks, answered, timers } = windowsPresenter(core)
      presenter.activated() // e.g. type=action&action=0&tag=<Electron's hash of the id>
      presenter.activated() // a click
      timers.tick(1000)
      expect(clicks).toEqual([null, null])
      expect(answered).toEqual([])
    })

    it('does nothing twice: an activation the live toast already reported is not handled again', async () => {
      const { core } = offlineCore()
      cleanups.push(() => core.close())
      const { presenter, notifications, answered, clicks, timers } = windowsPresenter(core)
      presenter.add(core.store.apply({ kind: 'opened', question: open('q1') }))
      notifications[0]?.emit('action', { actionIndex: 0 })
      presenter.activated()
      timers.tick(1000)
      expect(answered).toHaveLength(1)
      // The other order: the activation first, then the toast's own event.
      timers.tick(60_000)
      presenter.add(core.store.apply({ kind: 'opened', question: open('q2') }))
      presenter.activated()
      notifications.find((n) => n.options.id === 'q2')?.emit('action', { actionIndex: 1 })
      timers.tick(1000)
      expect(answered).toHaveLength(2)
      expect(clicks).toEqual([])
      await Promise.all(answered)
    })
  })
})
