// Toasts for the app: one presenter and one reminder scheduler per core (they read that core's
// store), torn down with it, and Windows activations routed to whichever presenter is current.
import type { AnswerInput, AnswerOutcome } from '@shared/answer'
import { SETTING_DEFAULTS } from '@shared/settings'
import type { SessionView } from '@shared/sign-in-offer'
import type { NotifierCore } from '../core/notifier-core'
import { ReminderScheduler } from './reminder-scheduler'
import { type WatchedCore, watchSession } from './session-notices'
import { ToastPresenter, type ToastPresenterOptions } from './toast-presenter'

export type ToastedCore = Pick<NotifierCore, 'store' | 'onQuestions' | 'answering'>

export interface NotificationPorts
  extends Omit<ToastPresenterOptions, 'store' | 'answer' | 'createNotification'> {
  /** Null where the OS shows no notifications. */
  createNotification: ToastPresenterOptions['createNotification'] | null
  /**
   * Windows only (null elsewhere): a toast activated in Action Center after its object is gone, or
   * one that started the app (Electron replays that one when the handler is set).
   */
  handleActivation: ((handler: (details: Electron.ActivationArguments) => void) => void) | null
  /** An activation with no presenter to take it still opens the panel. */
  showPanel: () => void
  /** A click on a sign-in notice (session-notices.ts). */
  signInAgain: () => void
}

export interface Notifications {
  /** Toasts for this core's new questions, answered through it; returns the detach. */
  attach(
    core: ToastedCore,
    answer: (questionId: string, answer: AnswerInput) => Promise<AnswerOutcome>,
  ): () => void
  /** The signed-out and sign-in-ends notices for this core and its saved sign-in; returns the stop. */
  watchSession(core: WatchedCore, session: SessionView): () => void
  /** Call once the first core is attached: activations then reach its toasts (see ToastPresenter.activated). */
  listenForActivations(): void
}

export function registerNotifications(ports: NotificationPorts): Notifications {
  const { createNotification, handleActivation, showPanel, signInAgain, ...options } = ports
  // The current core's toasts, for Windows activations that come without a live toast object.
  let current: ToastPresenter | null = null
  const remindersFor = (core: ToastedCore, toasts: ToastPresenter) =>
    new ReminderScheduler({
      store: core.store,
      settings: () => options.settings?.() ?? SETTING_DEFAULTS,
      isPaused: options.isPaused,
      doNotDisturb: options.doNotDisturb,
      show: (notices) => toasts.remind(notices),
      log: options.log.child('reminders'),
      clock: options.clock,
    })
  return {
    attach: (core, answer) => {
      const toasts = createNotification
        ? new ToastPresenter({
            ...options,
            createNotification,
            store: core.store,
            answer,
            takesAnswers: () => core.answering !== 'web-only',
          })
        : null
      current = toasts
      const stop = core.onQuestions((events) => toasts?.add(events))
      const reminders = toasts && remindersFor(core, toasts)
      return () => {
        stop()
        reminders?.dispose()
        toasts?.dispose()
        if (current === toasts) current = null
      }
    },
    watchSession: (core, session) =>
      createNotification
        ? watchSession(core, session, {
            createNotification,
            locale: options.locale,
            isPaused: options.isPaused,
            settings: options.settings ?? (() => SETTING_DEFAULTS),
            signInAgain,
            log: options.log,
            ...(options.icon && { icon: options.icon }),
          })
        : () => {},
    listenForActivations: () =>
      handleActivation?.((details) => (current ? current.activated(details) : showPanel())),
  }
}
