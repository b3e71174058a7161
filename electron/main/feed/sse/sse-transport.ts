// The Scrum4Me SSE feed: `GET /api/realtime/notifications`, framed by eventsource-parser.
// It classifies every way a stream can end so the engine can apply the reconnect policy.

import { formatDuration } from '@shared/duration'
import { checkServerUrl, resolveOnServer } from '@shared/server-url'
import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { type Clock, systemClock } from '../../common/clock'
import { describeError } from '../../common/describe-error'
import { attemptFailure, failureCodeOf } from '../failure-code'
import { parseRetryAfter, refreshDelay } from '../reconnect-policy'
import {
  type AttemptContext,
  ConnectFailed,
  type ConnectionEnd,
  type FailedEnd,
  type FeedConnection,
  type FeedTransport,
} from '../transport'
import { parseChange, parseQuestions, stateFrameSchema, warnCut } from '../wire'
import { JsonStringCutter } from './json-string-cutter'
import { RefreshLedger } from './refresh-ledger'
import { authHeaders, type SseAuth } from './sse-auth'
import { StreamLifetime } from './stream-lifetime'
import { RedirectRefused, requestStream, type StreamResponse } from './stream-request'

export interface SseTransportOptions {
  serverUrl: string
  auth: SseAuth
  streamPath?: string
  /** TCP + TLS connect, and again the wait for the response headers. */
  connectTimeoutMs?: number
  /** No byte (event or heartbeat) for this long means a dead path or a hung server. */
  idleTimeoutMs?: number
  /** How often the idle watchdog looks at the wall clock (1 s: detection within 46 s). */
  watchdogTickMs?: number
  /**
   * The server's stream lifetime until its clean closes teach otherwise (stream-lifetime.ts):
   * a successor is opened shortly before it.
   */
  plannedLifetimeMs?: number
  /** A refresh for a new question waits this·U² (reconnect-policy.ts): clients told at once spread out. */
  refreshSpreadMs?: number
  /** A refresh that did not bring the announced id is not repeated for that id within this. */
  refreshMissWindowMs?: number
  /** Bounds the parser's buffer, so the largest `state` frame we will parse (see DEFAULTS). */
  maxBufferChars?: number
  clock?: Clock
  /** U[0, 1), as Math.random; tests pass a fixed one for exact delays. */
  random?: () => number
}

/** Scrum4Me's realtime route, where the stream is unless the settings name another path. */
export const DEFAULT_STREAM_PATH = '/api/realtime/notifications'

const DEFAULTS = {
  streamPath: DEFAULT_STREAM_PATH,
  connectTimeoutMs: 10_000,
  idleTimeoutMs: 45_000,
  watchdogTickMs: 1000,
  plannedLifetimeMs: 240_000,
  // Ids arriving while a refresh waits share it. A lone question waits 700·0.5² = 175 ms at the
  // median, plus the reconnect. With 20 clients told of one question at once, their first and last
  // draws lie under 300 ms apart only if (nearly) all 20 fall below 300 ms, probability about
  // (300/700)^(20/2) ≈ 2e-4, since the earliest of 20 draws is within a few ms of 0.
  refreshSpreadMs: 700,
  refreshMissWindowMs: 30_000,
  // A full state frame of 100 questions at their field limits (wire.ts) is under 1 MB. The
  // server does not bound options, titles or names, so one hostile field can be megabytes: every
  // JSON string is cut to maxStringChars as it streams in (json-string-cutter.ts), before this
  // limit counts, so such a frame still parses and wire.ts cuts that field further. A frame still
  // larger is refused: the buffer, the parsed copy and the frame text together stay near 100 MB.
  maxBufferChars: 16 * 1024 * 1024,
  // Above every field limit in wire.ts, so the cut wire.ts makes (and reports) is the one that counts.
  maxStringChars: 16 * 1024,
}

/** Bounds the ids the refresh ledger remembers (a forged-id storm cannot grow it further). */
const REFRESH_LEDGER_IDS = 1000

export class SseTransport implements FeedTransport {
  readonly kind = 'sse' as const
  private readonly url: URL
  private readonly options: typeof DEFAULTS & { auth: SseAuth; clock: Clock; random: () => number }
  /** Outlives each stream: a refresh replaces the stream whose frame asked for it. */
  private readonly refreshes: RefreshLedger
  /** Shared by this transport's streams: what one stream's close taught, the next one uses. */
  private readonly lifetime: StreamLifetime

  constructor(options: SseTransportOptions) {
    const base = checkServerUrl(options.serverUrl)
    const settings = { ...DEFAULTS, ...stripUndefined(options) }
    // The credentials go with the request: it goes to the server's own origin or nowhere.
    this.url = resolveOnServer(settings.streamPath, base)
    this.options = {
      ...settings,
      auth: options.auth,
      clock: options.clock ?? systemClock,
      random: options.random ?? Math.random,
    }
    this.refreshes = new RefreshLedger({ windowMs: settings.refreshMissWindowMs, maxIds: REFRESH_LEDGER_IDS })
    this.lifetime = new StreamLifetime(this.options.plannedLifetimeMs, this.options.clock)
  }

  async connect(attempt: AttemptContext): Promise<FeedConnection> {
    const refreshMark = this.refreshes.mark()
    const abort = new AbortController()
    const signal = AbortSignal.any([attempt.signal, abort.signal])
    let response: StreamResponse
    try {
      // One socket per connection (requestStream's own): no pooled or half-closed socket outlives
      // the connection (at most one live socket per feed). Silence is the idle watchdog's business.
      response = await requestStream(this.url, {
        headers: {
          Accept: 'text/event-stream',
          'Cache-Control': 'no-cache',
          ...authHeaders(this.options.auth),
        },
        signal,
        timeoutMs: this.options.connectTimeoutMs,
      })
    } catch (error) {
      throw new ConnectFailed(classifyRequestError(error, signal))
    }
    const release = async () => response.release()
    const refusal = classifyResponse(response, this.options.clock.now())
    if (refusal) {
      await release()
      throw new ConnectFailed(refusal)
    }
    const stream = new SseStream(response.body, attempt, abort, release, this.lifetime, this.options, {
      ledger: this.refreshes,
      mark: refreshMark,
    })
    await stream.ready
    return stream
  }
}

type StreamOptions = typeof DEFAULTS & { clock: Clock; random: () => number }

/** One open stream: pumps bytes through the parser, watches for silence, and reports its end. */
class SseStream implements FeedConnection {
  readonly ready: Promise<void>
  readonly ended: Promise<ConnectionEnd>
  private resolveReady!: () => void
  private rejectReady!: (error: ConnectFailed) => void
  private resolveEnded!: (end: ConnectionEnd) => void
  private readonly openedAt: number
  private lastByteAt: number
  private snapshotSeen = false
  private finished = false
  private closing = false
  /** The end decided by us (watchdog, refresh, server frames) before the pump noticed. */
  private decidedEnd: ConnectionEnd | null = null
  private readonly knownOpen = new Set<string>()
  private refreshTimer: unknown = null
  /** Asks for a successor shortly before the server's lifetime runs out. */
  private lifetimeTimer: unknown = null
  private readonly watchdog: unknown
  private readonly pumpDone: Promise<void>

  constructor(
    body: ReadableStream<Uint8Array>,
    private readonly attempt: AttemptContext,
    private readonly abort: AbortController,
    private readonly release: () => Promise<void>,
    private readonly lifetime: StreamLifetime,
    private readonly options: StreamOptions,
    /** The transport's ledger, and its mark from before this stream's request. */
    private readonly refreshes: { ledger: RefreshLedger; mark: number },
  ) {
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve
      this.rejectReady = reject
    })
    this.ended = new Promise((resolve) => {
      this.resolveEnded = resolve
    })
    // connect() awaits `ready`; this keeps a rejection after close from going unhandled.
    this.ready.catch(() => {})
    this.openedAt = options.clock.now()
    this.lastByteAt = this.openedAt
    this.watchdog = options.clock.setInterval(() => this.checkIdle(), options.watchdogTickMs)
    this.pumpDone = this.pump(body)
  }

  async close(): Promise<void> {
    this.closing = true
    this.abort.abort(new Error('closed'))
    await Promise.race([this.pumpDone, delay(2000)])
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const parser = createParser({
      onEvent: (event) => this.onEvent(event),
      onRetry: (ms) => this.attempt.setRetryBase(ms),
      onError: (error) => {
        if (error.type === 'max-buffer-size-exceeded') {
          this.decide({
            kind: 'failure',
            code: { type: 'event-too-large' },
            reason: 'an event exceeded the size limit',
          })
        } else {
          this.attempt.log.debug('skipped a malformed SSE line', { reason: error.message })
        }
      },
      maxBufferSize: this.options.maxBufferChars,
    })
    const cutter = new JsonStringCutter(this.options.maxStringChars)
    const reader = body.getReader()
    const decoder = new TextDecoder()
    let end: ConnectionEnd
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        this.lastByteAt = this.options.clock.now()
        parser.feed(cutter.feed(decoder.decode(value, { stream: true })))
        const cuts = cutter.takeCutCount()
        if (cuts > 0) this.attempt.log.warn('cut over-long text in the SSE stream', { strings: cuts })
        if (this.decidedEnd) break
      }
      // A half-received event is dropped by the parser: it is never dispatched (WHATWG).
      end = this.decidedEnd ?? this.classifyEof()
    } catch (error) {
      end = this.decidedEnd ?? attemptFailure(error, this.abort.signal)
    } finally {
      this.abort.abort(new Error('stream finished'))
      await reader.cancel().catch(() => {})
      await this.release()
    }
    this.finish(end)
  }

  /** A clean end of a healthy stream is planned, whatever its age (proxies cut streams early). */
  private classifyEof(): ConnectionEnd {
    if (!this.snapshotSeen) return endedBeforeSnapshot
    this.lifetime.closedCleanly(this.options.clock.now() - this.openedAt)
    return { kind: 'planned', reason: 'planned server close' }
  }

  private onEvent(event: EventSourceMessage): void {
    switch (event.event) {
      case 'state':
        this.applyState(event.data)
        return
      case 'error':
        this.decide({
          kind: 'failure',
          code: { type: 'server-error-event' },
          reason: `the server reported an error: ${serverMessage(event.data)}`,
        })
        return
      case 'bye':
        this.decide({ kind: 'planned', reason: 'the server said goodbye' })
        return
      case undefined:
      case 'message':
        this.applyChange(event.data)
        return
      default:
        this.attempt.log.debug('ignored an unknown SSE event', { event: event.event })
    }
  }

  private applyState(data: string): void {
    let frame: { questions: unknown[] }
    try {
      frame = stateFrameSchema.parse(JSON.parse(data))
    } catch {
      // Without a trustworthy open set we cannot tell what is still open: get a new one.
      this.decide({
        kind: 'failure',
        code: { type: 'invalid-snapshot' },
        reason: 'the state snapshot was not valid',
      })
      return
    }
    const { questions, rejected, cut } = parseQuestions(frame.questions)
    for (const reason of rejected)
      this.attempt.log.warn('skipped an invalid question in the snapshot', { reason })
    for (const fields of cut) warnCut(this.attempt.log, fields)
    this.knownOpen.clear()
    for (const question of questions) this.knownOpen.add(question.id)
    this.refreshes.ledger.settle(this.knownOpen, this.options.clock.now(), this.refreshes.mark)
    this.attempt.deliver({ kind: 'snapshot', questions })
    if (!this.snapshotSeen) {
      this.snapshotSeen = true
      this.armLifetimeTimer()
      this.resolveReady()
    }
  }

  private armLifetimeTimer(): void {
    const wait = this.lifetime.replaceAtMs() - (this.options.clock.now() - this.openedAt)
    this.lifetimeTimer = this.options.clock.setTimeout(
      () => {
        this.lifetime.replacedEarly()
        this.attempt.replaceSoon('planned', 'the stream nears the server’s lifetime')
      },
      Math.max(0, wait),
    )
  }

  private applyChange(data: string): void {
    // The snapshot is read after the server started listening, so earlier frames are already in it.
    if (!this.snapshotSeen) return
    const parsed = parseChange(data)
    if (parsed.kind === 'foreign') return
    if (parsed.kind === 'invalid') {
      this.attempt.log.warn('skipped an invalid change event', { reason: parsed.reason })
      return
    }
    const { id, status } = parsed.change
    if (status === undefined || status === 'open') {
      // Frames carry no question text: a new id needs a fresh snapshot.
      if (this.knownOpen.has(id)) return
      if (this.refreshes.ledger.announce(id, this.options.clock.now())) this.requestRefresh()
      else this.attempt.log.debug('no new refresh: the last one came back without this question', { id })
      return
    }
    this.knownOpen.delete(id)
    this.attempt.deliver({ kind: 'left', id, status })
  }

  private requestRefresh(): void {
    if (this.refreshTimer !== null) return
    const { clock, random, refreshSpreadMs } = this.options
    const wait = Math.max(refreshDelay(refreshSpreadMs, random), this.refreshes.ledger.holdOffMs(clock.now()))
    this.refreshTimer = clock.setTimeout(
      () => this.decide({ kind: 'refresh', reason: 'a new question was asked' }),
      wait,
    )
  }

  private checkIdle(): void {
    const silentFor = this.options.clock.now() - this.lastByteAt
    if (silentFor >= this.options.idleTimeoutMs) {
      this.decide({
        kind: 'failure',
        code: { type: 'idle' },
        reason: `no data for ${formatDuration(silentFor)} (idle watchdog)`,
      })
    }
  }

  /** Ends the stream for a reason we know better than the socket does. */
  private decide(end: ConnectionEnd): void {
    if (this.decidedEnd || this.finished) return
    if (end.kind === 'refresh') {
      // Make-before-break: this stream keeps listening until a successor has the new snapshot.
      this.refreshTimer = null
      this.attempt.replaceSoon('refresh', end.reason)
      return
    }
    this.decidedEnd = end
    this.abort.abort(new Error(end.reason))
  }

  private finish(end: ConnectionEnd): void {
    if (this.finished) return
    this.finished = true
    this.options.clock.clearInterval(this.watchdog)
    if (this.refreshTimer !== null) this.options.clock.clearTimeout(this.refreshTimer)
    this.options.clock.clearTimeout(this.lifetimeTimer)
    if (!this.snapshotSeen) {
      // Ending on purpose before the snapshot is no way to open: the attempt failed.
      const failure = end.kind === 'failure' || end.kind === 'fatal' ? end : endedBeforeSnapshot
      this.rejectReady(new ConnectFailed(failure))
    }
    if (!this.closing) this.resolveEnded(end)
  }
}

const endedBeforeSnapshot: FailedEnd = {
  kind: 'failure',
  code: { type: 'ended-before-snapshot' },
  reason: 'the stream ended before the state snapshot',
}

function classifyResponse(
  response: Pick<StreamResponse, 'status' | 'headers'>,
  now: number,
): FailedEnd | null {
  const { status } = response
  const code = { type: 'http', status } as const
  if (status === 200) {
    const type = response.headers.get('content-type') ?? ''
    if (type.toLowerCase().startsWith('text/event-stream')) return null
    // A captive portal or a proxy page: a network problem, not a permanent one.
    return {
      kind: 'failure',
      code: { type: 'not-event-stream' },
      reason: `unexpected content type "${type || 'none'}" (captive portal?)`,
    }
  }
  if (status === 204)
    return { kind: 'fatal', failure: 'disabled', code, reason: 'the server asked us to stop (HTTP 204)' }
  if (status === 401 || status === 403) {
    return {
      kind: 'fatal',
      failure: 'auth',
      code,
      reason: `signed out: the server refused the credentials (HTTP ${status})`,
    }
  }
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now)
    return {
      kind: 'failure',
      code,
      reason: `the server answered HTTP ${status}`,
      ...(retryAfterMs && { retryAfterMs }),
    }
  }
  return {
    kind: 'fatal',
    failure: 'config',
    code,
    reason: `the stream URL is wrong or gone (HTTP ${status})`,
  }
}

function classifyRequestError(error: unknown, signal: AbortSignal): FailedEnd {
  if (signal.aborted) return attemptFailure(error, signal)
  if (error instanceof RedirectRefused) {
    return {
      kind: 'fatal',
      failure: 'config',
      code: { type: 'redirect' },
      reason: 'the server redirected the stream; not following it',
    }
  }
  const code = failureCodeOf(error)
  if (code.type === 'tls') {
    return {
      kind: 'fatal',
      failure: 'tls',
      code,
      reason: `the server's certificate was refused (${code.system})`,
    }
  }
  return { kind: 'failure', code, reason: describeError(error) }
}

function serverMessage(data: string): string {
  try {
    const message = (JSON.parse(data) as { message?: unknown }).message
    if (typeof message === 'string') return message.slice(0, 200)
  } catch {
    // Not JSON: show the raw text, shortened.
  }
  return data.slice(0, 200)
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
