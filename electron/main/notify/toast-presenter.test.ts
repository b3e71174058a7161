import type { AnswerInput, AnswerOutcome } from '@shared/answer'
import { SETTING_DEFAULTS } from '@shared/settings'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeClock } from '../../../test/support/fake-clock'
import { silentLogger } from '../log/logger'
import { NOW, question, tempStore } from '../store/testing/fixtures'
import type { DoNotDisturb } from './do-not-disturb'
import { recordNotifications } from './testing/fake-notification'
import type { ToastSettings } from './toast-policy'
import { ToastPresenter, type ToastPresenterOptions } from './toast-presenter'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

function setup(
  options: { paused?: boolean; settings?: Partial<ToastSettings>; startAt?: number } & Pick<
    ToastPresenterOptions,
    'supportsActions' | 'answer' | 'doNotDisturb'
  > = {},
) {
  const { store, cleanup } = tempStore()
  cleanups.push(cleanup)
  const { clock, timers } = fakeClock(options.startAt ?? NOW)
  const { notifications, createNotification } = recordNotifications()
  const clicks: (string | null)[] = []
  const shown: string[][] = []
  const state = {
    paused: options.paused ?? false,
    settings: { ...SETTING_DEFAULTS, ...options.settings } as ToastSettings,
  }
  const presenter = new ToastPresenter({
    createNotification,
    store,
    isPaused: () => state.paused,
    settings: () => state.settings,
    doNotDisturb: options.doNotDisturb,
    locale: () => 'nl',
    onClick: (id) => clicks.push(id),
    log: silentLogger,
    windowMs: 1000,
    clock,
    supportsActions: options.supportsActions,
    answer: options.answer,
    onShown: (ids) => shown.push(ids),
  })
  cleanups.push(() => presenter.dispose())
  return { store, presenter, notifications, clicks, timers, state, shown }
}

describe('ToastPresenter', () => {
  it('shows a new question as plain text and records it as notified', () => {
    const { store, presenter, notifications } = setup()
    const q = { ...question('q1'), text: '<b>Kies</b> & ga' }
    presenter.add(store.apply({ kind: 'opened', question: q }))
    expect(notifications).toHaveLength(1)
    expect(notifications[0]?.options).toMatchObject({ title: 'Product · ST-1', body: '‹b›Kies‹/b› ＆ ga' })
    expect(notifications[0]?.shown).toBe(true)
    expect(store.get('q1')?.notifiedAt).not.toBeNull()
  })

  it('shows nothing for a question the store already knew, or one that closed', () => {
    const { store, presenter, notifications } = setup()
    presenter.add(store.apply({ kind: 'opened', question: question('q1') }))
    presenter.add(store.apply({ kind: 'opened', question: question('q1') }))
    presenter.add(store.apply({ kind: 'left', id: 'q1', status: 'answered' }))
    expect(notifications).toHaveLength(1)
  })

  it('never toasts a question twice when a frame closed it and a snapshot brings it back', () => {
    const { store, presenter, notifications, timers } = setup()
    presenter.add(store.apply({ kind: 'opened', question: question('q1') }))
    timers.tick(1000)
    presenter.add(store.apply({ kind: 'left', id: 'q1', status: 'answered' }))
    presenter.add(store.apply({ kind: 'snapshot', questions: [question('q1')] }))
    timers.tick(1000)
    expect(notifications).toHaveLength(1)
    expect(store.listOpen().map((q) => q.id)).toEqual(['q1'])
  })

  it('turns a backlog into one summary toast, in the user language', () => {
    const { store, presenter, notifications, shown } = setup()
    const events = store.apply({ kind: 'snapshot', questions: [question('a'), question('b'), question('c')] })
    presenter.add(events)
    expect(notifications.map((n) => n.options)).toEqual([
      { title: '3 nieuwe vragen', body: 'Open Scrum4Me Notifier om ze te beantwoorden.', icon: undefined },
    ])
    expect(['a', 'b', 'c'].map((id) => store.get(id)?.notifiedAt)).not.toContain(null)
    expect(shown).toEqual([['a', 'b', 'c']])
  })

  it('keeps live notifications referenced until clicked or closed', () => {
    const { store, presenter, notifications, clicks, timers } = setup()
    presenter.add(store.apply({ kind: 'opened', question: question('q1') }))
    timers.tick(1000)
    presenter.add([
      ...store.apply({ kind: 'opened', question: question('q2') }),
      ...store.apply({ kind: 'opened', question: question('q3') }),
    ])
    expect(presenter.liveCount).toBe(2)
    notifications[0]?.emit('click')
    expect(clicks).toEqual(['q1'])
    expect(presenter.liveCount).toBe(1)
    notifications[1]?.emit('click')
    expect(clicks).toEqual(['q1', null])
    expect(presenter.liveCount).toBe(0)
  })

  it('forgets a notification the system closed or refused', () => {
    const { store, presenter, notifications, timers } = setup()
    presenter.add(store.apply({ kind: 'opened', question: question('q1') }))
    timers.tick(1000)
    presenter.add(store.apply({ kind: 'opened', question: question('q2') }))
    notifications[0]?.emit('close')
    notifications[1]?.emit('failed', {}, 'no daemon')
    expect(presenter.liveCount).toBe(0)
  })

  it('shows nothing while paused; the questions count as notified and never toast later', () => {
    const { store, presenter, notifications, state } = setup({ paused: true })
    presenter.add(store.apply({ kind: 'opened', question: question('q1') }))
    expect(notifications).toHaveLength(0)
    expect(store.get('q1')?.notifiedAt).not.toBeNull()
    expect(store.listOpen().map((q) => q.id)).toEqual(['q1'])
    state.paused = false
    presenter.add(store.apply({ kind: 'opened', question: question('q2') }))
    expect(notifications.map((n) => n.options.body)).toEqual(['question q2'])
  })

  it('closes what is still on screen when disposed', () => {
    const { store, presenter, notifications } = setup()
    presenter.add(store.apply({ kind: 'opened', question: question('q1') }))
    presenter.dispose()
    expect(notifications[0]?.closed).toBe(true)
    expect(presenter.liveCount).toBe(0)
  })

  describe('toast policy and settings', () => {
    const inProduct = (id: string, productId: string) => ({ ...question(id), productId })
    /** 23:00 local time on a Sunday (2026-11-29), so quiet hours are independent of the test machine's zone. */
    const sundayNight = new Date(2026, 10, 29, 23, 0).getTime()
    const nightly = { enabled: true, days: [0, 1, 2, 3, 4, 5, 6], start: '22:00', end: '07:00' }

    it('shows no toast for a muted product, records it as notified and keeps it in the list', () => {
      const { store, presenter, notifications } = setup({ settings: { mutedProducts: ['muted'] } })
      presenter.add(store.apply({ kind: 'opened', question: inProduct('q1', 'muted') }))
      expect(notifications).toHaveLength(0)
      expect(store.get('q1')?.notifiedAt).not.toBeNull()
      expect(store.listOpen().map((q) => q.id)).toEqual(['q1'])
      presenter.add(store.apply({ kind: 'opened', question: inProduct('q2', 'other') }))
      expect(notifications.map((n) => n.options.body)).toEqual(['question q2'])
    })

    it('holds a muted question out of a mixed batch, so the rest is one toast, not a summary', () => {
      const { store, presenter, notifications } = setup({ settings: { mutedProducts: ['muted'] } })
      presenter.add(
        store.apply({ kind: 'snapshot', questions: [inProduct('a', 'muted'), inProduct('b', 'other')] }),
      )
      expect(notifications.map((n) => n.options.body)).toEqual(['question b'])
    })

    it('shows nothing in quiet hours, and does not catch up when they end', () => {
      const { store, presenter, notifications, timers } = setup({
        settings: { quietHours: nightly },
        startAt: sundayNight,
      })
      presenter.add(store.apply({ kind: 'opened', question: question('night') }))
      expect(notifications).toHaveLength(0)
      expect(store.get('night')?.notifiedAt).not.toBeNull()
      timers.tick(8 * 3_600_000) // 07:00 on Monday: quiet hours are over.
      presenter.add(store.apply({ kind: 'opened', question: question('morning') }))
      expect(notifications.map((n) => n.options.body)).toEqual(['question morning'])
    })

    it('reads the settings for every batch, so a change applies at once', () => {
      const { store, presenter, notifications, state } = setup()
      state.settings = { ...state.settings, mutedProducts: ['p1'] }
      presenter.add(store.apply({ kind: 'opened', question: question('q1') }))
      state.settings = { ...state.settings, mutedProducts: [] }
      presenter.add(store.apply({ kind: 'opened', question: question('q2') }))
      expect(notifications.map((n) => n.options.body)).toEqual(['question q2'])
    })

    it('hides the question text and the buttons while showQuestionText is off', () => {
      const { store, presenter, notifications } = setup({
        settings: { showQuestionText: false },
        supportsActions: true,
        answer: async () => ({ kind: 'sent' }),
      })
      presenter.add(store.apply({ kind: 'opened', question: question('q1') }))
      expect(notifications[0]?.options).toEqual({
        id: 'q1',
        title: 'Product · ST-1',
        body: 'Er wacht een vraag op je antwoord.',
        icon: undefined,
      })
    })

    it('is silent when sound is off, and leaves the system sound alone when on', () => {
      const quiet = setup({ settings: { sound: false } })
      quiet.presenter.add(quiet.store.apply({ kind: 'opened', question: question('q1') }))
      expect(quiet.notifications[0]?.options.silent).toBe(true)
      const loud = setup()
      loud.presenter.add(loud.store.apply({ kind: 'opened', question: question('q1') }))
      expect(loud.notifications[0]?.options).not.toHaveProperty('silent')
    })

    it('offers no buttons for more options than Windows can show', () => {
      const { store, presenter, notifications } = setup({
        supportsActions: true,
        answer: async () => ({ kind: 'sent' }),
      })
      const many = { ...question('q1'), options: ['1', '2', '3', '4', '5', '6'] }
      presenter.add(store.apply({ kind: 'opened', question: many }))
      expect(notifications[0]?.options.actions).toBeUndefined()
    })

    it('asks the OS about do-not-disturb only for what could toast, and obeys it', async () => {
      const answers: DoNotDisturb[] = ['on', 'off']
      let asked = 0
      const doNotDisturb = async (): Promise<DoNotDisturb> => answers[asked++] ?? 'unknown'
      const { store, presenter, notifications } = setup({
        doNotDisturb,
        settings: { mutedProducts: ['muted'] },
      })
      await presenter.add(store.apply({ kind: 'opened', question: inProduct('muted', 'muted') }))
      expect(asked).toBe(0)
      await presenter.add(store.apply({ kind: 'opened', question: question('busy') }))
      expect(notifications).toHaveLength(0)
      expect(store.get('busy')?.notifiedAt).not.toBeNull()
      await presenter.add(store.apply({ kind: 'opened', question: question('free') }))
      expect(asked).toBe(2)
      expect(notifications.map((n) => n.options.body)).toEqual(['question free'])
    })

    it('treats a failing do-not-disturb read as unknown, and shows nothing once disposed', async () => {
      const failing = setup({ doNotDisturb: () => Promise.reject(new Error('no dbus')) })
      await failing.presenter.add(failing.store.apply({ kind: 'opened', question: question('q1') }))
      expect(failing.notifications).toHaveLength(1)

      let release: (state: DoNotDisturb) => void = () => {}
      const slow = setup({ doNotDisturb: () => new Promise((resolve) => (release = resolve)) })
      const added = slow.presenter.add(slow.store.apply({ kind: 'opened', question: question('q1') }))
      await new Promise((resolve) => setImmediate(resolve)) // the read is now in flight
      slow.presenter.dispose()
      release('off')
      await added
      expect(slow.notifications).toHaveLength(0)
    })
  })

  describe('option buttons', () => {
    const answered: [string, AnswerInput][] = []
    const answerWith = (outcome: AnswerOutcome | Error) => async (id: string, input: AnswerInput) => {
      answered.push([id, input])
      if (outcome instanceof Error) throw outcome
      return outcome
    }
    const flush = () => new Promise((resolve) => setImmediate(resolve))
    afterEach(() => {
      answered.length = 0
    })

    it('offers the options as buttons and answers the pressed one, then confirms', async () => {
      const { store, presenter, notifications } = setup({
        supportsActions: true,
        answer: answerWith({ kind: 'sent' }),
      })
      presenter.add(store.apply({ kind: 'opened', question: question('q1') }))
      expect(notifications[0]?.options.actions).toEqual([
        { type: 'button', text: 'Ja' },
        { type: 'button', text: 'Nee' },
      ])
      notifications[0]?.emit('action', { actionIndex: 1 })
      expect(presenter.liveCount).toBe(0)
      await flush()
      expect(answered).toEqual([['q1', { kind: 'option', option: 'Nee' }]])
      expect(notifications[1]?.options).toMatchObject({ title: 'Beantwoord', body: 'Nee' })
      expect(notifications[1]?.options.actions).toBeUndefined()
    })

    it('says when the answer is queued, refused or could not be handed over', async () => {
      const outcomes: [AnswerOutcome | Error, string, string][] = [
        [{ kind: 'queued' }, 'Antwoord bewaard', 'In de wachtrij: wordt verstuurd zodra je weer online bent'],
        [
          { kind: 'refused', reason: 'not-open', message: 'closed' },
          'Niet aangenomen',
          'Deze vraag staat niet meer open.',
        ],
        [
          new Error('boom'),
          'Antwoord niet verstuurd',
          'Het antwoord kon niet worden doorgegeven. Probeer het opnieuw.',
        ],
      ]
      for (const [outcome, title, body] of outcomes) {
        const { store, presenter, notifications } = setup({
          supportsActions: true,
          answer: answerWith(outcome),
        })
        presenter.add(store.apply({ kind: 'opened', question: question('q1') }))
        notifications[0]?.emit('action', { actionIndex: 0 })
        await flush()
        expect(notifications[1]?.options).toMatchObject({ title, body })
      }
    })

    it('shows no buttons when a label would be cut or two labels would look the same', () => {
      const { store, presenter, notifications, timers } = setup({
        supportsActions: true,
        answer: answerWith({ kind: 'sent' }),
      })
      const prefix = 'Use the existing migration for the users table'
      const alike = { ...question('alike'), options: [`${prefix}, keep it`, `${prefix}, drop it`] }
      const long = { ...question('long'), options: ['Yes', 'x'.repeat(41)] }
      const twins = { ...question('twins'), options: ['A  b', 'A b'] }
      const fits = { ...question('fits'), options: ['Yes', 'y'.repeat(40)] }
      for (const q of [alike, long, twins, fits]) {
        presenter.add(store.apply({ kind: 'opened', question: q }))
        timers.tick(1000)
      }
      expect(notifications.map((n) => n.options.actions?.length)).toEqual([
        undefined,
        undefined,
        undefined,
        2,
      ])
    })

    it('shows no buttons where the OS has none, for free-text questions, or in a summary', () => {
      const answer = answerWith({ kind: 'sent' })
      const plain = setup({ answer })
      plain.presenter.add(plain.store.apply({ kind: 'opened', question: question('q1') }))
      expect(plain.notifications[0]?.options.actions).toBeUndefined()

      const { store, presenter, notifications, timers } = setup({ supportsActions: true, answer })
      presenter.add(store.apply({ kind: 'opened', question: { ...question('free'), options: null } }))
      timers.tick(1000)
      presenter.add(store.apply({ kind: 'snapshot', questions: [question('a'), question('b')] }))
      expect(notifications.map((n) => n.options.actions)).toEqual([undefined, undefined])
    })
  })
})
