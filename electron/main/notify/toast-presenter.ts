// Turns the store's news into OS notifications: coalesced, paused on request, plain text only,
// and recorded as notified. A click opens the panel on that question; where the OS shows buttons
// (macOS), a question's options can be answered from the toast itself.
import type { AnswerInput, AnswerOutcome } from '@shared/answer'
import type { Locale } from '@shared/i18n/messages'
import { translator } from '@shared/i18n/translate'
import type { Question } from '@shared/question'
import type { Notification, NotificationConstructorOptions } from 'electron'
import type { Clock } from '../feed/clock'
import type { Logger } from '../log/logger'
import type { QuestionEvent, QuestionStore } from '../store/question-store'
import { ToastCoalescer, type ToastRequest } from './toast-coalescer'
import { plainToastText, toastBody, toastTitle } from './toast-text'

/** The part of Electron's Notification we use; `failed` carries the system's error text. */
export type NotificationPort = Pick<Notification, 'show' | 'close'> & {
  on(event: 'click' | 'close' | 'failed', listener: (event: unknown, error?: string) => void): unknown
  on(event: 'action', listener: (details: { actionIndex: number }) => void): unknown
}

interface ToastContent {
  title: string
  body: string
  /** One button per answer option. */
  actions?: string[]
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
  /** The OS shows notification buttons and reports which one was pressed (macOS). */
  supportsActions?: boolean
  /** Answers from a toast button; the toast shows the outcome. */
  answer?: (questionId: string, answer: AnswerInput) => Promise<AnswerOutcome>
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
    const focus = toast.kind === 'question' ? toast.question.id : null
    const answerable = toast.kind === 'question' ? this.answerable(toast.question) : null
    this.present(this.content(toast, answerable), focus, (index) => {
      const option = answerable?.options?.[index]
      if (answerable && option !== undefined) this.answerFromToast(answerable, option)
    })
    this.options.store.markNotified(questions.map((question) => question.id))
  }

  private present(content: ToastContent, focus: string | null, onAction?: (index: number) => void): void {
    const { actions, ...text } = content
    const notification = this.options.createNotification({
      ...text,
      icon: this.options.icon,
      ...(actions ? { actions: actions.map((label) => ({ type: 'button' as const, text: label })) } : {}),
    })
    const forget = () => this.live.delete(notification)
    notification.on('click', () => {
      forget()
      this.options.onClick(focus)
    })
    if (actions && onAction)
      notification.on('action', ({ actionIndex }) => {
        forget()
        onAction(actionIndex)
      })
    notification.on('close', forget)
    notification.on('failed', (_event, error) => {
      forget()
      this.options.log.warn('the system refused a notification; the question stays in the panel', {
        error,
      })
    })
    this.live.add(notification)
    notification.show()
  }

  /** The question, when its options can be buttons on this OS. */
  private answerable(question: Question): Question | null {
    const { supportsActions, answer } = this.options
    return supportsActions && answer && question.options && question.options.length > 0 ? question : null
  }

  private answerFromToast(question: Question, option: string): void {
    const t = translator(this.options.locale())
    const reply = (title: string, body: string) => this.present({ title, body }, question.id)
    this.options
      .answer?.(question.id, { kind: 'option', option })
      .then((outcome) => {
        if (outcome.kind === 'sent') reply(t('panel.answer.answered'), plainToastText(option, 200))
        else if (outcome.kind === 'queued') reply(t('toast.answer.queued.title'), t('panel.answer.queued'))
        else reply(t('panel.answer.refused'), t(`panel.refusal.${outcome.reason}`))
      })
      .catch((error: unknown) => {
        this.options.log.warn('answering from a toast failed; the question stays open in the panel', {
          error: String(error),
        })
        reply(t('toast.answer.failed.title'), t('panel.answer.failed'))
      })
  }

  private content(toast: ToastRequest, answerable: Question | null): ToastContent {
    if (toast.kind === 'question') {
      const content = { title: toastTitle(toast.question), body: toastBody(toast.question) }
      const options = answerable?.options
      return options ? { ...content, actions: options.map((option) => plainToastText(option, 40)) } : content
    }
    const t = translator(this.options.locale())
    return { title: t('toast.many.title', { count: toast.questions.length }), body: t('toast.many.body') }
  }
}
