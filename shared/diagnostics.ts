// What the diagnostics view shows: enough to tell "my network", "the server" and "the app" apart.
import type { FeedReconnectKind, FeedState } from './feed-state'

export interface FeedStateChange {
  state: FeedState['state']
  /** ISO time of the change. */
  at: string
  /** The reason or error in one line, when there is one. */
  detail: string | null
  /** A reconnect the feed did not show (it stayed `connected`): listed as what it was, not as offline. */
  reconnect?: FeedReconnectKind
}

export interface QuestionLatency {
  questionId: string
  /** When the question was created on the server (ISO). */
  createdAt: string
  /** Created → shown to the user (toast or panel), in milliseconds. */
  ms: number
}

export interface Diagnostics {
  /** Newest first, at most 50. */
  feedHistory: FeedStateChange[]
  /** Connections opened after the first one since the app started (a replaced core's included). */
  reconnects: number
  lastError: { at: string; message: string } | null
  /** When the feed last delivered anything (a snapshot on connecting, or a change to the cache), ISO. */
  lastEventAt: string | null
  /** Recent new questions, by first sighting, newest first, at most 20. */
  latencies: QuestionLatency[]
  /** Answers waiting in the offline outbox. */
  outboxLength: number
  /** The SQLite cache on disk (database plus its -wal and -shm files), in bytes. */
  cacheBytes: number
  /** Where the log file is, so a user can attach it to a bug report. */
  logFile: string | null
  appVersion: string
  /** When the signed-in session's cookies expire (ISO), as they said at sign-in; null when unknown. */
  sessionExpiresAt: string | null
}
