// Looks at the store's open questions every half minute and hands the notices the reminder policy
// owes to the toasts; each one is recorded in the store as it goes out, so none repeats.
import { type Clock, systemClock } from '../common/clock'
import type { Logger } from '../log/logger'
import type { QuestionStore } from '../store/question-store'
import type { DoNotDisturb } from './do-not-disturb'
import { type DueNotice, decideReminders } from './reminder-policy'
import type { ToastSettings } from './toast-policy'

/** Reminders are minutes apart; a gate that lifts is noticed within this long. */
const CHECK_EVERY_MS = 30_000

export interface ReminderSchedulerOptions {
  store: Pick<QuestionStore, 'listAwaitingReminders' | 'markReminded' | 'lastConfirmedAt'>
  settings: () => ToastSettings
  isPaused: () => boolean
  /** Asked only when a notice could go out; see ToastPresenterOptions.doNotDisturb. */
  doNotDisturb?: () => Promise<DoNotDisturb>
  /** Puts the notices on screen (ToastPresenter.remind). */
  show: (notices: DueNotice[]) => void
  log: Logger
  clock?: Clock
}

export class ReminderScheduler {
  private readonly clock: Clock
  private readonly timer: unknown
  private readonly startedAt: number
  private checking: Promise<void> = Promise.resolve()
  private disposed = false

  constructor(private readonly options: ReminderSchedulerOptions) {
    this.clock = options.clock ?? systemClock
    this.startedAt = this.clock.now()
    this.timer = this.clock.setInterval(() => void this.check(), CHECK_EVERY_MS)
  }

  /** One look at the store; checks never overlap (a do-not-disturb read may take a moment). */
  check(): Promise<void> {
    this.checking = this.checking
      .then(() => this.checkOnce())
      .catch((error: unknown) => this.options.log.warn('reminders: check failed', { error: String(error) }))
    return this.checking
  }

  dispose(): void {
    this.disposed = true
    this.clock.clearInterval(this.timer)
  }

  private async checkOnce(): Promise<void> {
    if (this.disposed || !this.openSetConfirmed()) return
    const records = this.options.store.listAwaitingReminders()
    if (records.length === 0) return
    // Pause, quiet hours and mutes cost nothing; the OS is asked only when something passes them.
    if (this.decide(records, 'unknown').send.length === 0) return
    const state = (await this.options.doNotDisturb?.().catch((): DoNotDisturb => 'unknown')) ?? 'unknown'
    if (this.disposed) return
    const { send, held } = this.decide(records, state)
    for (const [reason, notices] of held)
      this.options.log.debug(`reminders: ${notices.length} held (${reason}); they go out when it ends`)
    if (send.length === 0) return
    this.options.show(send)
    for (const kind of ['reminder', 'expiry'] as const) {
      const ids = send.filter((notice) => notice.settles.includes(kind)).map((notice) => notice.question.id)
      if (ids.length > 0) this.options.store.markReminded(ids, kind)
    }
  }

  /**
   * The cache may be stale at start (a question answered elsewhere while the app was off): no
   * notice until the feed has delivered the whole open set since.
   */
  private openSetConfirmed(): boolean {
    const confirmed = this.options.store.lastConfirmedAt()
    return confirmed !== null && Date.parse(confirmed) >= this.startedAt
  }

  private decide(records: Parameters<typeof decideReminders>[0], doNotDisturb: DoNotDisturb) {
    return decideReminders(records, this.options.settings(), {
      settings: this.options.settings(),
      paused: this.options.isPaused(),
      doNotDisturb,
      now: new Date(this.clock.now()),
    })
  }
}
