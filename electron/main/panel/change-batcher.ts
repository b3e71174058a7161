// Feed updates arrive in bursts (a snapshot, a reconnect backlog); the panel and the tray need only
// the state after the burst, so changes are gathered into one refresh.

import { type Clock, systemClock } from '../common/clock'
import type { NotifierCore } from '../core/notifier-core'

export class ChangeBatcher {
  private timer: unknown = null

  constructor(
    private readonly refresh: () => void,
    private readonly delayMs = 50,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Schedules one refresh; calls before it runs join it. */
  readonly changed = (): void => {
    if (this.timer !== null) return
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      this.refresh()
    }, this.delayMs)
  }

  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
  }
}

/** Everything the core reports that the panel or the tray shows. */
export function watchCore(
  core: Pick<NotifierCore, 'onState' | 'onQuestions' | 'onAnswersSettled' | 'onAnswering'>,
  changed: () => void,
): () => void {
  const stops = [
    core.onState(changed),
    core.onQuestions(changed),
    core.onAnswersSettled(changed),
    core.onAnswering(changed),
  ]
  return () => {
    for (const stop of stops) stop()
  }
}
