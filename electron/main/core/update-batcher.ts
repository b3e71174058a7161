// Feed updates delivered in one turn of the event loop (a burst of notifications, a snapshot
// followed by its replays) are stored in one SQLite transaction instead of one each.
import type { FeedUpdate } from '../feed/transport'

export class UpdateBatcher {
  private pending: FeedUpdate[] = []
  private scheduled: NodeJS.Immediate | null = null

  constructor(private readonly flush: (updates: FeedUpdate[]) => void) {}

  push(update: FeedUpdate): void {
    this.pending.push(update)
    this.scheduled ??= setImmediate(() => this.flushNow())
  }

  /** Stores what is pending now (on close, so nothing received is dropped). */
  flushNow(): void {
    if (this.scheduled) clearImmediate(this.scheduled)
    this.scheduled = null
    const updates = this.pending
    this.pending = []
    if (updates.length > 0) this.flush(updates)
  }
}
