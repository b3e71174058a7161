import { join } from 'node:path'
import type { AnswerInput, AnswerOutcome } from '@shared/answer'
import type { NotificationConstructorOptions } from 'electron'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeClock } from '../../../test/support/fake-clock'
import { silentLogger } from '../log/logger'
import { openDatabase } from '../store/database'
import { QuestionStore } from '../store/question-store'
import { NOW, question, tempDir } from '../store/testing/fixtures'
import { type NotificationPort, ToastPresenter, type ToastPresenterOptions } from './toast-presenter'

// `never[]` accepts each of Electron's typed listeners, so the fake satisfies Notification's `on`.
type Listener = (...args: never[]) => void

/** A typed stand-in for Electron's Notification: records what was shown and lets the test click. */
class FakeNotification {
  readonly listeners = new Map<string, Listener>()
  shown = false
  closed = false
  constructor(readonly options: NotificationConstructorOptions) {}
  show(): void {
    this.shown = true
  }
  close(): void {
    this.closed = true
  }
  on(event: string, listener: Listener): this {
    this.listeners.set(event, listener)
    return this
  }
  emit(event: string, ...args: unknown[]): void {
    this.listeners.get(event)?.(...(args as never[]))
  }
}

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

function setup(
  options: { paused?: boolean } & Pick<ToastPresenterOptions, 'supportsActions' | 'answer'> = {},
) {
  const { dir, cleanup } = tempDir()
  const store = new QuestionStore(openDatabase(join(dir, 'cache.sqlite'), { log: silentLogger }), {
    log: silentLogger,
    now: () => NOW,
  })
  cleanups.push(() => {
    store.close()
    cleanup()
  })
  const { clock, timers } = fakeClock(NOW)
  const notifications: FakeNotification[] = []
  const clicks: (string | null)[] = []
  const state = { paused: options.paused ?? false }
  const presenter = new ToastPresenter({
    createNotification: (init) => {
      const notification = new FakeNotification(init)
      notifications.push(notification)
      return notification satisfies NotificationPort
    },
    store,
    isPaused: () => state.paused,
    locale: () => 'nl',
    onClick: (id) => clicks.push(id),
    log: silentLogger,
    windowMs: 1000,
    clock,
    supportsActions: options.supportsActions,
    answer: options.answer,
  })
  cleanups.push(() => presenter.dispose())
  return { store, presenter, notifications, clicks, timers, state }
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

  it('turns a backlog into one summary toast, in the user language', () => {
    const { store, presenter, notifications } = setup()
    const events = store.apply({ kind: 'snapshot', questions: [question('a'), question('b'), question('c')] })
    presenter.add(events)
    expect(notifications.map((n) => n.options)).toEqual([
      { title: '3 nieuwe vragen', body: 'Open Scrum4Me Notifier om ze te beantwoorden.', icon: undefined },
    ])
    expect(['a', 'b', 'c'].map((id) => store.get(id)?.notifiedAt)).not.toContain(null)
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

  it('shows nothing while paused; the questions stay unnotified in the store', () => {
    const { store, presenter, notifications, state } = setup({ paused: true })
    presenter.add(store.apply({ kind: 'opened', question: question('q1') }))
    expect(notifications).toHaveLength(0)
    expect(store.get('q1')?.notifiedAt).toBeNull()
    state.paused = false
    presenter.add(store.apply({ kind: 'opened', question: question('q2') }))
    expect(notifications).toHaveLength(1)
  })

  it('closes what is still on screen when disposed', () => {
    const { store, presenter, notifications } = setup()
    presenter.add(store.apply({ kind: 'opened', question: question('q1') }))
    presenter.dispose()
    expect(notifications[0]?.closed).toBe(true)
    expect(presenter.liveCount).toBe(0)
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
