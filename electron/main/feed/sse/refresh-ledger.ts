// Remembers which snapshot refreshes came back without the question they were for. An id the server
// announces but never lists (past its 100-question cap, expired but still open, forged) then costs
// one refresh per window instead of a reconnect loop. It lives in the transport, not in a stream:
// the refresh replaces the stream, and the next stream's snapshot is the one that tells.

export interface RefreshLedgerOptions {
  /** An id a refresh did not bring is not refreshed for again within this window. */
  windowMs: number
  /** Bounds the memory: at most this many awaited and this many missed ids. */
  maxIds: number
}

export class RefreshLedger {
  /** Announced ids the next snapshot should hold. */
  private readonly awaited = new Set<string>()
  /** Ids a snapshot left out after they were announced, with when; oldest first (Map order). */
  private readonly missed = new Map<string, number>()
  private missesInARow = 0
  private lastMissAt = Number.NEGATIVE_INFINITY

  constructor(private readonly options: RefreshLedgerOptions) {}

  /** A stream heard of an open question it does not hold: is a refresh worth it? */
  announce(id: string, now: number): boolean {
    const missedAt = this.missed.get(id)
    if (missedAt !== undefined && now - missedAt < this.options.windowMs) return false
    if (this.awaited.size < this.options.maxIds) this.awaited.add(id)
    return true
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

  /** A snapshot arrived (on any stream): the awaited ids it lacks are misses. */
  settle(openIds: ReadonlySet<string>, now: number): void {
    for (const id of openIds) this.missed.delete(id)
    if (this.awaited.size === 0) return
    let brought = false
    for (const id of this.awaited) {
      if (openIds.has(id)) brought = true
      else this.remember(id, now)
    }
    this.awaited.clear()
    if (brought) {
      this.missesInARow = 0
      return
    }
    this.missesInARow++
    this.lastMissAt = now
  }

  private remember(id: string, now: number): void {
    this.missed.delete(id)
    this.missed.set(id, now)
    if (this.missed.size <= this.options.maxIds) return
    const oldest = this.missed.keys().next().value
    if (oldest !== undefined) this.missed.delete(oldest)
  }
}
