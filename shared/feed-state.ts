import type { FailureCode } from './failure-code'

/**
 * Why a feed stopped trying on its own: each needs the user or the server to change something.
 * `not-configured`: there is no connection to try yet (first run, or unreadable settings).
 */
export type FeedFailure = 'auth' | 'config' | 'tls' | 'disabled' | 'not-configured'

export type FeedStateName =
  | 'idle'
  | 'connecting'
  | 'connected'
  | 'disconnected'
  | 'suspended'
  | 'failed'
  | 'closed'

/** The connection state a feed reports; the tray, the panel and the CLI all show this. */
export interface FeedState {
  state: FeedStateName
  /** Human-readable cause of the transition ("ECONNREFUSED", "planned close"). */
  reason?: string
  /** Milliseconds until the next attempt, while disconnected or suspended. */
  retryInMs?: number
  failure?: FeedFailure
  /** How the connection failed, when it did (disconnected, suspended or failed after a failure). */
  code?: FailureCode
  /**
   * A disconnect that is part of normal life: the server's planned close, a refresh for a new
   * question, offline, sleep, a nudge. Nothing failed, so there is no `code`.
   */
  expected?: true
  /** Wall-clock time (ms since epoch) the state was entered. */
  since: number
}

/** Why a live connection was replaced; none of these is a failure. */
export type FeedReconnectKind = 'planned' | 'refresh' | 'nudge'

/**
 * A reconnect the person was not shown: the feed stayed `connected` throughout, because the next
 * connection was up before the old one was dropped, or within the grace period after.
 */
export interface FeedReconnect {
  kind: FeedReconnectKind
  reason: string
  /** How long no connection was live: 0 when the new one was up before the old one was dropped. */
  gapMs: number
  /** Wall-clock time (ms since epoch) the new connection went live. */
  at: number
}
