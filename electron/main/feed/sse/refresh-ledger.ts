// Remembers which snapshot refreshes came back without the question they were for. An id the server
// announces but never lists (past its 100-question cap, expired but still open, forged) then costs
// one refresh per window instead of a reconnect loop. It lives in the transport, not in a stream:
// the refresh replaces the stream, and the next stream's snapshot is the one that tells. Only a
// snapshot asked for after an announcement can tell: a successor already on its way when the
// question was asked may have read the open set before it existed.

export interface RefreshLedgerOptions {
  /** An id a refresh did not bring is not refreshed for again within this window. */
  windowMs: number
  /** Bounds the memory: at most this many awaited and this many missed ids. */
  maxIds: number
}

export class RefreshLedger {
  /** Announced ids a snapshot should hold, each with its announcement's number. */
  private readonly awaited = new Map<string, number>()
  private announcements = 0
  /** Ids a snapshot left out after they were announced, with when; oldest first (Map order). */
  private readonly missed = new Map<string, number>()
  private missesInARow = 0
  private lastMissAt = Number.NEGATIVE_INFINITY

  constructor(private readonly options: RefreshLedgerOptions) {}

  /** A stream heard of an open question it does not hold: is a refresh worth it? */
  announce(id: string, now: number): boolean {
    const missedAt = this.missed.get(id)
    if (missedAt !== undefined && now - missedAt < this.options.windowMs) return false
    if (!this.awaited.has(id) && this.awaited.size < this.options.maxIds)
      this.awaited.set(id, ++this.announcements)
    return true
  }

  /** Taken before a stream sends its request: what was announced by then, its snapshot can judge. */
  mark(): number {
    return this.announcements
  }

  /**
   * How long the next refresh must wait at least. One miss costs nothing (one expired-but-open
   * question must not slow the next real one), but after two in a row — a storm of made-up ids —
   * refreshes come at most once per window.
   */
  holdOffMs(now: number): number {
    if (this.missesInARow < 2) return 0
    return Math.max(0, this.lastMissAt + this.options.windowMs - now)
  }

  /**
   * A snapshot arrived (on any stream) for a request sent at `askedAt` (its `mark()`): the ids it
   * holds are brought, and the ones announced by then that it lacks are misses.
   */
  settle(openIds: ReadonlySet<string>, now: number, askedAt: number): void {
    for (const id of openIds) this.missed.delete(id)
    let brought = false
    let missed = false
    for (const [id, announcement] of this.awaited) {
      if (openIds.has(id)) brought = true
      else if (announcement <= askedAt) {
        missed = true
        this.remember(id, now)
      } else continue
      this.awaited.delete(id)
    }
    if (brought) this.missesInARow = 0
    else if (missed) {
      this.missesInARow++
      this.lastMissAt = now
    }
  }

  private remember(id: string, now: number): void {
    this.missed.delete(id)
    this.missed.set(id, now)
    if (this.missed.size <= this.options.maxIds) return
    const oldest = this.missed.keys().next().value
    if (oldest !== undefined) this.missed.delete(oldest)
  }
}
