// Decides how new questions become toasts: one toast per question, but a burst or a
// reconnect backlog becomes a single "N new questions" toast instead of a storm.
import type { Question } from '@shared/question'
import { type Clock, systemClock } from '../common/clock'

export type ToastRequest =
  | { kind: 'question'; question: Question }
  | { kind: 'summary'; questions: Question[] }

export interface ToastCoalescerOptions {
  show: (toast: ToastRequest) => void
  /** Questions arriving this soon after a toast are gathered into the next one. */
  windowMs?: number
  clock?: Clock
}

export class ToastCoalescer {
  private readonly windowMs: number
  private readonly clock: Clock
  private pending: Question[] = []
  private windowTimer: unknown = null

  constructor(private readonly options: ToastCoalescerOptions) {
    this.windowMs = options.windowMs ?? 1500
    this.clock = options.clock ?? systemClock
  }

  /** One batch of questions that just became new (one feed update) and passed the toast policy. */
  add(questions: readonly Question[]): void {
    if (questions.length === 0) return
    if (this.windowTimer === null) {
      // Nothing shown lately: show this batch at once, then gather whatever follows.
      this.options.show(toastFor([...questions]))
      this.openWindow()
      return
    }
    this.pending.push(...questions)
  }

  dispose(): void {
    if (this.windowTimer !== null) this.clock.clearTimeout(this.windowTimer)
    this.windowTimer = null
    this.pending = []
  }

  private openWindow(): void {
    this.windowTimer = this.clock.setTimeout(() => {
      this.windowTimer = null
      const gathered = this.pending
      this.pending = []
      if (gathered.length === 0) return
      this.options.show(toastFor(gathered))
      this.openWindow()
    }, this.windowMs)
  }
}

function toastFor(questions: Question[]): ToastRequest {
  const [only] = questions
  return questions.length === 1 && only
    ? { kind: 'question', question: only }
    : { kind: 'summary', questions }
}
