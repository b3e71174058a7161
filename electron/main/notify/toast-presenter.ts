// Turns the store's news into OS notifications: coalesced, paused on request, plain text only,
// and recorded as notified. A click opens the panel on that question.
import type { Locale } from '@shared/i18n/messages'
import { translator } from '@shared/i18n/translate'
import type { Notification, NotificationConstructorOptions } from 'electron'
import type { Clock } from '../feed/clock'
import type { Logger } from '../log/logger'
import type { QuestionEvent, QuestionStore } from '../store/question-store'
import { ToastCoalescer, type ToastRequest } from './toast-coalescer'
import { toastBody, toastTitle } from './toast-text'

/** The part of Electron's Notification we use; `failed` carries the system's error text. */
export type NotificationPort = Pick<Notification, 'show' | 'close'> & {
  on(event: 'click' | 'close' | 'failed', listener: (event: unknown, error?: string) => void): unknown
}

export interface ToastPresenterOptions {
  createNotification: (options: NotificationConstructorOptions) => NotificationPort
  store: Pick<QuestionStore, 'markNotified'>
  isPaused: () => boolean
  locale: () => Locale
  /** A click on a toast: the question to focus, or null for a summary. */
  onClick: (questionId: string | null) => void
  log: Logger
  icon?: string
  windowMs?: number
  clock?: Clock
}

export class ToastPresenter {
  private readonly coalescer: ToastCoalescer
  // Electron drops a notification's click handler once the object is garbage-collected.
  private readonly live = new Set<NotificationPort>()

  constructor(private readonly options: ToastPresenterOptions) {
    this.coalescer = new ToastCoalescer({
      show: (toast) => this.show(toast),
      allows: () => !options.isPaused(),
      windowMs: options.windowMs,
      clock: options.clock,
    })
  }

  /** Only `question` events are news; the store has already decided they were never shown. */
  add(events: readonly QuestionEvent[]): void {
    const news = events.flatMap((event) => (event.type === 'question' ? [event.question] : []))
    if (news.length > 0) this.coalescer.add(news)
  }

  get liveCount(): number {
    return this.live.size
  }

  dispose(): void {
    this.coalescer.dispose()
    for (const notification of this.live) notification.close()
    this.live.clear()
  }

  private show(toast: ToastRequest): void {
    const questions = toast.kind === 'question' ? [toast.question] : toast.questions
    const notification = this.options.createNotification({ ...this.content(toast), icon: this.options.icon })
    const focus = toast.kind === 'question' ? toast.question.id : null
    const forget = () => this.live.delete(notification)
    notification.on('click', () => {
      forget()
      this.options.onClick(focus)
    })
    notification.on('close', forget)
    notification.on('failed', (_event, error) => {
      forget()
      this.options.log.warn('toast: the system refused a notification; the question stays in the panel', {
        error,
      })
    })
    this.live.add(notification)
    notification.show()
    this.options.store.markNotified(questions.map((question) => question.id))
  }

  private content(toast: ToastRequest): { title: string; body: string } {
    if (toast.kind === 'question')
      return { title: toastTitle(toast.question), body: toastBody(toast.question) }
    const t = translator(this.options.locale())
    return { title: t('toast.many.title', { count: toast.questions.length }), body: t('toast.many.body') }
  }
}
