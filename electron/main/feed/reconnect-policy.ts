// Reconnect delays as docs/reliability.md (Policy) sets them out. Pure: tested without timers.

export interface ReconnectPolicy {
  /** First failure waits up to this long; doubles with every further failure. */
  baseMs: number
  capMs: number
  /** Keeps a run of near-zero random draws from hammering the server. */
  floorMs: number
  /** Server `Retry-After` hints and SSE `retry:` bases are honoured up to this long. */
  maxRetryAfterMs: number
  /** An attempt that has not gone live by then is abandoned. */
  connectTimeoutMs: number
  /** A connection that lasted this long resets the failure count. */
  healthyAfterMs: number
  /** Not connected for this long: `suspended` (offline in the tray, retries continue at the cap). */
  suspendAfterMs: number
  /** Fatal `config`/`disabled` failures are re-checked this rarely. */
  recheckFatalMs: number
  /** Nudges (resume, online, "reconnect now") skip the wait, but at most once per this window. */
  nudgeMinIntervalMs: number
  /** Wall-clock jumps larger than tick + this mean the machine slept. */
  clockJumpToleranceMs: number
  clockTickMs: number
  /** While the OS says offline, probe this rarely anyway (it can be wrong). */
  offlineProbeMs: number
  /**
   * An expected reconnect (planned close, refresh, nudge) keeps showing `connected` while the next
   * connection is up within this long; only a failure or a longer gap is shown.
   */
  reconnectGraceMs: number
  /** A clean close this soon after going live is a short one (the hot-loop guard). */
  shortCloseMs: number
  /** From this many short clean closes in a row on, each one counts as a failure. */
  shortCloseLimit: number
}

const defaultReconnectPolicy: ReconnectPolicy = {
  baseMs: 1000,
  capMs: 30_000,
  floorMs: 250,
  maxRetryAfterMs: 5 * 60_000,
  connectTimeoutMs: 10_000,
  healthyAfterMs: 60_000,
  suspendAfterMs: 120_000,
  recheckFatalMs: 10 * 60_000,
  nudgeMinIntervalMs: 5000,
  clockJumpToleranceMs: 15_000,
  clockTickMs: 5000,
  offlineProbeMs: 60_000,
  reconnectGraceMs: 5000,
  shortCloseMs: 1000,
  shortCloseLimit: 3,
}

/** The defaults with the timing overrides (SCRUM4ME_NOTIFIER_TIMING, tests) laid over them. */
export function reconnectPolicyWith(overrides: Partial<ReconnectPolicy> = {}): ReconnectPolicy {
  return { ...defaultReconnectPolicy, ...overrides }
}

/** Exponent clamp: 2^10 × base is far past any cap, and avoids overflow to Infinity/NaN. */
const MAX_EXPONENT = 10

/**
 * Full jitter: U(0, min(cap, base·2^k)), raised to the floor. `failures` is the number of
 * failures before this one (0 for the first).
 */
export function failureDelay(
  failures: number,
  policy: Pick<ReconnectPolicy, 'baseMs' | 'capMs' | 'floorMs'>,
  random: () => number,
): number {
  const exponent = Math.min(Math.max(0, Math.floor(failures)), MAX_EXPONENT)
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent)
  const floor = Math.min(policy.floorMs, ceiling)
  return Math.min(ceiling, Math.max(floor, Math.floor(random() * ceiling)))
}

/** A planned close or a refresh: U(0, base), no penalty. Clients closed together spread out. */
export function plannedDelay(baseMs: number, random: () => number): number {
  return Math.floor(random() * baseMs)
}

/**
 * A refresh for a new question: spreadMs·U², U uniform on [0, 1). Squaring puts half the draws
 * under a quarter of the spread (a lone question waits little) while the top of the range, which
 * sets how far a herd of clients told at once spreads out, stays wide.
 */
export function refreshDelay(spreadMs: number, random: () => number): number {
  const draw = random()
  return Math.floor(spreadMs * draw * draw)
}

/** `Retry-After` is a floor under the backoff delay, capped so a hostile value cannot park us. */
export function applyRetryAfter(delayMs: number, retryAfterMs: number | undefined, maxMs: number): number {
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs) || retryAfterMs <= 0) return delayMs
  return Math.max(delayMs, Math.min(retryAfterMs, maxMs))
}

/** Parses an HTTP `Retry-After` header: delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined
  const trimmed = header.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}
