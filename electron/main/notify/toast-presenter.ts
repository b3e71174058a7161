// Turns the store's news into OS notifications: gated by the toast policy (pause, do-not-disturb,
// quiet hours, muted products), coalesced, plain text only, and recorded as notified. A click opens
// the panel on that question; where the OS shows buttons and a reply field (macOS, Windows with a
// toast activator), a question's options, or a free-text answer, can be given from the toast itself.
import { type AnswerInput, type AnswerOutcome, answerText } from '@shared/answer'
import type { Locale } from '@shared/i18n/messages'
import { translator } from '@shared/i18n/translate'
import type { Question } from '@shared/question'
import { SETTING_DEFAULTS } from '@shared/settings'
import { type Clock, systemClock } from '../common/clock'
import type { Logger } from '../log/logger'
import type { QuestionEvent, QuestionStore } from '../store/question-store'
import type { DoNotDisturb } from './do-not-disturb'
import type { DueNotice } from './reminder-policy'
import { ToastCoalescer, type ToastRequest } from './toast-coalescer'
import { type HoldReason, holdReason, type ToastSettings } from './toast-policy'
import { buttonLabels, plainToastText, toastBody, toastTitle } from './toast-text'

/** The part of Electron's Notification we use; `failed` carries the system's error text. */
export type NotificationPort = Pick<Electron.Notification, 'show' | 'close'> & {
  on(event: 'click', listener: () => void): unknown
  on(
    event: 'close',
    listener: (details?: Pick<Electron.NotificationCloseEventParams, 'reason'>) => void,
  ): unknown
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown
  on(event: 'action', listener: (details: { actionIndex: number }) => void): unknown
  on(event: 'reply', listener: (details: { reply: string }) => void): unknown
}

/** What Windows says about an activation that reached Notification.handleActivation. */
export type Activation = Pick<Electron.ActivationArguments, 'type' | 'reply'>

/** A question whose options are on the toast as buttons, index for index. */
interface Answerable {
  question: Question
  options: readonly string[]
  labels: string[]
}

interface ToastContent {
  title: string
  body: string
  /** One button per answer option. */
  actions?: string[]
  /** An inline reply field for a free-text answer. */
  reply?: boolean
  /** About an open question: stays on screen until the user acts, if the setting says so. */
  keep?: boolean
}

/** What the user did on a toast, beyond clicking it. */
interface ToastHandlers {
  action?: (index: number) => void
  reply?: (text: string) => void
}

export interface ToastPresenterOptions {
  createNotification: (options: Electron.NotificationConstructorOptions) => NotificationPort
  store: Pick<QuestionStore, 'markNotified' | 'get'>
  isPaused: () => boolean
  locale: () => Locale
  /** A click on a toast: the question to focus, or null for a summary. */
  onClick: (questionId: string | null) => void
  log: Logger
  icon?: string
  /** The current toast settings; read for every batch. Default: sound, no quiet hours, nothing muted. */
  settings?: () => ToastSettings
  /**
   * The OS do-not-disturb state, asked only when a toast could be shown. Must settle: later batches
   * wait for it (do-not-disturb.ts times out).
   */
  doNotDisturb?: () => Promise<DoNotDisturb>
  /** The OS shows notification buttons and reports which one was pressed (macOS, Windows). */
  supportsActions?: boolean
  /** The OS shows an inline reply field and reports the text (macOS, Windows: as for buttons). */
  supportsReply?: boolean
  /** The OS honours `timeoutType: 'never'` (Windows, Linux; see Electron's NotificationConstructorOptions). */
  supportsKeeping?: boolean
  /**
   * Windows: `close` also fires when a toast times out, and the toast stays in Action Center, where
   * it can still be clicked; Electron routes that only to an object still alive. So only a toast the
   * user or the app dismissed is let go.
   */
  keepsTimedOutToasts?: boolean
  /** The questions a toast just put on screen (diagnostics measures created → shown). */
  onShown?: (questionIds: string[]) => void
  /** Answers from a toast button or reply field; the toast shows the outcome. */
  answer?: (questionId: string, answer: AnswerInput) => Promise<AnswerOutcome>
  /** False while the server is known to take no answers from us: the panel says "Answer in Scrum4Me". */
  takesAnswers?: () => boolean
  windowMs?: number
  clock?: Clock
}

/** Windows shows at most five buttons (and refuses a toast with more); fewer than all options would mislead. */
const MAX_ACTIONS = 5
/** Toasts kept for Action Center; the oldest are let go first (Action Center keeps about 20 per app). */
const MAX_LIVE = 50
/**
 * Electron reports an activation of a live toast twice: as the toast's event and to
 * Notification.handleActivation. An activation within this long of a toast event is that one.
 */
const SAME_ACTIVATION_MS = 500
/** "Still waiting for you: Product · ST-101" may run past a plain title's length. */
const REMINDER_TITLE_MAX_CHARS = 120
const UNPLACED_REPLY_MAX_CHARS = 150

export class ToastPresenter {
  private readonly coalescer: ToastCoalescer
  private readonly clock: Clock
  // Electron drops a notification's click handler once the object is garbage-collected. Keyed by
  // the notification id (a question's id), so a toast that replaces another replaces it here too.
  private readonly live = new Map<string, NotificationPort>()
  private serial = 0
  private lastToastEventAt = Number.NEGATIVE_INFINITY
  /** Batches waiting for a do-not-disturb read, kept in arrival order. */
  private queue: Promise<void> = Promise.resolve()
  private disposed = false

  constructor(private readonly options: ToastPresenterOptions) {
    this.clock = options.clock ?? systemClock
    this.coalescer = new ToastCoalescer({
      show: (toast) => this.show(toast),
      windowMs: options.windowMs,
      clock: this.clock,
    })
  }

  /**
   * Only `question` events are news; the store has already decided they were never shown.
   * Resolves once the batch is decided (at once, unless the OS do-not-disturb state had to be read).
   */
  add(events: readonly QuestionEvent[]): Promise<void> {
    if (this.disposed) return this.queue
    const news = events.flatMap((event) => (event.type === 'question' ? [event.question] : []))
    // Pause, quiet hours and mutes cost nothing to check; the OS is asked only about what passes them.
    const passed = this.admit(news, 'unknown')
    const { doNotDisturb } = this.options
    if (passed.length === 0) return this.queue
    if (!doNotDisturb) {
      this.coalescer.add(passed)
      return this.queue
    }
    this.queue = this.queue
      .then(async () => {
        const state = await doNotDisturb().catch((): DoNotDisturb => 'unknown')
        if (this.disposed) return
        const allowed = this.admit(passed, state)
        if (allowed.length > 0) this.coalescer.add(allowed)
      })
      // One failed batch must not stall every later one; the questions are in the panel anyway.
      .catch((error: unknown) => {
        this.options.log.warn('could not show a toast; the questions are in the panel', {
          error: String(error),
        })
      })
    return this.queue
  }

  get liveCount(): number {
    return this.live.size
  }

  /**
   * Windows: an activation reported by Notification.handleActivation. A live toast reports its own
   * click or button, and that is handled there. One whose object is gone (the app restarted, or was
   * started from Action Center) cannot be placed: Electron 45 names the toast in the activation only
   * by a hash of its id, so it opens the popup, where the question is, and never guesses an answer.
   * A reply typed there is shown back in a toast rather than lost.
   */
  activated(activation?: Activation): void {
    const arrivedAt = this.clock.now()
    this.clock.setTimeout(() => {
      if (this.disposed || Math.abs(this.lastToastEventAt - arrivedAt) <= SAME_ACTIVATION_MS) return
      const reply = activation?.type === 'reply' ? activation.reply?.trim() : undefined
      if (reply) this.showUnplacedReply(reply)
      this.options.onClick(null)
    }, SAME_ACTIVATION_MS)
  }

  /**
   * Reminders and "expires soon" notices the reminder policy let through. One is a question toast
   * (buttons, reply field and all) in place of the question's first; several become one summary.
   */
  remind(notices: readonly DueNotice[]): void {
    if (this.disposed) return
    const [only] = notices
    const t = translator(this.options.locale())
    if (notices.length === 1 && only) {
      const key = only.kind === 'expiry' ? 'toast.expiring.title' : 'toast.reminder.title'
      const title = plainToastText(t(key, { where: toastTitle(only.question) }), REMINDER_TITLE_MAX_CHARS)
      this.showQuestion(only.question, title)
      return
    }
    const title = t('toast.reminders.title', { count: notices.length })
    this.present({ title, body: t('toast.many.body'), keep: true }, null, null)
  }

  dispose(): void {
    this.disposed = true
    this.coalescer.dispose()
    for (const notification of this.live.values()) notification.close()
    this.live.clear()
  }

  private settings(): ToastSettings {
    return this.options.settings?.() ?? SETTING_DEFAULTS
  }

  /** The questions the policy lets through; the rest are recorded as notified (see toast-policy.ts). */
  private admit(questions: readonly Question[], doNotDisturb: DoNotDisturb): Question[] {
    const gate = {
      settings: this.settings(),
      paused: this.options.isPaused(),
      doNotDisturb,
      now: new Date(this.clock.now()),
    }
    const allowed: Question[] = []
    const held = new Map<HoldReason, string[]>()
    for (const question of questions) {
      const reason = holdReason(question, gate)
      if (reason === null) allowed.push(question)
      else held.set(reason, [...(held.get(reason) ?? []), question.id])
    }
    for (const [reason, ids] of held) {
      this.options.store.markNotified(ids)
      this.options.log.info(`no toast for ${ids.length} new question(s) (${reason}); they are in the panel`)
    }
    return allowed
  }

  private show(toast: ToastRequest): void {
    const questions = toast.kind === 'question' ? [toast.question] : toast.questions
    if (toast.kind === 'question') this.showQuestion(toast.question, toastTitle(toast.question))
    else this.present(this.summary(toast.questions.length), null, null)
    const ids = questions.map((question) => question.id)
    this.options.store.markNotified(ids)
    this.options.onShown?.(ids)
  }

  /** One question's toast, with its buttons or reply field where the OS and the settings allow. */
  private showQuestion(question: Question, title: string): void {
    const answerable = this.answerable(question)
    const reply = this.replyable(question)
    // Hidden text (screen sharing) still says where the question is, never what it asks.
    const body = this.settings().showQuestionText
      ? toastBody(question)
      : translator(this.options.locale())('toast.hidden.body')
    const content = { title, body, keep: true, reply, ...(answerable && { actions: answerable.labels }) }
    this.present(content, question.id, question.id, {
      action: (index) => {
        const option = answerable?.options[index]
        if (answerable && option !== undefined)
          this.answerFromToast(answerable.question, { kind: 'option', option })
      },
      ...(reply && { reply: (text: string) => this.replyFromToast(question, text) }),
    })
  }

  /** `id` is the question's: its outcome toast replaces it (Windows tag, macOS identifier). */
  private present(
    content: ToastContent,
    focus: string | null,
    id: string | null,
    handlers: ToastHandlers = {},
  ): void {
    const { actions, reply, keep, ...text } = content
    const placeholder = translator(this.options.locale())('toast.reply.placeholder')
    const notification = this.options.createNotification({
      ...(id ? { id } : {}),
      ...text,
      icon: this.options.icon,
      ...(this.settings().sound ? {} : { silent: true }),
      ...(actions ? { actions: actions.map((label) => ({ type: 'button' as const, text: label })) } : {}),
      ...(reply ? { hasReply: true, replyPlaceholder: placeholder } : {}),
      ...(keep && this.keepsUntilActed() ? { timeoutType: 'never' as const } : {}),
    })
    const key = id ?? `toast-${++this.serial}`
    const forget = () => {
      if (this.live.get(key) === notification) this.live.delete(key)
    }
    const activated = () => {
      forget()
      this.lastToastEventAt = this.clock.now()
    }
    notification.on('click', () => {
      activated()
      this.options.onClick(focus)
    })
    const { action, reply: onReply } = handlers
    if (actions && action)
      notification.on('action', ({ actionIndex }) => {
        activated()
        action(actionIndex)
      })
    if (reply && onReply)
      notification.on('reply', (details) => {
        activated()
        onReply(details.reply)
      })
    notification.on('close', (details) => {
      const dismissed = details?.reason === 'userCanceled' || details?.reason === 'applicationHidden'
      if (!this.options.keepsTimedOutToasts || dismissed) forget()
    })
    notification.on('failed', (_event, error) => {
      forget()
      this.options.log.warn('the system refused a notification; the question stays in the panel', {
        error,
      })
    })
    this.keep(key, notification)
    notification.show()
  }

  /** A replaced toast is let go without close(): on Windows that would remove its successor too. */
  private keep(key: string, notification: NotificationPort): void {
    this.live.delete(key)
    this.live.set(key, notification)
    for (const oldest of this.live.keys()) {
      if (this.live.size <= MAX_LIVE) break
      this.live.delete(oldest)
    }
  }

  /**
   * The question and its button labels, when its options can be buttons: on this OS, not too many,
   * each label whole and unlike the others, and not while hiding text.
   */
  private answerable(question: Question): Answerable | null {
    const { supportsActions, answer } = this.options
    const options = question.options ?? []
    const labels = options.length <= MAX_ACTIONS ? buttonLabels(options) : null
    const allowed = supportsActions && answer && this.takesAnswers() && this.settings().showQuestionText
    return allowed && labels && labels.length > 0 ? { question, options, labels } : null
  }

  /**
   * A free-text question may take a typed answer from its toast: where the OS has a reply field,
   * and not while text is hidden (the reply would show what was asked about).
   */
  private replyable(question: Question): boolean {
    const { supportsReply, answer } = this.options
    const freeText = (question.options ?? []).length === 0
    return Boolean(
      supportsReply && answer && freeText && this.takesAnswers() && this.settings().showQuestionText,
    )
  }

  private takesAnswers(): boolean {
    return this.options.takesAnswers?.() ?? true
  }

  private keepsUntilActed(): boolean {
    return Boolean(this.options.supportsKeeping && this.settings().keepNotifications)
  }

  /** An empty reply is refused here: the core would refuse it too, with words less to the point. */
  private replyFromToast(question: Question, text: string): void {
    if (text.trim() !== '') {
      this.answerFromToast(question, { kind: 'text', text })
      return
    }
    const t = translator(this.options.locale())
    this.present({ title: t('panel.answer.refused'), body: t('toast.reply.empty') }, question.id, question.id)
  }

  private showUnplacedReply(reply: string): void {
    this.options.log.warn('a reply from Action Center could not be matched to its question; not sent')
    const t = translator(this.options.locale())
    const body = t('toast.reply.unplaced', { reply: plainToastText(reply, UNPLACED_REPLY_MAX_CHARS) })
    this.present({ title: t('toast.answer.failed.title'), body }, null, null)
  }

  private answerFromToast(question: Question, answer: AnswerInput): void {
    const t = translator(this.options.locale())
    const reply = (title: string, body: string) => this.present({ title, body }, question.id, question.id)
    this.options
      .answer?.(question.id, answer)
      .then((outcome) => {
        if (outcome.kind === 'sent')
          reply(t('panel.answer.answered'), plainToastText(answerText(answer), 200))
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

  private summary(count: number): ToastContent {
    const t = translator(this.options.locale())
    return { title: t('toast.many.title', { count }), body: t('toast.many.body'), keep: true }
  }
}
