// Remembers what the diagnostics view shows: how the feed has been doing, how quickly questions
// reached the user, and what is waiting on disk. One recorder lives as long as the app; when
// the settings change and the core is replaced, `attach` moves it to the new core and the
// history (and the reconnect count) carries on.
import { statSync } from 'node:fs'
import type { Diagnostics, FeedStateChange, QuestionLatency } from '@shared/diagnostics'
import type { FeedReconnect, FeedState } from '@shared/feed-state'
import type { NotifierCore } from '../core/notifier-core'
import { cacheFileIn, withSiblings } from '../store/cache-files'

const HISTORY_LIMIT = 50
const LATENCY_LIMIT = 20
/** New questions not yet shown; more than this means nobody is looking, and the oldest go. */
const UNSHOWN_LIMIT = 200

type RecordedCore = Pick<
  NotifierCore,
  'feedState' | 'onState' | 'onReconnect' | 'onQuestions' | 'outboxLength'
>

export interface DiagnosticsRecorderOptions {
  /** Where the core keeps its SQLite cache (the app's userData). */
  dataDir: string
  logFile: string | null
  appVersion: string
}

export class DiagnosticsRecorder {
  private core: RecordedCore | null = null
  private detachCore: (() => void) | null = null
  private history: FeedStateChange[] = []
  private connections = 0
  private lastError: Diagnostics['lastError'] = null
  private lastEventAt: number | null = null
  /** News (id → createdAt) waiting for `shown`: only questions that arrived as new get a latency. */
  private readonly unshown = new Map<string, string>()
  private latencies: QuestionLatency[] = []
  /** Read as the core closes: its database is gone afterwards, the answers stay on disk. */
  private outboxAtClose: number | null = null

  constructor(private readonly options: DiagnosticsRecorderOptions) {}

  /** Follows this core (and stops following the previous one). Returns the detach. */
  attach(core: RecordedCore): () => void {
    this.detachCore?.()
    this.core = core
    this.outboxAtClose = null
    // Attached after `start()`, the current state would otherwise be missing from the history.
    if (core.feedState.state !== 'idle') this.recordState(core.feedState)
    const stops = [
      core.onState((state) => this.recordState(state)),
      core.onReconnect((reconnect) => this.recordReconnect(reconnect)),
      core.onQuestions((events) => {
        this.lastEventAt = Date.now()
        for (const event of events) {
          if (event.type === 'question') this.remember(event.question.id, event.question.createdAt)
          else if (event.type === 'closed') this.unshown.delete(event.id)
        }
      }),
    ]
    const detach = () => {
      if (this.core !== core) return
      for (const stop of stops) stop()
      this.core = null
      this.detachCore = null
    }
    this.detachCore = detach
    return detach
  }

  /** The user saw these questions (a toast or the panel). The first sighting of a new one counts. */
  shown(questionIds: readonly string[], at: number = Date.now()): void {
    for (const questionId of questionIds) {
      const createdAt = this.unshown.get(questionId)
      if (createdAt === undefined) continue
      this.unshown.delete(questionId)
      // Server clock against ours: a skewed clock shows up here as a negative or inflated figure.
      const ms = Math.round(at - Date.parse(createdAt))
      this.latencies = [{ questionId, createdAt, ms }, ...this.latencies].slice(0, LATENCY_LIMIT)
    }
  }

  /** `sessionExpiresAt` is the saved connection's, which the settings own. */
  snapshot(sessionExpiresAt: string | null = null): Diagnostics {
    return {
      feedHistory: [...this.history],
      reconnects: Math.max(0, this.connections - 1),
      lastError: this.lastError,
      lastEventAt: this.lastEventAt === null ? null : new Date(this.lastEventAt).toISOString(),
      latencies: [...this.latencies],
      outboxLength: this.outboxAtClose ?? this.core?.outboxLength() ?? 0,
      cacheBytes: cacheBytes(this.options.dataDir),
      logFile: this.options.logFile,
      appVersion: this.options.appVersion,
      sessionExpiresAt,
    }
  }

  private recordState(state: FeedState): void {
    const at = new Date(state.since).toISOString()
    const detail = state.reason ? (state.failure ? `${state.failure}: ${state.reason}` : state.reason) : null
    this.history = [{ state: state.state, at, detail }, ...this.history].slice(0, HISTORY_LIMIT)
    // The core reports `closed` before it closes its database, so this read still works.
    if (state.state === 'closed') this.outboxAtClose = this.core?.outboxLength() ?? null
    if (state.state === 'connected') {
      this.connections++
      // The open set arrives before a feed reports connected: that is a delivery too.
      this.lastEventAt = state.since
    }
    // Only a failure carries a code: a planned close, offline, sleep or a nudge is no error.
    if (detail && state.code) this.lastError = { at, message: detail }
  }

  /** A new connection the person was not shown: listed as a planned reconnect or a refresh, no error. */
  private recordReconnect(reconnect: FeedReconnect): void {
    const at = new Date(reconnect.at).toISOString()
    const change: FeedStateChange = {
      state: 'connected',
      at,
      detail: reconnect.reason,
      reconnect: reconnect.kind,
    }
    this.history = [change, ...this.history].slice(0, HISTORY_LIMIT)
    this.connections++
    this.lastEventAt = reconnect.at
  }

  private remember(questionId: string, createdAt: string): void {
    this.unshown.set(questionId, createdAt)
    if (this.unshown.size <= UNSHOWN_LIMIT) return
    const oldest = this.unshown.keys().next().value
    if (oldest !== undefined) this.unshown.delete(oldest)
  }
}

/** The database with its WAL and shared-memory files; a file not there (yet) counts as 0. */
function cacheBytes(dataDir: string): number {
  return withSiblings(cacheFileIn(dataDir)).reduce((total, path) => {
    try {
      return total + statSync(path).size
    } catch {
      return total
    }
  }, 0)
}
