// How long the server lets a stream live, learned from the clean closes it made, so that the next
// stream can be opened before the server closes the current one (make-before-break).
import type { Clock } from '../../common/clock'

/** Closes younger than this teach nothing (the engine's hot-loop guard deals with them). */
const MIN_LEARNED_MS = 2000
/** Two closes in a row this close in age (±25 %) are the server's rule, not a one-off like a deploy. */
const AGREEMENT = 0.25
/** Without a close confirming it for this long, a learned lifetime is dropped: it may have grown. */
const FORGET_AFTER_MS = 60 * 60_000
/** Time to open the successor and take its snapshot: a tenth of the lifetime, within these bounds. */
const MIN_LEAD_MS = 500
const MAX_LEAD_MS = 30_000

export class StreamLifetime {
  private learnedMs: number | null = null
  private learnedAt = 0
  private lastCloseMs: number | null = null

  constructor(
    private readonly defaultMs: number,
    private readonly clock: Clock,
  ) {}

  /** A stream closed cleanly after its snapshot, `ageMs` after its response began. */
  closedCleanly(ageMs: number): void {
    const previous = this.lastCloseMs
    this.lastCloseMs = ageMs >= MIN_LEARNED_MS ? ageMs : null
    if (previous === null || this.lastCloseMs === null) return
    if (Math.abs(ageMs - previous) > AGREEMENT * Math.max(ageMs, previous)) return
    this.learnedMs = Math.min(ageMs, previous)
    this.learnedAt = this.clock.now()
  }

  /** We replaced a stream before the server closed it: the next close has no partner to agree with. */
  replacedEarly(): void {
    this.lastCloseMs = null
  }

  get lifetimeMs(): number {
    if (this.learnedMs !== null && this.clock.now() - this.learnedAt > FORGET_AFTER_MS) this.learnedMs = null
    return this.learnedMs ?? this.defaultMs
  }

  /** The age at which to ask for a successor, so that it is live before the server closes this one. */
  replaceAtMs(): number {
    const lifetime = this.lifetimeMs
    return lifetime - Math.min(Math.max(0.1 * lifetime, MIN_LEAD_MS), MAX_LEAD_MS)
  }
}
