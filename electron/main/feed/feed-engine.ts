// One connection state machine for every transport: single-flight attempts, the reconnect
// policy, make-before-break replacement, the grace that hides expected reconnects, suspension,
// sleep/wake and clean shutdown. Transports only open and classify.

import { formatDuration } from '@shared/duration'
import type { FailureCode } from '@shared/failure-code'
import type { FeedReconnect, FeedReconnectKind, FeedState, FeedStateName } from '@shared/feed-state'
import { type Clock, systemClock } from '../common/clock'
import { Listeners } from '../common/listeners'
import { type Logger, silentLogger } from '../log/logger'
import { attemptFailure } from './failure-code'
import {
  applyRetryAfter,
  failureDelay,
  plannedDelay,
  type ReconnectPolicy,
  reconnectPolicyWith,
} from './reconnect-policy'
import {
  type AttemptContext,
  ConnectFailed,
  type ConnectionEnd,
  type FeedConnection,
  type FeedTransport,
  type FeedUpdate,
  type ReplaceKind,
} from './transport'

/** Why someone asks the engine to try now instead of waiting. */
export type NudgeReason = 'resume' | 'unlock-screen' | 'online' | 'user' | 'clock-jump'

export interface FeedEngineOptions {
  transport: FeedTransport
  policy?: Partial<ReconnectPolicy>
  clock?: Clock
  random?: () => number
  log?: Logger
}

/** A successor wanted for a live connection (make-before-break). */
interface Replacement {
  of: LiveConnection
  kind: ReplaceKind
  reason: string
}

interface Attempt {
  controller: AbortController
  settled: Promise<void>
  /** What it is to replace; null for an attempt with no live connection beside it. */
  replacing: Replacement | null
  /** Identifies its updates, and those of the connection it becomes. */
  source: object
}

interface LiveConnection {
  connection: FeedConnection
  source: object
  /** When this connection went live. */
  since: number
  /** When the feed last went live after a break: make-before-break swaps carry it over. */
  upSince: number
}

/** An expected reconnect still shown as `connected`, until the grace runs out. */
interface HiddenGap {
  kind: FeedReconnectKind
  reason: string
  startedAt: number
  timer: unknown
}

/** While a gap is hidden these stay unpublished: nothing has failed yet. */
function isQuiet(state: FeedState): boolean {
  return state.state === 'connecting' || (state.state === 'disconnected' && state.code === undefined)
}

function sameState(a: Omit<FeedState, 'since'>, b: Omit<FeedState, 'since'>): boolean {
  return (
    a.state === b.state && a.reason === b.reason && a.retryInMs === b.retryInMs && a.failure === b.failure
  )
}

export class FeedEngine {
  private readonly transport: FeedTransport
  private readonly policy: ReconnectPolicy
  private readonly clock: Clock
  private readonly random: () => number
  private readonly log: Logger
  private readonly stateListeners = new Listeners<FeedState>()
  private readonly updateListeners = new Listeners<FeedUpdate>()
  private readonly reconnectListeners = new Listeners<FeedReconnect>()

  /** What the engine is doing; `shown` is what it publishes (the same, but for hidden gaps). */
  private current: FeedState
  private shown: FeedState
  /** Bumped whenever in-flight work is superseded; stale callbacks compare and bow out. */
  private generation = 0
  private attempt: Attempt | null = null
  private live: LiveConnection | null = null
  /** Whose updates count: the live connection's, until a successor delivers its snapshot. */
  private deliverer: object | null = null
  /** A replaced connection still closing: no successor starts until it is gone (two at most). */
  private retiring: Promise<void> | null = null
  /**
   * While a successor opens: the ids the live connection saw leave meanwhile. The successor's
   * snapshot may have been read before they left; it is delivered without them, so an answered
   * question does not come back (losing its answer) until the successor's own `left` for it.
   */
  private overlap: { successor: object; left: Set<string> } | null = null
  /** A successor asked for while the previous replacement was still closing. */
  private replaceWanted: Replacement | null = null
  /** After a successor failed: the next try, the live connection kept meanwhile. */
  private replaceTimer: unknown = null
  private gap: HiddenGap | null = null
  private shortCloses = 0
  private endedClose: Promise<void> | null = null
  /**
   * Every close of a connection or attempt of ours still under way, whoever started it: a
   * teardown that runs beside another (close() during a reconnect) waits for them all.
   */
  private readonly closing = new Set<Promise<unknown>>()
  private restarting = false
  private failures = 0
  private serverRetryBaseMs: number | null = null
  private notConnectedSince: number
  private lastAttemptAt = Number.NEGATIVE_INFINITY
  private online = true
  private asleep = false
  private retryTimer: unknown = null
  private retryAt: number | null = null
  private suspendTimer: unknown = null
  private tickTimer: unknown = null
  private lastTick = 0

  constructor(options: FeedEngineOptions) {
    this.transport = options.transport
    this.policy = reconnectPolicyWith(options.policy)
    this.clock = options.clock ?? systemClock
    this.random = options.random ?? Math.random
    this.log = options.log ?? silentLogger
    this.notConnectedSince = this.clock.now()
    this.current = { state: 'idle', since: this.clock.now() }
    this.shown = this.current
  }

  /** The state to show: expected reconnects within the grace stay `connected`. */
  get state(): FeedState {
    return this.shown
  }

  /** Consecutive failures so far (the backoff exponent). */
  get failureCount(): number {
    return this.failures
  }

  onState(listener: (state: FeedState) => void): () => void {
    return this.stateListeners.add(listener)
  }

  onUpdate(listener: (update: FeedUpdate) => void): () => void {
    return this.updateListeners.add(listener)
  }

  /** Reconnects that were not shown as a state change (diagnostics list them). */
  onReconnect(listener: (reconnect: FeedReconnect) => void): () => void {
    return this.reconnectListeners.add(listener)
  }

  start(): void {
    if (this.current.state !== 'idle') return
    this.notConnectedSince = this.clock.now()
    this.armSuspendTimer()
    this.lastTick = this.clock.now()
    this.tickTimer = this.clock.setInterval(() => this.checkClockJump(), this.policy.clockTickMs)
    this.beginAttempt()
  }

  /** Try now, skipping the backoff wait (rate-limited). `resume` also replaces a live connection. */
  nudge(reason: NudgeReason): void {
    const state = this.current.state
    if (state === 'idle' || state === 'closed') return
    const wakes = reason === 'resume' || reason === 'clock-jump'
    if (wakes) this.asleep = false
    else if (this.asleep) return
    if (state === 'failed' && reason !== 'user') return
    const busy = state === 'connected' || state === 'connecting'
    // After sleep a live-looking socket may be dead; otherwise a live feed needs nothing.
    if (busy && !wakes && reason !== 'user') return

    const waitMs = this.policy.nudgeMinIntervalMs - (this.clock.now() - this.lastAttemptAt)
    if (waitMs > 0) {
      // A storm of triggers (resume + online + watchdog) still yields one attempt.
      if (!busy && state !== 'failed') this.scheduleAttempt(waitMs, `nudged (${reason})`, true)
      return
    }
    this.log.info(`reconnecting now (${reason})`)
    if (state === 'connected') this.hideGap('nudge', `nudged (${reason})`)
    void this.restart()
  }

  /** The OS network state. Offline tears the feed down at once; online reconnects at once. */
  setOnline(online: boolean): void {
    if (online === this.online) return
    this.online = online
    if (online) {
      this.nudge('online')
      return
    }
    const state = this.current.state
    if (state === 'idle' || state === 'closed' || state === 'failed') return
    this.log.info('the system is offline; disconnecting until it is back', {
      probeInMs: this.policy.offlineProbeMs,
    })
    void this.stopFor('offline', this.policy.offlineProbeMs)
  }

  /** The machine is about to sleep: close cleanly so the server frees our session; wait for `resume`. */
  async sleep(): Promise<void> {
    const state = this.current.state
    if (state === 'idle' || state === 'closed') return
    this.asleep = true
    await this.stopFor('system sleep', null)
  }

  /** Shuts down for good: timers, the attempt in flight and the live connection. */
  async close(): Promise<void> {
    if (this.current.state === 'closed') return
    this.generation++
    this.cancelRetry()
    this.clearGap()
    this.clock.clearTimeout(this.suspendTimer)
    this.clock.clearInterval(this.tickTimer)
    await this.teardown()
    this.setState({ state: 'closed', reason: 'closed by the app' })
  }

  private async stopFor(reason: string, retryInMs: number | null): Promise<void> {
    this.generation++
    this.cancelRetry()
    // Offline and sleep are real gaps: shown at once.
    this.clearGap()
    await this.teardown()
    if (this.current.state === 'closed') return
    this.markNotConnected()
    if (retryInMs === null) this.setState({ state: 'disconnected', reason, expected: true })
    else this.scheduleAttempt(retryInMs, reason, true)
  }

  private async restart(): Promise<void> {
    if (this.restarting) return
    this.restarting = true
    const generation = ++this.generation
    this.cancelRetry()
    try {
      await this.teardown()
    } finally {
      this.restarting = false
    }
    // Closed, asleep or offline meanwhile: whoever moved the generation on decides what comes next.
    if (this.current.state === 'closed' || generation !== this.generation) return
    this.markNotConnected()
    this.beginAttempt()
  }

  /** Waits until no attempt and no connection of ours exist any more. */
  private async teardown(): Promise<void> {
    this.clock.clearTimeout(this.replaceTimer)
    this.replaceTimer = null
    this.replaceWanted = null
    this.overlap = null
    const attempt = this.attempt
    this.attempt = null
    if (attempt) {
      attempt.controller.abort(new Error('attempt superseded'))
      this.track(attempt.settled)
    }
    const live = this.live
    this.live = null
    if (live) this.track(live.connection.close())
    while (this.closing.size > 0) await Promise.allSettled([...this.closing])
  }

  /** Counts `closing` among the closes a teardown waits for, until it settles. */
  private track<T>(closing: Promise<T>): Promise<T> {
    this.closing.add(closing)
    const done = () => this.closing.delete(closing)
    closing.then(done, done)
    return closing
  }

  /** `replacing`: open a successor beside that live connection instead of a first connection. */
  private beginAttempt(replacing: Replacement | null = null): void {
    if (this.attempt || this.current.state === 'closed') return
    if (replacing ? this.live !== replacing.of || this.retiring : this.live) return
    if (!replacing) this.cancelRetry()
    // A successor shares the live connection's generation: superseding one supersedes both.
    const generation = replacing ? this.generation : ++this.generation
    const controller = new AbortController()
    const source = {}
    if (!replacing) {
      // Only these count for the nudge rate limit: a successor must not swallow a resume after sleep.
      this.lastAttemptAt = this.clock.now()
      this.deliverer = source
      this.setState({ state: 'connecting' })
    }
    const timeout = this.clock.setTimeout(
      () =>
        controller.abort(new Error(`no connection within ${formatDuration(this.policy.connectTimeoutMs)}`)),
      this.policy.connectTimeoutMs,
    )
    const attempt: Attempt = { controller, settled: Promise.resolve(), replacing, source }
    this.attempt = attempt
    this.overlap = replacing ? { successor: source, left: new Set() } : null
    let connecting: Promise<FeedConnection>
    try {
      connecting = this.transport.connect(this.contextFor(generation, attempt))
    } catch (error) {
      connecting = Promise.reject(error)
    }
    attempt.settled = connecting
      .then(
        (connection) => this.onConnected(generation, attempt, connection),
        (error: unknown) => this.onAttemptFailed(generation, attempt, error),
      )
      .finally(() => this.clock.clearTimeout(timeout))
  }

  private contextFor(generation: number, attempt: Attempt): AttemptContext {
    const { source } = attempt
    return {
      signal: attempt.controller.signal,
      deliver: (update) => {
        if (generation !== this.generation) return
        if (source !== this.deliverer) {
          // A successor takes over with its snapshot; the old connection's later updates are stale.
          if (update.kind !== 'snapshot' || this.attempt?.source !== source) return
          this.deliverer = source
        }
        this.updateListeners.emit(this.withoutLeftMeanwhile(source, update))
      },
      setRetryBase: (ms) => {
        // Capped like Retry-After: a hostile `retry: 86400000` would otherwise park us for a day.
        this.serverRetryBaseMs = Math.min(ms, this.policy.maxRetryAfterMs)
      },
      replaceSoon: (kind, reason) => {
        const live = this.live
        if (generation !== this.generation || live?.source !== source) return
        this.requestSuccessor({ of: live, kind, reason })
      },
      log: this.log,
    }
  }

  /** See `overlap`: notes what the live connection saw leave, and keeps it out of the successor's snapshot. */
  private withoutLeftMeanwhile(source: object, update: FeedUpdate): FeedUpdate {
    const overlap = this.overlap
    if (!overlap) return update
    if (source !== overlap.successor) {
      if (update.kind === 'left') overlap.left.add(update.id)
      return update
    }
    if (update.kind !== 'snapshot') return update
    this.overlap = null
    if (overlap.left.size === 0) return update
    return { ...update, questions: update.questions.filter((question) => !overlap.left.has(question.id)) }
  }

  private requestSuccessor(replacement: Replacement): void {
    // A successor on its way (or a retry planned) answers this ask too: its snapshot is read after it listens.
    if (this.attempt || this.replaceTimer !== null) return
    if (this.retiring) {
      this.replaceWanted = replacement
      return
    }
    this.log.debug(`opening a successor (${replacement.reason}); the live connection stays until it is up`)
    this.beginAttempt(replacement)
  }

  private async onConnected(generation: number, attempt: Attempt, connection: FeedConnection): Promise<void> {
    if (generation !== this.generation || this.attempt !== attempt) {
      await connection.close()
      return
    }
    this.attempt = null
    this.deliverer = attempt.source
    const now = this.clock.now()
    if (attempt.replacing) {
      await this.swap(generation, attempt.replacing, {
        connection,
        source: attempt.source,
        since: now,
        upSince: attempt.replacing.of.upSince,
      })
      return
    }
    const gap = this.gap
    const live: LiveConnection = { connection, source: attempt.source, since: now, upSince: now }
    this.live = live
    this.clock.clearTimeout(this.suspendTimer)
    this.setState({ state: 'connected' })
    this.watchEnd(generation, live)
    if (gap) this.reported(gap.kind, gap.reason, now - gap.startedAt)
  }

  /** Make-before-break: the successor is live with its snapshot; now the old connection goes. */
  private async swap(generation: number, replaced: Replacement, live: LiveConnection): Promise<void> {
    this.live = live
    this.watchEnd(generation, live)
    this.reported(replaced.kind, replaced.reason, 0)
    this.retiring = this.track(replaced.of.connection.close())
    await this.retiring
    this.retiring = null
    const wanted = this.replaceWanted
    this.replaceWanted = null
    if (wanted && generation === this.generation) this.requestSuccessor(wanted)
  }

  private reported(kind: FeedReconnectKind, reason: string, gapMs: number): void {
    this.log.debug(`reconnected without a visible break (${reason})`, { gapMs })
    this.reconnectListeners.emit({ kind, reason, gapMs, at: this.clock.now() })
  }

  private watchEnd(generation: number, live: LiveConnection): void {
    void live.connection.ended.then((end) => this.onEnded(generation, live, end))
  }

  private onAttemptFailed(generation: number, attempt: Attempt, error: unknown): void {
    if (generation !== this.generation || this.attempt !== attempt) return
    this.attempt = null
    const end = error instanceof ConnectFailed ? error.end : attemptFailure(error, attempt.controller.signal)
    const replacing = attempt.replacing
    if (replacing && end.kind === 'failure') {
      this.retryReplacement(replacing, end.reason)
      return
    }
    if (replacing) {
      // Retrying cannot help (signed out, wrong URL): the old connection would meet the same end.
      void this.stopAfter(end)
      return
    }
    this.scheduleAfter(end, 0)
  }

  /** The successor failed; the live connection stays, and the next successor waits out the backoff. */
  private retryReplacement(replacing: Replacement, reason: string): void {
    const base = Math.max(this.policy.baseMs, this.serverRetryBaseMs ?? 0)
    const delay = failureDelay(this.failures, { ...this.policy, baseMs: base }, this.random)
    this.failures++
    this.log.info(
      `could not open a successor (${reason}); keeping the live connection, next try in ${formatDuration(delay)}`,
    )
    this.replaceTimer = this.clock.setTimeout(() => {
      this.replaceTimer = null
      this.beginAttempt(replacing)
    }, delay)
  }

  private async stopAfter(end: ConnectionEnd): Promise<void> {
    this.generation++
    await this.teardown()
    if (this.current.state === 'closed') return
    this.markNotConnected()
    this.scheduleAfter(end, 0)
  }

  private async onEnded(generation: number, live: LiveConnection, reported: ConnectionEnd): Promise<void> {
    if (generation !== this.generation || this.live !== live) return
    const now = this.clock.now()
    const end = this.judgeEnd(reported, now - live.since)
    const expected = end.kind === 'planned' || end.kind === 'refresh'
    if (expected) this.hideGap(end.kind, end.reason)
    const successor = this.attempt?.replacing?.of === live ? this.attempt : null
    if (successor && expected) {
      // The successor already on its way becomes the next connection.
      successor.replacing = null
      this.deliverer = successor.source
      this.live = null
      this.markNotConnected()
      this.setState({ state: 'connecting' })
      // Counted until its sockets are gone, like a replaced one: no second successor meanwhile.
      this.retiring = this.track(live.connection.close())
      await this.retiring
      this.retiring = null
      return
    }
    this.clock.clearTimeout(this.replaceTimer)
    this.replaceTimer = null
    this.replaceWanted = null
    if (successor) {
      this.attempt = null
      successor.controller.abort(new Error('the connection it was to replace failed'))
      await this.track(successor.settled)
    }
    // Keep the connection counted as ours until its sockets are gone, so no attempt overlaps it.
    this.endedClose = this.track(live.connection.close())
    await this.endedClose
    this.endedClose = null
    if (generation !== this.generation) return
    this.live = null
    this.markNotConnected()
    this.scheduleAfter(end, now - live.upSince)
  }

  /**
   * The hot-loop guard: a clean close is planned whatever its age, but from the
   * `shortCloseLimit`-th close in a row within `shortCloseMs` of going live, each is a failure.
   */
  private judgeEnd(end: ConnectionEnd, liveMs: number): ConnectionEnd {
    if (end.kind !== 'planned' && end.kind !== 'refresh') return end
    if (liveMs >= this.policy.shortCloseMs) {
      this.shortCloses = 0
      return end
    }
    this.shortCloses++
    if (this.shortCloses < this.policy.shortCloseLimit) return end
    return {
      kind: 'failure',
      code: { type: 'ended-early' },
      reason: `${end.reason}: ${this.shortCloses} times in a row within ${formatDuration(this.policy.shortCloseMs)} of connecting`,
    }
  }

  /** `upMs`: how long the feed had been live without a break. */
  private scheduleAfter(end: ConnectionEnd, upMs: number): void {
    if (upMs >= this.policy.healthyAfterMs) this.failures = 0
    const base = Math.max(this.policy.baseMs, this.serverRetryBaseMs ?? 0)
    switch (end.kind) {
      case 'planned':
        this.scheduleAttempt(plannedDelay(base, this.random), end.reason, true)
        return
      case 'refresh':
        this.scheduleAttempt(0, end.reason, true)
        return
      case 'failure': {
        const backoff = failureDelay(this.failures, { ...this.policy, baseMs: base }, this.random)
        this.failures++
        const delay = applyRetryAfter(backoff, end.retryAfterMs, this.policy.maxRetryAfterMs)
        const wait = this.online ? delay : Math.max(delay, this.policy.offlineProbeMs)
        this.scheduleAttempt(wait, end.reason, false, end.code)
        return
      }
      case 'fatal': {
        this.failures++
        const recheck = end.failure === 'config' || end.failure === 'disabled'
        this.log.error(`stopped: ${end.reason}`, {
          failure: end.failure,
          code: end.code,
          next: recheck
            ? `re-check in ${formatDuration(this.policy.recheckFatalMs)}`
            : 'waiting for the user',
        })
        this.setState({ state: 'failed', failure: end.failure, code: end.code, reason: end.reason })
        if (recheck) {
          this.retryTimer = this.clock.setTimeout(() => {
            this.retryTimer = null
            this.beginAttempt()
          }, this.policy.recheckFatalMs)
        }
        return
      }
    }
  }

  /** `code`: the attempt failed, and how; an expected disconnect has none. */
  private scheduleAttempt(delayMs: number, reason: string, expected = false, code?: FailureCode): void {
    const at = this.clock.now() + delayMs
    if (this.retryTimer !== null && this.retryAt !== null && this.retryAt <= at) return
    this.cancelRetry()
    this.retryAt = at
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = null
      this.retryAt = null
      this.beginAttempt()
    }, delayMs)
    const state: FeedStateName = this.isSuspended() ? 'suspended' : 'disconnected'
    const line = `${state} (${reason}), retry in ${formatDuration(delayMs)}`
    // Inside a hidden gap this is no news: --verbose (debug) shows it.
    if (this.gap && !code) this.log.debug(line)
    else this.log.info(line, code && { code })
    this.setState({ state, reason, retryInMs: delayMs, ...(expected && { expected }), ...(code && { code }) })
  }

  private markNotConnected(): void {
    if (this.current.state !== 'connected') return
    this.notConnectedSince = this.clock.now()
    this.armSuspendTimer()
  }

  private armSuspendTimer(): void {
    this.clock.clearTimeout(this.suspendTimer)
    const remaining = this.notConnectedSince + this.policy.suspendAfterMs - this.clock.now()
    this.suspendTimer = this.clock.setTimeout(
      () => {
        if (this.current.state !== 'disconnected') return
        const retryInMs = this.retryAt === null ? undefined : Math.max(0, this.retryAt - this.clock.now())
        this.log.warn('suspended: not connected for a while; cached questions stay available', { retryInMs })
        const { reason, expected, code } = this.current
        this.setState({
          state: 'suspended',
          reason,
          retryInMs,
          ...(expected && { expected }),
          ...(code && { code }),
        })
      },
      Math.max(0, remaining),
    )
  }

  private isSuspended(): boolean {
    return this.clock.now() - this.notConnectedSince >= this.policy.suspendAfterMs
  }

  /** The third leg of sleep/wake, for a sleep the OS did not report (lifecycle/register-power-and-network.ts). */
  private checkClockJump(): void {
    const now = this.clock.now()
    const gap = now - this.lastTick
    this.lastTick = now
    if (gap > this.policy.clockTickMs + this.policy.clockJumpToleranceMs) {
      this.log.info('the clock jumped (the machine slept?); reconnecting', { gapMs: gap })
      this.nudge('clock-jump')
    }
  }

  private cancelRetry(): void {
    if (this.retryTimer !== null) this.clock.clearTimeout(this.retryTimer)
    this.retryTimer = null
    this.retryAt = null
  }

  /** An expected reconnect begins: keep showing `connected` for the grace period. */
  private hideGap(kind: FeedReconnectKind, reason: string): void {
    if (this.gap || this.shown.state !== 'connected' || this.policy.reconnectGraceMs <= 0) return
    const timer = this.clock.setTimeout(() => this.graceOver(), this.policy.reconnectGraceMs)
    this.gap = { kind, reason, startedAt: this.clock.now(), timer }
  }

  private graceOver(): void {
    this.gap = null
    const retryInMs = this.retryAt === null ? undefined : Math.max(0, this.retryAt - this.clock.now())
    this.log.info(`still reconnecting after ${formatDuration(this.policy.reconnectGraceMs)}`, {
      state: this.current.state,
    })
    this.publish(this.current.state === 'disconnected' ? { ...this.current, retryInMs } : this.current)
  }

  private clearGap(): void {
    if (!this.gap) return
    this.clock.clearTimeout(this.gap.timer)
    this.gap = null
  }

  private setState(next: Omit<FeedState, 'since'>): void {
    if (sameState(this.current, next)) return
    this.current = { ...next, since: this.clock.now() }
    if (this.gap && isQuiet(this.current)) return
    this.clearGap()
    this.publish(this.current)
  }

  /** A state equal to the one shown is never emitted. */
  private publish(state: FeedState): void {
    if (sameState(this.shown, state)) return
    this.shown = state
    this.stateListeners.emit(state)
  }
}
