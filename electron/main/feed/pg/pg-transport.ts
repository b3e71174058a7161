// The direct PostgreSQL feed: one dedicated pg.Client per connection that LISTENs on
// `scrum4me_changes`, reads the open set, then re-reads the rows each notification names.
// Every way a connection can end is reported once, and no socket or backend outlives it.

import type { FailureCode, PgStep } from '@shared/failure-code'
import type pg from 'pg'
import { z } from 'zod/mini'
import { type Clock, systemClock } from '../../common/clock'
import { describeError } from '../../common/describe-error'
import { attemptFailure } from '../failure-code'
import {
  type AttemptContext,
  ConnectFailed,
  type ConnectionEnd,
  type FailedEnd,
  type FeedConnection,
  type FeedTransport,
} from '../transport'
import { parseChange, parseQuestion, parseQuestions, warnCut } from '../wire'
import { closePgClient } from './close-pg-client'
import { checkConnectionString } from './connection-string'
import { OPEN_QUESTIONS_LIMIT, OPEN_QUESTIONS_SQL, QUESTIONS_BY_ID_SQL } from './open-questions-sql'
import { type PgSessionSettings, pgClientConfig } from './pg-client-config'
import { pgFailureCode } from './pg-failure-code'
import { pgModule } from './pg-module'
import { untilAborted } from './until-aborted'

export type SessionOptions = Record<string, string | number>

export interface PgTransportOptions {
  /** A postgres:// URL of a direct (not pooled) connection: LISTEN needs its own session. */
  connectionString: string
  /** The Scrum4Me user whose questions we show; the access rule is evaluated for them. */
  userId: string
  /** Shown in `pg_stat_activity`, so a DBA (and the leak tests) can count our sessions. */
  applicationName?: string
  heartbeatMs?: number
  /** How long the server may take to answer any query on the connection, the heartbeat included. */
  heartbeatTimeoutMs?: number
  /** TCP + TLS + startup; pg's default of 0 waits forever on a frozen server (docs/reliability.md, E9). */
  connectTimeoutMs?: number
  /** Settings for our session (`-c name=value`), merged over the defaults. */
  sessionOptions?: SessionOptions
  /** Invalid notifications re-read the open set at most once per this interval. */
  invalidSnapshotIntervalMs?: number
  /**
   * Ids the cache holds open from an earlier run, read at the first connect: the first snapshot
   * then reads how those left while the app was closed, like any other departure.
   */
  earlierOpenIds?: () => readonly string[]
  clock?: Clock
}

const CHANNEL = 'scrum4me_changes'
const LISTEN_SQL = `LISTEN ${CHANNEL}`
// Also catches a LISTEN registration the server lost without closing the session (pg-boss#851).
const HEARTBEAT_SQL = 'SELECT $1::text IN (SELECT pg_listening_channels()) AS listening'

/**
 * docs/reliability.md, PostgreSQL session: the server reaps an orphaned backend in about a minute
 * instead of about 2 h 11 min (E4b–E4d), and no statement can hold the connection for long.
 */
const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  tcp_keepalives_idle: 30,
  tcp_keepalives_interval: 10,
  tcp_keepalives_count: 3,
  tcp_user_timeout: 60_000,
  statement_timeout: 15_000,
}

const DEFAULTS = {
  applicationName: 'scrum4me-notifier',
  heartbeatMs: 25_000,
  heartbeatTimeoutMs: 10_000,
  connectTimeoutMs: 10_000,
  // Anyone who may NOTIFY can send garbage; each burst of it costs at most one read per interval.
  invalidSnapshotIntervalMs: 5000,
}

/** How long a live session gets to end politely before its socket is destroyed. */
const CLOSE_TIMEOUT_MS = 2000

/** TCP keepalive probes start after this much silence; with the heartbeat, black holes show in ~20 s. */
const KEEPALIVE_DELAY_MS = 10_000

interface ListenerSettings {
  userId: string
  heartbeatMs: number
  invalidSnapshotIntervalMs: number
  clock: Clock
}

export class PgTransport implements FeedTransport {
  readonly kind = 'pg' as const
  private readonly connectionString: string
  private readonly session: PgSessionSettings
  private readonly settings: ListenerSettings
  /**
   * Ids reported open, by this connection or an earlier one: a reconnect's snapshot can then tell
   * which questions left while no one listened, and read how they left.
   */
  private readonly knownOpen = new Set<string>()
  private earlierOpenIds: (() => readonly string[]) | null

  constructor(options: PgTransportOptions) {
    if (options.userId.trim() === '') throw new Error('the PostgreSQL feed needs a Scrum4Me user id')
    const url = checkConnectionString(options.connectionString)
    const timeouts = {
      heartbeatMs: options.heartbeatMs ?? DEFAULTS.heartbeatMs,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? DEFAULTS.heartbeatTimeoutMs,
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs,
    }
    const sessionOptions = formatSessionOptions({ ...DEFAULT_SESSION_OPTIONS, ...options.sessionOptions })
    const theirOptions = url.searchParams.get('options')
    // Later `-c` settings win, so the session options the feed depends on come last.
    url.searchParams.set('options', theirOptions ? `${theirOptions} ${sessionOptions}` : sessionOptions)
    this.connectionString = url.href
    this.session = {
      applicationName: options.applicationName ?? DEFAULTS.applicationName,
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS,
      connectionTimeoutMillis: timeouts.connectTimeoutMs,
      query_timeout: timeouts.heartbeatTimeoutMs,
    }
    this.settings = {
      userId: options.userId,
      heartbeatMs: timeouts.heartbeatMs,
      invalidSnapshotIntervalMs: options.invalidSnapshotIntervalMs ?? DEFAULTS.invalidSnapshotIntervalMs,
      clock: options.clock ?? systemClock,
    }
    this.earlierOpenIds = options.earlierOpenIds ?? null
  }

  async connect(attempt: AttemptContext): Promise<FeedConnection> {
    for (const id of this.earlierOpenIds?.() ?? []) this.knownOpen.add(id)
    this.earlierOpenIds = null
    const { Client } = await pgModule.load()
    let client: pg.Client
    try {
      client = new Client(pgClientConfig(this.connectionString, this.session))
    } catch (error) {
      // The sslrootcert/sslcert/sslkey files are read here.
      throw new ConnectFailed({
        kind: 'fatal',
        failure: 'config',
        code: { type: 'settings' },
        reason: `the database settings cannot be used: ${describeError(error)}`,
      })
    }
    return new PgListener(client, attempt, this.settings, this.knownOpen).open()
  }
}

/** The status columns QUESTIONS_BY_ID_SQL adds to a question row. */
const rowStateSchema = z.object({ status: z.string(), expired: z.boolean() })

/** One LISTEN session: heartbeat, notification handling and a bounded, single close. */
class PgListener implements FeedConnection {
  readonly ended: Promise<ConnectionEnd>
  private resolveEnded!: (end: ConnectionEnd) => void
  /** The statement the attempt waits for, so a refusal can say which one refused. */
  private step: PgStep = 'connect'
  private live = false
  /** Set by the first end, ours or the server's; everything after it is ignored. */
  private finished = false
  private closing: Promise<void> | null = null
  private heartbeat: unknown = null
  private beating = false
  private reading = false
  private needSnapshot = false
  /** When an invalid notification last asked for a snapshot, and the timer of the next one. */
  private invalidSnapshotAt = Number.NEGATIVE_INFINITY
  private invalidSnapshotTimer: unknown = null
  /** Question ids named by notifications since the last read: a burst becomes one query. */
  private readonly pendingIds = new Set<string>()

  constructor(
    private readonly client: pg.Client,
    private readonly attempt: AttemptContext,
    private readonly settings: ListenerSettings,
    /** Ids reported open (shared by the transport's connections); only their disappearance is news. */
    private readonly knownOpen: Set<string>,
  ) {
    this.ended = new Promise((resolve) => {
      this.resolveEnded = resolve
    })
    // A termination emits `error` twice and then `end` (docs/reliability.md, E5); the first one decides.
    // The handlers stay attached for good: an `error` without a listener would crash the process.
    client.on('error', (error) => this.lost(pgFailureCode(error, 'query'), describeError(error)))
    client.on('end', () => this.lost({ type: 'closed' }, 'the server closed the connection'))
    client.on('notification', (message) => this.onNotification(message))
  }

  async open(): Promise<FeedConnection> {
    const { signal } = this.attempt
    try {
      signal.throwIfAborted()
      await untilAborted(this.establish(), signal)
    } catch (error) {
      await this.close()
      throw new ConnectFailed(classifyConnectError(error, signal, this.step))
    }
    this.live = true
    this.heartbeat = this.settings.clock.setInterval(() => this.beat(), this.settings.heartbeatMs)
    this.readPending()
    return this
  }

  /** LISTEN first, then read: a change committed in between is in the snapshot or notified. */
  private async establish(): Promise<void> {
    await this.client.connect()
    this.step = 'listen'
    await this.client.query(LISTEN_SQL)
    this.step = 'query'
    await this.readSnapshot()
  }

  close(): Promise<void> {
    this.finished = true
    return this.release()
  }

  private release(): Promise<void> {
    this.settings.clock.clearInterval(this.heartbeat)
    this.settings.clock.clearTimeout(this.invalidSnapshotTimer)
    // Before the startup finished there is no session to say goodbye to, and a frozen server would
    // keep the attempt (and the engine's `connecting`) 2 s past its connect timeout.
    this.closing ??= closePgClient(this.client, this.step === 'connect' ? 0 : CLOSE_TIMEOUT_MS)
    return this.closing
  }

  /** The connection died under us (error, end, heartbeat): report it once and free the socket. */
  private lost(code: FailureCode, reason: string): void {
    // While opening, the pending query rejects and `open` reports the failure itself.
    if (!this.live || this.finished) return
    this.finished = true
    this.resolveEnded({ kind: 'failure', code, reason })
    void this.release()
  }

  private beat(): void {
    // One query at a time on this connection (pg 9 refuses overlapping ones); a read in flight is
    // proof of life enough, under the same query timeout.
    if (this.beating || this.reading || this.finished) return
    this.beating = true
    this.client.query<{ listening: boolean }>(HEARTBEAT_SQL, [CHANNEL]).then(
      (result) => {
        this.beating = false
        if (result.rows[0]?.listening !== true)
          this.lost({ type: 'listen-lost' }, 'the server no longer has our LISTEN')
        else this.readPending()
      },
      (error: unknown) =>
        this.lost(pgFailureCode(error, 'query'), `the heartbeat failed: ${describeError(error)}`),
    )
  }

  private onNotification(message: pg.Notification): void {
    if (this.finished || message.channel !== CHANNEL) return
    const payload = message.payload ?? ''
    const parsed = parseChange(payload)
    switch (parsed.kind) {
      case 'foreign':
        this.attempt.log.debug('ignored a notification about something else')
        return
      case 'invalid':
        this.onInvalidNotification(parsed.reason, Buffer.byteLength(payload))
        return
      case 'question':
        // A wake-up, not the truth: any role that may NOTIFY can send a status, so the row decides.
        this.pendingIds.add(parsed.change.id)
        this.readPending()
        return
    }
  }

  /** Something changed and we cannot tell what: read the whole open set again, at a bounded rate. */
  private onInvalidNotification(reason: string, bytes: number): void {
    const fields = { reason, bytes }
    if (this.invalidSnapshotTimer !== null) {
      this.attempt.log.debug('invalid change notification; a re-read is already due', fields)
      return
    }
    this.attempt.log.warn('invalid change notification; re-reading the open questions', fields)
    const { clock, invalidSnapshotIntervalMs } = this.settings
    const wait = this.invalidSnapshotAt + invalidSnapshotIntervalMs - clock.now()
    if (wait <= 0) this.snapshotForInvalid()
    else
      this.invalidSnapshotTimer = clock.setTimeout(() => {
        this.invalidSnapshotTimer = null
        this.snapshotForInvalid()
      }, wait)
  }

  private snapshotForInvalid(): void {
    this.invalidSnapshotAt = this.settings.clock.now()
    this.needSnapshot = true
    this.readPending()
  }

  /** One read at a time; whatever arrives meanwhile is read together afterwards. */
  private readPending(): void {
    // A heartbeat in flight calls back here when it is done.
    if (!this.live || this.finished || this.reading || this.beating) return
    let read: Promise<void>
    if (this.needSnapshot) read = this.readSnapshot()
    else if (this.pendingIds.size > 0) read = this.readRows()
    else return
    this.reading = true
    read.then(
      () => {
        this.reading = false
        this.readPending()
      },
      (error: unknown) =>
        this.lost(pgFailureCode(error, 'query'), `reading the questions failed: ${describeError(error)}`),
    )
  }

  private async readSnapshot(): Promise<void> {
    // Changes notified so far were committed before this query starts, so it sees them.
    this.needSnapshot = false
    this.pendingIds.clear()
    const result = await this.client.query(OPEN_QUESTIONS_SQL, [this.settings.userId])
    if (this.finished) return
    const { questions, rejected, cut } = parseQuestions(result.rows)
    for (const reason of rejected) this.attempt.log.warn('skipped an invalid question row', { reason })
    for (const fields of cut) warnCut(this.attempt.log, fields)
    const open = new Set(questions.map((question) => question.id))
    // Before the snapshot: the store would call every question missing from it `closed`.
    await this.readDeparted([...this.knownOpen].filter((id) => !open.has(id)))
    if (this.finished) return
    this.knownOpen.clear()
    for (const id of open) this.knownOpen.add(id)
    this.attempt.deliver({ kind: 'snapshot', questions })
  }

  /** Questions that left the open set unseen (answered while we were away): their rows say how. */
  private async readDeparted(departed: string[]): Promise<void> {
    if (departed.length === 0) return
    // One read, bounded like the open set; any beyond it the store still closes from the snapshot.
    const rows = await this.readByIds(departed.slice(0, OPEN_QUESTIONS_LIMIT))
    if (this.finished) return
    for (const [id, row] of rows) this.applyRow(id, row)
  }

  /**
   * A chunk at a time: a burst of notifications (well-formed, with made-up ids: anyone who may
   * NOTIFY can send them) costs reads by id, never a re-read of the whole open set.
   */
  private async readRows(): Promise<void> {
    const ids = [...this.pendingIds].slice(0, OPEN_QUESTIONS_LIMIT)
    for (const id of ids) this.pendingIds.delete(id)
    const rows = await this.readByIds(ids)
    if (this.finished) return
    for (const [id, row] of rows) this.applyRow(id, row)
  }

  /** Each id with its row, or undefined when it is gone or not the user's to see. */
  private async readByIds(ids: string[]): Promise<Map<string, unknown>> {
    // Named, so the session parses and plans it once: every notification runs it (NOTIFY → update).
    const result = await this.client.query<{ id: unknown }>({
      name: 'scrum4me-questions-by-id',
      text: QUESTIONS_BY_ID_SQL,
      values: [this.settings.userId, ids],
    })
    const rows = new Map(result.rows.map((row) => [String(row.id), row]))
    return new Map(ids.map((id) => [id, rows.get(id)]))
  }

  private applyRow(id: string, row: unknown): void {
    if (row === undefined) {
      // Deleted, or no longer ours to see (archived, membership gone); other users' rows are no news.
      if (this.knownOpen.has(id)) this.leave(id, 'closed')
      return
    }
    const state = rowStateSchema.safeParse(row)
    const parsed = parseQuestion(row)
    if (!state.success || !parsed.ok) {
      this.attempt.log.warn('skipped an invalid question row', { id })
      return
    }
    if (state.data.status !== 'open') this.leave(id, state.data.status)
    else if (state.data.expired) this.leave(id, 'expired')
    else {
      if (parsed.cut.length > 0) warnCut(this.attempt.log, { id, fields: parsed.cut })
      this.knownOpen.add(id)
      this.attempt.deliver({ kind: 'opened', question: parsed.question })
    }
  }

  private leave(id: string, status: string): void {
    this.knownOpen.delete(id)
    this.attempt.deliver({ kind: 'left', id, status })
  }
}

/** Retrying cannot fix these; the user or the DBA must change something. */
const AUTH_SQLSTATES = new Set(['28P01', '28000'])
/** 3D000: no such database; 42P01/42703: not a Scrum4Me schema; 42501: the role may not read it. */
const CONFIG_SQLSTATES = new Set(['3D000', '42P01', '42703', '42501'])

function classifyConnectError(error: unknown, signal: AbortSignal, step: PgStep): FailedEnd {
  if (signal.aborted) return attemptFailure(error, signal)
  const detail = describeError(error)
  const code = pgFailureCode(error, step)
  if (code.type === 'sqlstate' && AUTH_SQLSTATES.has(code.sqlstate))
    return { kind: 'fatal', failure: 'auth', code, reason: `the database refused the login: ${detail}` }
  if (code.type === 'sqlstate' && CONFIG_SQLSTATES.has(code.sqlstate))
    return { kind: 'fatal', failure: 'config', code, reason: `the database is not usable: ${detail}` }
  if (code.type === 'tls') {
    const reason = code.system
      ? `the database's certificate was refused: ${detail}`
      : `no TLS connection to the database: ${detail}`
    return { kind: 'fatal', failure: 'tls', code, reason }
  }
  // Refused, reset, timed out, 53300 too many connections, 57P03 starting up: worth retrying.
  return { kind: 'failure', code, reason: detail }
}

/** `-c name=value` pairs for the startup `options`; names and values cannot smuggle in more. */
function formatSessionOptions(options: SessionOptions): string {
  return Object.entries(options)
    .map(([name, value]) => {
      if (!/^[a-z_][a-z0-9_.]*$/i.test(name) || !/^[\w.:-]+$/.test(String(value))) {
        throw new Error(`invalid session option ${name}=${String(value)}`)
      }
      return `-c ${name}=${value}`
    })
    .join(' ')
}
