// "Pause notifications": only toasts stop. The feed, the cache and the panel carry on (ntfy's rule).
import { type Clock, systemClock } from '../common/clock'
import { Listeners } from '../common/listeners'

export type PauseLength = 'hour' | 'tomorrow'

const HOUR_MS = 3_600_000
/** "Until tomorrow" means the start of the next working morning, local time. */
const TOMORROW_HOUR = 8

export function pauseEnd(length: PauseLength, now: number): number {
  if (length === 'hour') return now + HOUR_MS
  const end = new Date(now)
  end.setDate(end.getDate() + 1)
  end.setHours(TOMORROW_HOUR, 0, 0, 0)
  return end.getTime()
}

/** The one rule for "paused": a pause end still ahead of `now`. The tray and the toasts both ask it. */
export function isPausedAt(until: number | null, now: number): boolean {
  return until !== null && now < until
}

export class NotificationPause {
  private endsAt: number | null = null
  private timer: unknown = null
  private readonly changes = new Listeners<number | null>()

  constructor(private readonly clock: Clock = systemClock) {}

  get until(): number | null {
    return this.endsAt
  }

  isPaused(): boolean {
    return isPausedAt(this.endsAt, this.clock.now())
  }

  pause(length: PauseLength): void {
    this.set(pauseEnd(length, this.clock.now()))
  }

  resume(): void {
    this.set(null)
  }

  /** Also fires when a pause runs out, so the tray drops its paused look on time. */
  onChange(listener: (until: number | null) => void): () => void {
    return this.changes.add(listener)
  }

  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
  }

  private set(until: number | null): void {
    this.dispose()
    this.endsAt = until
    if (until !== null) this.timer = this.clock.setTimeout(() => this.set(null), until - this.clock.now())
    this.changes.emit(until)
  }
}
