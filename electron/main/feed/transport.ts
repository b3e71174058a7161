// The contract between the connection engine (one policy) and a transport (SSE or PostgreSQL).
import type { FailureCode } from '@shared/failure-code'
import type { FeedFailure } from '@shared/feed-state'
import type { Question, QuestionStatus } from '@shared/question'
import type { Logger } from '../log/logger'

/** What a feed learns about the open questions. The store, not the feed, decides what is new. */
export type FeedUpdate =
  /** The complete set of open questions the user may see; anything missing is no longer open. */
  | { kind: 'snapshot'; questions: Question[] }
  /** One question that is open now (possibly one we know already). */
  | { kind: 'opened'; question: Question }
  /** A question left the open set. */
  | { kind: 'left'; id: string; status: QuestionStatus }

/**
 * How a connection ended; the engine turns this into the next delay. A failure's `code` is what
 * the app decides on; `reason` is the same in words, for people.
 */
export type ConnectionEnd =
  /** The server closed on purpose (SSE lifetime); reconnect promptly, no penalty. */
  | { kind: 'planned'; reason: string }
  /**
   * The transport needs a fresh snapshot and cannot keep streaming meanwhile; reconnect now, no
   * penalty. A transport that can keep streaming asks with `AttemptContext.replaceSoon` instead.
   */
  | { kind: 'refresh'; reason: string }
  /** Anything that went wrong; counts toward the backoff. `retryAfterMs` is a server floor. */
  | { kind: 'failure'; code: FailureCode; reason: string; retryAfterMs?: number }
  /** Retrying cannot help until the user or the server changes something. */
  | { kind: 'fatal'; failure: FeedFailure; code: FailureCode; reason: string }

/** How an attempt that never went live ended: always with a code. */
export type FailedEnd = Extract<ConnectionEnd, { kind: 'failure' | 'fatal' }>

/** Thrown by `connect` when an attempt fails; carries how it ended. */
export class ConnectFailed extends Error {
  constructor(readonly end: FailedEnd) {
    super(end.reason)
    this.name = 'ConnectFailed'
  }
}

/** Why a transport wants its live connection replaced: it nears its lifetime, or a new snapshot is due. */
export type ReplaceKind = 'planned' | 'refresh'

export interface AttemptContext {
  /** Aborted when the engine gives up on the attempt or the connection (timeout, nudge, close). */
  signal: AbortSignal
  /** Hands an update to the engine; ignored once this attempt has been superseded. */
  deliver(update: FeedUpdate): void
  /** A server-provided reconnect base delay (SSE `retry:`). */
  setRetryBase(ms: number): void
  /**
   * Asks for a successor while this connection keeps streaming (make-before-break): the engine
   * opens one, takes its snapshot, then closes this one. Ignored unless this connection is the
   * live one; a successor already on its way answers every later ask too.
   */
  replaceSoon(kind: ReplaceKind, reason: string): void
  log: Logger
}

export interface FeedConnection {
  /** Settles once, when the connection ends on its own. Never rejects. */
  readonly ended: Promise<ConnectionEnd>
  /** Tears everything down within about 2 s, sockets included. Idempotent; never rejects. */
  close(): Promise<void>
}

export interface FeedTransport {
  readonly kind: 'sse' | 'pg'
  /**
   * Opens one connection and resolves once it is live with the open set delivered.
   * Rejects with `ConnectFailed` (or any error, taken as a failure); on abort it must
   * release its sockets before settling.
   */
  connect(attempt: AttemptContext): Promise<FeedConnection>
}
