// Typed answers from a notification's inline reply field (macOS, Windows), through the panel's
// answer path and the real core into its SQLite outbox; and "keep until I act".
import { SETTING_DEFAULTS } from '@shared/settings'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeClock } from '../../../test/support/fake-clock'
import type { NotifierCore } from '../core/notifier-core'
import { silentLogger } from '../log/logger'
import { AnswerProgressTracker } from '../panel/answer-progress'
import { answerQuestion } from '../panel/answer-question'
import { question } from '../store/testing/fixtures'
import { recordNotifications } from './testing/fake-notification'
import { offlineCore as offlineCoreIn, pendingAnswers } from './testing/offline-core'
import type { ToastSettings } from './toast-policy'
import { ToastPresenter, type ToastPresenterOptions } from './toast-presenter'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const offlineCore = () => offlineCoreIn('toast-reply', (remove) => cleanups.push(remove))

type Platform = Pick<ToastPresenterOptions, 'supportsReply' | 'keepsTimedOutToasts' | 'supportsKeeping'>
const WINDOWS: Platform = { supportsReply: true, keepsTimedOutToasts: true, supportsKeeping: true }
const MACOS: Platform = { supportsReply: true, supportsKeeping: false }
const LINUX: Platform = { supportsReply: false, supportsKeeping: true }

function presenterFor(
  core: NotifierCore,
  platform: Platform,
  settings: Partial<ToastSettings> = {},
  takesAnswers = true,
) {
  const { clock, timers } = fakeClock(Date.now())
  const { notifications, createNotification } = recordNotifications()
  const clicks: (string | null)[] = []
  const answered: Promise<unknown>[] = []
  // The panel's answer path: the popup shows this answer's progress like one typed there.
  const progress = new AnswerProgressTracker()
  const presenter = new ToastPresenter({
    createNotification,
    store: core.store,
    isPaused: () => false,
    settings: () => ({ ...SETTING_DEFAULTS, ...settings }),
    locale: () => 'en',
    onClick: (id) => clicks.push(id),
    log: silentLogger,
    clock,
    supportsActions: platform.supportsReply,
    ...platform,
    takesAnswers: () => takesAnswers,
    answer: (id, input) => {
      const outcome = answerQuestion({ core, answers: progress, changed: () => {} }, id, input)
      answered.push(outcome)
      return outcome
    },
  })
  cleanups.push(() => presenter.dispose())
  const settle = async () => {
    await Promise.all(answered)
    await new Promise((resolve) => setImmediate(resolve))
  }
  return { presenter, notifications, clicks, answered, progress, timers, settle }
}

const open = (id: string, options: string[] | null = null) => ({
  ...question(id),
  options,
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
})

describe('typed answers from the notification', () => {
  it('gives a free-text question a reply field, and a reply reaches the outbox once', async () => {
    const { core, dir } = offlineCore()
    const { presenter, notifications, progress, settle } = presenterFor(core, MACOS)
    presenter.add(core.store.apply({ kind: 'opened', question: open('q1') }))
    expect(notifications[0]?.options).toMatchObject({
      id: 'q1',
      hasReply: true,
      replyPlaceholder: 'Type your answer',
    })
    notifications[0]?.emit('reply', { reply: 'Use the second branch' })
    await settle()
    expect(progress.get('q1')?.progress).toEqual({
      state: 'queued',
      answer: { kind: 'text', text: 'Use the second branch' },
    })
    // The outcome replaces the question's toast, as for a button.
    expect(notifications[1]?.options).toMatchObject({ id: 'q1', title: 'Answer saved' })
    expect(notifications[1]?.options.hasReply).toBeUndefined()
    await core.close()
    expect(pendingAnswers(dir)).toEqual([
      { questionId: 'q1', answer: { kind: 'text', text: 'Use the second branch' } },
    ])
  })

  it('Windows: a reply typed in Action Center after the toast timed out is sent once', async () => {
    const { core, dir } = offlineCore()
    const { presenter, notifications, answered, clicks, timers, settle } = presenterFor(core, WINDOWS)
    presenter.add(core.store.apply({ kind: 'opened', question: open('q1') }))
    notifications[0]?.emit('close', { reason: 'timedOut' })
    // Electron reports it twice: as the live toast's event and to Notification.handleActivation.
    notifications[0]?.emit('reply', { reply: 'ship it' })
    presenter.activated({ type: 'reply', reply: 'ship it' })
    timers.tick(1000)
    await settle()
    expect(answered).toHaveLength(1)
    expect(clicks).toEqual([])
    await core.close()
    expect(pendingAnswers(dir)).toEqual([{ questionId: 'q1', answer: { kind: 'text', text: 'ship it' } }])
  })

  it('Windows: a reply whose toast object is gone is never guessed onto a question, and is shown back', async () => {
    const { core, dir } = offlineCore()
    core.store.apply({ kind: 'opened', question: open('q1') })
    const { presenter, notifications, answered, clicks, timers } = presenterFor(core, WINDOWS)
    presenter.activated({ type: 'reply', reply: 'lost <b>words</b>' })
    timers.tick(1000)
    expect(answered).toEqual([])
    expect(clicks).toEqual([null])
    expect(notifications[0]?.options.title).toBe('Answer not sent')
    expect(notifications[0]?.options.body).toContain('lost ‹b›words‹/b›')
    await core.close()
    expect(pendingAnswers(dir)).toEqual([])
  })

  it('refuses an empty reply without sending anything', async () => {
    const { core, dir } = offlineCore()
    const { presenter, notifications, answered, settle } = presenterFor(core, WINDOWS)
    presenter.add(core.store.apply({ kind: 'opened', question: open('q1') }))
    notifications[0]?.emit('reply', { reply: '  \n ' })
    await settle()
    expect(answered).toEqual([])
    expect(notifications[1]?.options).toMatchObject({
      id: 'q1',
      title: 'Not accepted',
      body: 'The reply was empty, so nothing was sent.',
    })
    await core.close()
    expect(pendingAnswers(dir)).toEqual([])
  })

  it('offers no reply field for options, hidden text, a burst, or where the OS has none', async () => {
    const { core } = offlineCore()
    cleanups.push(() => core.close())
    const options = presenterFor(core, WINDOWS)
    options.presenter.add(core.store.apply({ kind: 'opened', question: open('q1', ['Ja', 'Nee']) }))
    expect(options.notifications[0]?.options).toMatchObject({ actions: [{ text: 'Ja' }, { text: 'Nee' }] })

    const hidden = presenterFor(core, WINDOWS, { showQuestionText: false })
    hidden.presenter.add(core.store.apply({ kind: 'opened', question: open('q2') }))

    const linux = presenterFor(core, LINUX)
    linux.presenter.add(core.store.apply({ kind: 'opened', question: open('q3') }))

    const burst = presenterFor(core, WINDOWS)
    burst.presenter.add(
      core.store.applyBatch([
        { kind: 'opened', question: open('q4') },
        { kind: 'opened', question: open('q5') },
      ]),
    )
    expect(burst.notifications[0]?.options.title).toBe('2 new questions')

    const muted = presenterFor(core, WINDOWS, { mutedProducts: ['p1'] })
    muted.presenter.add(core.store.apply({ kind: 'opened', question: open('q6') }))
    expect(muted.notifications).toEqual([])

    const shown = [options, hidden, linux, burst].map(({ notifications }) => notifications[0]?.options)
    expect(shown.map((init) => init?.hasReply ?? false)).toEqual([false, false, false, false])
    expect(shown.map((init) => init?.replyPlaceholder)).toEqual([undefined, undefined, undefined, undefined])
  })
})

describe('a server that takes no answers from the notifier', () => {
  it('gets neither buttons nor a reply field in its toasts: those answers would only be refused', async () => {
    const { core } = offlineCore()
    cleanups.push(() => core.close())
    const shown = [open('q1', ['Ja', 'Nee']), open('q2')].map((asked) => {
      const { presenter, notifications } = presenterFor(core, WINDOWS, {}, false)
      presenter.add(core.store.apply({ kind: 'opened', question: asked }))
      return notifications[0]?.options
    })
    expect(shown.map((init) => init?.id)).toEqual(['q1', 'q2'])
    expect(shown.map((init) => init?.actions ?? [])).toEqual([[], []])
    expect(shown.map((init) => init?.hasReply ?? false)).toEqual([false, false])
  })
})

describe('keep question notifications until I act', () => {
  it("sets timeoutType 'never' where the OS keeps a notification (Windows, Linux), not on macOS", async () => {
    const { core } = offlineCore()
    cleanups.push(() => core.close())
    const seen = [WINDOWS, LINUX, MACOS].map((platform, index) => {
      const { presenter, notifications } = presenterFor(core, platform, { keepNotifications: true })
      presenter.add(core.store.apply({ kind: 'opened', question: open(`k${index}`) }))
      return notifications[0]?.options.timeoutType
    })
    expect(seen).toEqual(['never', 'never', undefined])
  })

  it('leaves the timeout to the OS by default, and for the outcome of an answer', async () => {
    const { core } = offlineCore()
    cleanups.push(() => core.close())
    const off = presenterFor(core, WINDOWS)
    off.presenter.add(core.store.apply({ kind: 'opened', question: open('d1') }))
    expect(off.notifications[0]?.options.timeoutType).toBeUndefined()

    const kept = presenterFor(core, WINDOWS, { keepNotifications: true })
    kept.presenter.add(core.store.apply({ kind: 'opened', question: open('d2') }))
    kept.notifications[0]?.emit('reply', { reply: 'fine' })
    await kept.settle()
    expect(kept.notifications.map((n) => n.options.timeoutType)).toEqual(['never', undefined])
  })
})
