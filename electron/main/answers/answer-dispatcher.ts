// Sends queued answers in order while the feed is connected, retrying transient failures with
// the feed's backoff (the same policy, overrides included). One send at a time; a refusal or a success removes the answer for good.
// Signed out (a 401), answers wait until the feed connects again.
import { type AnswerInput, type AnswerOutcome, answerText } from '@shared/answer'
import { formatDuration } from '@shared/duration'
import { type Clock, systemClock } from '../common/clock'
import { describeError } from '../common/describe-error'
import { Listeners } from '../common/listeners'
import { failureDelay, type ReconnectPolicy, reconnectPolicyWith } from '../feed/reconnect-policy'
import type { Logger } from '../log/logger'
import type { AnswerOutbox, OutboxEntry } from './answer-outbox'
import { type AnswerSender, type SendResult, SignedOutSendError, TransientSendError } from './answer-sender'

export interface AnswerSettled {
  entry: OutboxEntry
  result: SendResult
}

export interface AnswerDispatcherOptions {
  outbox: AnswerOutbox
  sender: AnswerSender
  log: Logger
  clock?: Clock
  random?: () => number
  /** The feed's reconnect policy overrides; the answer retry backs off the same way. */
  policy?: Partial<ReconnectPolicy>
  /** How long `submit` waits for the server before it reports the answer as queued. */
  submitWaitMs?: number
  /** The server signed us out of answering: the feed's stream may still be open, so check it now. */
  onSignedOut?: () => void
}

export class AnswerDispatcher {
  private readonly settledListeners = new Listeners<AnswerSettled>()
  /** Answers held back because the server signed us out: their outbox ids. */
  private readonly heldListeners = new Listeners<string>()
  private readonly clock: Clock
  private readonly random: () => number
  private readonly policy: ReconnectPolicy
  private connected = false
  private closed = false
  private flushing: Promise<void> | null = null
  private retryTimer: unknown = null
  private failures = 0

  constructor(private readonly options: AnswerDispatcherOptions) {
    this.clock = options.clock ?? systemClock
    this.random = options.random ?? Math.random
    this.policy = reconnectPolicyWith(options.policy)
  }

  /** Every answer that left the outbox: sent, or refused for good. */
  onSettled(listener: (settled: AnswerSettled) => void): () => void {
    return this.settledListeners.add(listener)
  }

  /** Follows the feed: answers go out only while it is connected. */
  setConnected(connected: boolean): void {
    this.connected = connected
    if (connected) void this.flush()
  }

  /**
   * Queues the answer durably, then, when online, waits briefly for the server's verdict.
   * The caller has already checked the answer against the cached question.
   */
  async submit(questionId: string, answer: AnswerInput): Promise<AnswerOutcome> {
    const entry = this.options.outbox.enqueue(questionId, answer)
    if (!this.connected) return { kind: 'queued' }
    const verdict = new Promise<AnswerOutcome>((resolve) => {
      const timer = this.clock.setTimeout(() => {
        stop()
        resolve({ kind: 'queued' })
      }, this.options.submitWaitMs ?? 15_000)
      const stopSettled = this.onSettled((settled) => {
        if (settled.entry.id !== entry.id) return
        stop()
        this.clock.clearTimeout(timer)
        resolve(settled.result)
      })
      const stopHeld = this.heldListeners.add((id) => {
        if (id !== entry.id) return
        stop()
        this.clock.clearTimeout(timer)
        resolve({ kind: 'queued' })
      })
      const stop = () => {
        stopSettled()
        stopHeld()
      }
    })
    void this.flush()
    return verdict
  }

  /** Sends everything pending, in order, until the outbox is empty or a send fails transiently. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing
    this.flushing = this.drain().finally(() => {
      this.flushing = null
    })
    return this.flushing
  }

  close(): void {
    this.closed = true
    if (this.retryTimer !== null) this.clock.clearTimeout(this.retryTimer)
    this.retryTimer = null
  }

  private async drain(): Promise<void> {
    if (this.retryTimer !== null) {
      this.clock.clearTimeout(this.retryTimer)
      this.retryTimer = null
    }
    for (;;) {
      if (!this.connected || this.closed) return
      const [entry] = this.options.outbox.pending()
      if (!entry) return
      let result: SendResult
      try {
        result = await this.options.sender.send({
          idempotencyKey: entry.id,
          questionId: entry.questionId,
          answer: answerText(entry.answer),
        })
      } catch (error) {
        if (error instanceof SignedOutSendError) this.holdUntilConnected(entry, error)
        else this.retryLater(entry, error)
        return
      }
      this.failures = 0
      this.options.outbox.remove(entry.id)
      this.options.log.info(
        result.kind === 'sent' ? 'answer sent' : `answer refused (${result.reason}): ${result.message}`,
        { questionId: entry.questionId },
      )
      this.settledListeners.emit({ entry, result })
    }
  }

  /** No retry timer: only a new connection (a working sign-in) sends again. */
  private holdUntilConnected(entry: OutboxEntry, error: SignedOutSendError): void {
    this.connected = false
    this.options.outbox.recordFailure(entry.id, error.message)
    this.options.log.warn(`answer not sent (${error.message}); it waits until the feed is signed in again`, {
      questionId: entry.questionId,
    })
    this.heldListeners.emit(entry.id)
    this.options.onSignedOut?.()
  }

  private retryLater(entry: OutboxEntry, error: unknown): void {
    const message = describeError(error)
    this.options.outbox.recordFailure(entry.id, message)
    const backoff = failureDelay(this.failures++, this.policy, this.random)
    const floor = error instanceof TransientSendError ? (error.retryAfterMs ?? 0) : 0
    const delay = Math.max(backoff, Math.min(floor, this.policy.maxRetryAfterMs))
    this.options.log.warn(
      `answer not sent (${message}); it stays queued, retry in ${formatDuration(delay)}`,
      {
        questionId: entry.questionId,
      },
    )
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = null
      void this.flush()
    }, delay)
  }
}
