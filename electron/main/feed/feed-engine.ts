// One connection state machine for every transport: single-flight attempts, the reconnect
// policy, suspension, sleep/wake and clean shutdown. Transports only open and classify.

import { formatDuration } from '@shared/duration'
import type { FailureCode } from '@shared/failure-code'
import type { FeedState, FeedStateName } from '@shared/feed-state'
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

interface Attempt {
  controller: AbortController
  settled: Promise<void>
}

interface LiveConnection {
  connection: FeedConnection
  since: number
}

export class FeedEngine {
  private readonly transport: FeedTransport
  private readonly policy: ReconnectPolicy
  private readonly clock: Clock
  private readonly random: () => number
  private readonly log: Logger
  private readonly stateListeners = new Listeners<FeedState>()
  private readonly updateListeners = new Listeners<FeedUpdate>()

  private current: FeedState
  /** Bumped whenever in-flight work is superseded; stale callbacks compare and bow out. */
  private generation = 0
  private attempt: Attempt | null = null
  private live: LiveConnection | null = null
  private endedClose: Promise<void> | null = null
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
  }

  get state(): FeedState {
    return this.current
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
    this.clock.clearTimeout(this.suspendTimer)
    this.clock.clearInterval(this.tickTimer)
    await this.teardown()
    this.setState({ state: 'closed', reason: 'closed by the app' })
  }

  private async stopFor(reason: string, retryInMs: number | null): Promise<void> {
    this.generation++
    this.cancelRetry()
    await this.teardown()
    if (this.current.state === 'closed') return
    this.markNotConnected()
    if (retryInMs === null) this.setState({ state: 'disconnected', reason, expected: true })
    else this.scheduleAttempt(retryInMs, reason, true)
  }

  private async restart(): Promise<void> {
    if (this.restarting) return
    this.restarting = true
    this.generation++
    this.cancelRetry()
    try {
      await this.teardown()
    } finally {
      this.restarting = false
    }
    if (this.current.state === 'closed') return
    this.markNotConnected()
    this.beginAttempt()
  }

  /** Waits until no attempt and no connection of ours exist any more. */
  private async teardown(): Promise<void> {
    const attempt = this.attempt
    this.attempt = null
    if (attempt) {
      attempt.controller.abort(new Error('attempt superseded'))
      await attempt.settled
    }
    const live = this.live
    this.live = null
    if (live) await live.connection.close()
    if (this.endedClose) await this.endedClose
  }

  private beginAttempt(): void {
    if (this.attempt || this.live || this.current.state === 'closed') return
    this.cancelRetry()
    const generation = ++this.generation
    const controller = new AbortController()
    this.lastAttemptAt = this.clock.now()
    this.setState({ state: 'connecting' })
    const timeout = this.clock.setTimeout(
      () =>
        controller.abort(new Error(`no connection within ${formatDuration(this.policy.connectTimeoutMs)}`)),
      this.policy.connectTimeoutMs,
    )
    const context: AttemptContext = {
      signal: controller.signal,
      deliver: (update) => {
        if (generation === this.generation) this.updateListeners.emit(update)
      },
      setRetryBase: (ms) => {
        // Capped like Retry-After: a hostile `retry: 86400000` would otherwise park us for a day.
        this.serverRetryBaseMs = Math.min(ms, this.policy.maxRetryAfterMs)
      },
      log: this.log,
    }
    let connecting: Promise<FeedConnection>
    try {
      connecting = this.transport.connect(context)
    } catch (error) {
      connecting = Promise.reject(error)
    }
    const settled = connecting
      .then(
        (connection) => this.onConnected(generation, connection),
        (error: unknown) => this.onAttemptFailed(generation, error, controller.signal),
      )
      .finally(() => this.clock.clearTimeout(timeout))
    this.attempt = { controller, settled }
  }

  private async onConnected(generation: number, connection: FeedConnection): Promise<void> {
    if (generation !== this.generation) {
      await connection.close()
      return
    }
    this.attempt = null
    const since = this.clock.now()
    this.live = { connection, since }
    this.clock.clearTimeout(this.suspendTimer)
    this.setState({ state: 'connected' })
    void connection.ended.then((end) => this.onEnded(generation, connection, since, end))
  }

  private onAttemptFailed(generation: number, error: unknown, signal: AbortSignal): void {
    if (generation !== this.generation) return
    this.attempt = null
    const end: ConnectionEnd = error instanceof ConnectFailed ? error.end : attemptFailure(error, signal)
    this.scheduleAfter(end, 0)
  }

  private async onEnded(generation: number, connection: FeedConnection, since: number, end: ConnectionEnd) {
    if (generation !== this.generation) return
    // Keep the connection counted as ours until its sockets are gone, so no attempt overlaps it.
    this.endedClose = connection.close()
    await this.endedClose
    this.endedClose = null
    if (generation !== this.generation) return
    this.live = null
    this.markNotConnected()
    this.scheduleAfter(end, this.clock.now() - since)
  }

  private scheduleAfter(end: ConnectionEnd, connectedMs: number): void {
    if (connectedMs >= this.policy.healthyAfterMs) this.failures = 0
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
    this.log.info(`${state} (${reason}), retry in ${formatDuration(delayMs)}`, code && { code })
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

  private setState(next: Omit<FeedState, 'since'>): void {
    const previous = this.current
    if (
      previous.state === next.state &&
      previous.reason === next.reason &&
      previous.retryInMs === next.retryInMs &&
      previous.failure === next.failure
    ) {
      return
    }
    this.current = { ...next, since: this.clock.now() }
    this.stateListeners.emit(this.current)
  }
}
