// The notifier without a face: feed, cache and outbox wired together. The CLI prints what it
// hears; the desktop app turns it into a tray, toasts and a panel.
import { type AnswerInput, type Answering, type AnswerOutcome, answerText } from '@shared/answer'
import type { FeedReconnect, FeedState } from '@shared/feed-state'
import type { Question } from '@shared/question'
import type Database from 'better-sqlite3'
import { AnswerDispatcher, type AnswerSettled } from '../answers/answer-dispatcher'
import { AnswerOutbox } from '../answers/answer-outbox'
import { checkAnswer } from '../answers/answer-rules'
import type { AnswerSender } from '../answers/answer-sender'
import { AnsweringWatch } from '../answers/answering-watch'
import { HttpAnswerSender } from '../answers/http-answer-sender'
import { PgAnswerSender } from '../answers/pg-answer-sender'
import { describeError } from '../common/describe-error'
import { Listeners } from '../common/listeners'
import { createFeed } from '../feed/create-feed'
import type { FeedConfig, FeedTiming } from '../feed/feed-config'
import type { FeedEngine, NudgeReason } from '../feed/feed-engine'
import type { Logger } from '../log/logger'
import { checkCache } from '../store/cache-check'
import { cacheFileIn } from '../store/cache-files'
import { isUnusableFile, openDatabase } from '../store/database'
import { type QuestionEvent, QuestionStore } from '../store/question-store'
import { UpdateBatcher } from './update-batcher'

const EXPIRY_SWEEP_MS = 15_000
/** A tray app runs for weeks: closed questions past retention go every hour, not only at start. */
const PRUNE_EVERY_MS = 3_600_000
const DAY_MS = 86_400_000

export interface NotifierCoreOptions {
  feed: FeedConfig
  dataDir: string
  /** Shown in `pg_stat_activity` (pg mode). */
  applicationName: string
  log: Logger
  timing?: FeedTiming
  /** SSE mode: where answers go; `{id}` is the question id. */
  answerPath?: string
  retentionDays?: number
  /** How long `answer()` waits for the server before reporting "queued". */
  answerWaitMs?: number
}

export class NotifierCore {
  readonly store: QuestionStore
  private readonly engine: FeedEngine
  private readonly outbox: AnswerOutbox
  private readonly dispatcher: AnswerDispatcher
  /** SSE mode only: pg answers go through the rules in the database, always available. */
  private readonly answeringWatch: AnsweringWatch | null
  private readonly questionListeners = new Listeners<QuestionEvent[]>()
  private readonly log: Logger
  private readonly cacheFile: string
  private db: Database.Database
  private cacheChecked = false
  private checkTimer: NodeJS.Immediate | null = null
  private sweepTimer: NodeJS.Timeout | null = null
  private pruneTimer: NodeJS.Timeout | null = null
  private retentionDays: number
  private readonly updates = new UpdateBatcher((updates) => this.publish(this.store.applyBatch(updates)))

  constructor(private readonly options: NotifierCoreOptions) {
    this.log = options.log
    this.retentionDays = options.retentionDays ?? 30
    this.cacheFile = cacheFileIn(options.dataDir)
    const db = openDatabase(this.cacheFile, { log: options.log })
    this.db = db
    this.store = new QuestionStore(db, { log: options.log })
    this.outbox = new AnswerOutbox(db)
    const sender = createAnswerSender(options)
    this.answeringWatch =
      sender instanceof HttpAnswerSender ? new AnsweringWatch(sender, options.log.child('answers')) : null
    this.dispatcher = new AnswerDispatcher({
      outbox: this.outbox,
      sender,
      log: options.log.child('answers'),
      policy: options.timing?.policy,
      submitWaitMs: options.answerWaitMs,
      // A new stream meets the same 401, and the app shows "signed out" at once.
      onSignedOut: () => this.engine.nudge('user'),
    })
    this.engine = createFeed(options.feed, {
      applicationName: options.applicationName,
      timing: options.timing,
      log: options.log,
      earlierOpenIds: () => this.cachedOpenIds(),
    })
    this.engine.onUpdate((update) => this.updates.push(update))
    this.engine.onState((state) => {
      // Registered first, so every other state listener already sees the snapshot that came with it.
      this.updates.flushNow()
      this.dispatcher.setConnected(state.state === 'connected')
      this.answeringWatch?.feedChanged(state)
    })
    this.dispatcher.onSettled((settled) => {
      this.recordSent(settled)
      this.answeringWatch?.answerSettled(settled.result)
    })
  }

  /** Whether the server takes answers from the notifier (the panel shows "Answer in Scrum4Me"). */
  get answering(): Answering {
    return this.answeringWatch?.answering ?? 'available'
  }

  onAnswering(listener: (answering: Answering) => void): () => void {
    return this.answeringWatch?.onChange(listener) ?? (() => {})
  }

  get feedState(): FeedState {
    return this.engine.state
  }

  onState(listener: (state: FeedState) => void): () => void {
    return this.engine.onState(listener)
  }

  /** Planned reconnects, refreshes and nudges that stayed `connected` (see FeedEngine.onReconnect). */
  onReconnect(listener: (reconnect: FeedReconnect) => void): () => void {
    return this.engine.onReconnect(listener)
  }

  /** Questions that became open (news: at most once each, across restarts) or left the open set. */
  onQuestions(listener: (events: QuestionEvent[]) => void): () => void {
    return this.questionListeners.add(listener)
  }

  onAnswersSettled(listener: (settled: AnswerSettled) => void): () => void {
    return this.dispatcher.onSettled(listener)
  }

  /** Answers still waiting to be sent (the diagnostics view). */
  outboxLength(): number {
    return this.outbox.pending().length
  }

  /** How long answered and closed questions stay in the cache; applies at once. */
  setRetentionDays(days: number): void {
    this.retentionDays = days
    this.prune()
  }

  /**
   * Starts the feed at once; the cache's integrity check waits one turn, so that whoever lists
   * right after start (tray, panel) is not kept waiting. The cache's own writes follow the check.
   */
  start(): void {
    this.checkTimer = setImmediate(() => {
      this.checkTimer = null
      this.ensureCacheChecked()
      this.prune()
      this.publish(this.store.expire())
    })
    this.sweepTimer = setInterval(() => this.publish(this.store.expire()), EXPIRY_SWEEP_MS)
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS)
    this.engine.start()
  }

  listOpen(): Question[] {
    this.updates.flushNow()
    try {
      return this.store.listOpen()
    } catch (error) {
      // A damaged file can fail the first read before its check has run: check (rebuild) now.
      if (this.cacheChecked || !isUnusableFile(error)) throw error
      this.ensureCacheChecked()
      return this.store.listOpen()
    }
  }

  /** Checks the answer against the cached question, queues it durably and sends it when online. */
  async answer(questionId: string, answer: AnswerInput): Promise<AnswerOutcome> {
    this.updates.flushNow()
    const record = this.store.get(questionId)
    if (!record) return { kind: 'refused', reason: 'not-open', message: 'This question is not known here.' }
    if (record.status !== 'open' || Date.parse(record.question.expiresAt) <= Date.now()) {
      const status = record.status === 'open' ? 'expired' : record.status
      return { kind: 'refused', reason: 'not-open', message: `The question is ${status}.` }
    }
    const refusal = checkAnswer(record.question.options, answer)
    if (refusal) return refusal
    if (this.outbox.pendingFor(questionId)) {
      return {
        kind: 'refused',
        reason: 'not-open',
        message: 'An answer to this question is already on its way.',
      }
    }
    return this.dispatcher.submit(questionId, answer)
  }

  nudge(reason: NudgeReason): void {
    this.engine.nudge(reason)
  }

  setOnline(online: boolean): void {
    this.engine.setOnline(online)
  }

  sleep(): Promise<void> {
    return this.engine.sleep()
  }

  /** What the cache holds open; a cache that cannot be read holds nothing to ask about. */
  private cachedOpenIds(): string[] {
    try {
      return this.listOpen().map((question) => question.id)
    } catch (error) {
      this.log.warn('cache: could not list the open questions for the first snapshot', {
        reason: describeError(error),
      })
      return []
    }
  }

  /** Runs the deferred check once; a rebuilt file takes over the store and the outbox. */
  private ensureCacheChecked(): void {
    if (this.cacheChecked) return
    this.cacheChecked = true
    const db = checkCache(this.cacheFile, this.db, { log: this.log })
    if (db === this.db) return
    this.db = db
    this.store.reopen(db)
    this.outbox.reopen(db)
  }

  private prune(): void {
    const removed = this.store.pruneClosed(this.retentionDays * DAY_MS)
    if (removed > 0)
      this.log.info(`cache: removed ${removed} closed question(s) older than ${this.retentionDays} days`)
  }

  async close(): Promise<void> {
    if (this.checkTimer) clearImmediate(this.checkTimer)
    if (this.sweepTimer) clearInterval(this.sweepTimer)
    if (this.pruneTimer) clearInterval(this.pruneTimer)
    this.dispatcher.close()
    this.answeringWatch?.close()
    await this.engine.close()
    this.updates.flushNow()
    this.store.close()
  }

  private recordSent({ entry, result }: AnswerSettled): void {
    if (result.kind !== 'sent') return
    this.publish(this.store.recordAnswer(entry.questionId, answerText(entry.answer)))
  }

  private publish(events: QuestionEvent[]): void {
    if (events.length > 0) this.questionListeners.emit(events)
  }
}

function createAnswerSender(options: NotifierCoreOptions): AnswerSender {
  const { feed } = options
  if (feed.kind === 'sse') {
    return new HttpAnswerSender({
      serverUrl: feed.serverUrl,
      auth: feed.auth,
      answerPath: options.answerPath,
    })
  }
  return new PgAnswerSender({
    connectionString: feed.connectionString,
    userId: feed.userId,
    applicationName: options.applicationName,
  })
}
