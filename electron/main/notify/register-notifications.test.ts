import { afterEach, describe, expect, it } from 'vitest'
import { fakeClock } from '../../../test/support/fake-clock'
import { silentLogger } from '../log/logger'
import type { QuestionEvent } from '../store/question-store'
import { NOW, question, tempStore } from '../store/testing/fixtures'
import { type NotificationPorts, registerNotifications, type ToastedCore } from './register-notifications'
import { FakeNotification } from './testing/fake-notification'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

/** A core as the registrar sees it: a real store, and question events the test sends. */
function fakeCore() {
  const { store, cleanup } = tempStore()
  cleanups.push(cleanup)
  const listeners = new Set<(events: QuestionEvent[]) => void>()
  const core = {
    store,
    onQuestions: (listener: (events: QuestionEvent[]) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    answering: 'available',
  } satisfies ToastedCore
  const open = (id: string) => {
    const events = store.apply({ kind: 'opened', question: question(id) })
    for (const listener of listeners) listener(events)
  }
  return { core, open, listeners }
}

function setup(options: { supported?: boolean; windows?: boolean } = {}) {
  const { clock, timers } = fakeClock(NOW)
  const notifications: FakeNotification[] = []
  const panel: (string | null)[] = []
  let activation: ((details: Electron.ActivationArguments) => void) | null = null
  const ports: NotificationPorts = {
    signInAgain: () => {},
    createNotification:
      options.supported === false
        ? null
        : (init) => {
            const notification = new FakeNotification(init)
            notifications.push(notification)
            return notification
          },
    handleActivation: options.windows
      ? (handler) => {
          activation = handler
        }
      : null,
    showPanel: () => panel.push(null),
    isPaused: () => false,
    locale: () => 'en',
    onClick: (questionId) => panel.push(questionId),
    log: silentLogger,
    clock,
  }
  const notify = registerNotifications(ports)
  const activate = (details: Electron.ActivationArguments) => {
    if (!activation) throw new Error('no activation handler was set')
    activation(details)
  }
  return { notify, notifications, panel, timers, activate, activationSet: () => activation !== null }
}

const noAnswer = async () => ({ kind: 'refused', reason: 'not-open', message: 'not here' }) as const

describe('registerNotifications', () => {
  it("toasts an attached core's new questions, and nothing once it is detached", () => {
    const { notify, notifications } = setup()
    const { core, open, listeners } = fakeCore()
    const detach = notify.attach(core, noAnswer)
    open('q1')
    detach()
    open('q2')
    expect(notifications).toHaveLength(1)
    expect(notifications[0]?.closed).toBe(true)
    expect(listeners.size).toBe(0)
  })

  it('keeps listening to the core where the OS has no notifications, without toasting', () => {
    const { notify, notifications } = setup({ supported: false })
    const { core, open, listeners } = fakeCore()
    notify.attach(core, noAnswer)
    open('q1')
    expect(notifications).toEqual([])
    expect(listeners.size).toBe(1)
  })

  it('sets no activation handler outside Windows', () => {
    const { notify, activationSet } = setup()
    notify.listenForActivations()
    expect(activationSet()).toBe(false)
  })

  it('routes a Windows activation to the current toasts, or opens the panel when none are', () => {
    const { notify, panel, timers, activate } = setup({ windows: true })
    const { core, open } = fakeCore()
    notify.listenForActivations()
    activate({ type: 'click', arguments: '' } as Electron.ActivationArguments)
    expect(panel).toEqual([null])
    notify.attach(core, noAnswer)
    open('q1')
    activate({ type: 'click', arguments: 'tag=q1' } as Electron.ActivationArguments)
    // The current toasts take it: they wait out a live toast's own report of it first.
    expect(panel).toEqual([null])
    timers.tick(1000)
    expect(panel).toEqual([null, null])
  })

  it("hands a Windows reply activation's text to the current toasts, which show it back unsent", () => {
    const { notify, notifications, panel, timers, activate } = setup({ windows: true })
    const { core } = fakeCore()
    notify.listenForActivations()
    notify.attach(core, noAnswer)
    activate({ type: 'reply', arguments: 'type=reply', reply: 'keep main' } as Electron.ActivationArguments)
    timers.tick(1000)
    expect(panel).toEqual([null])
    expect(notifications.map((n) => n.options.body)).toEqual([expect.stringContaining('“keep main”')])
  })
})
