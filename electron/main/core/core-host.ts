// Holds the app's one NotifierCore across sign-in, a changed connection and sign-out: the old
// core (its feed, its LISTEN, its SQLite handle) is fully closed before the next one opens.
import { rmSync } from 'node:fs'
import type { ConnectionSettings } from '@shared/settings'
import type { SecretStore } from '../credentials/secret-store'
import type { FeedConfig } from '../feed/feed-config'
import type { Logger } from '../log/logger'
import { feedConfigOf } from '../settings/feed-config-of'
import type { ConnectionChange } from '../settings/settings-controller'
import { cacheFileIn, withSiblings } from '../store/cache-files'
import type { NotifierCore } from './notifier-core'

export interface CoreHostOptions {
  dataDir: string
  secrets: SecretStore
  log: Logger
  /** May throw: a connection the feed refuses, a cache written by a newer version. */
  createCore: (feed: FeedConfig, connection: ConnectionSettings) => NotifierCore
  /** Wires a fresh core into the app (toasts, tray, panel); returns the unwiring. */
  attach: (core: NotifierCore, feed: FeedConfig) => () => void
  /** The core was opened, replaced or closed. */
  changed: () => void
}

export class CoreHost {
  private current: { core: NotifierCore; detach: () => void } | null = null
  private problemText: string | null = 'no connection is set up'
  private queue: Promise<void> = Promise.resolve()

  constructor(private readonly options: CoreHostOptions) {}

  get core(): NotifierCore | null {
    return this.current?.core ?? null
  }

  /** Why there is no core, in words for the log and the panel; null while one runs. */
  get problem(): string | null {
    return this.problemText
  }

  /** Changes run one after another, so two quick saves can never leave two feeds open. */
  apply(change: ConnectionChange): Promise<void> {
    const run = this.queue.then(() => this.switchTo(change))
    this.queue = run.catch((error: unknown) =>
      this.options.log.error('app: switching the connection failed', { error: String(error) }),
    )
    return run
  }

  /** On quit: the feed closes cleanly and SQLite is checkpointed. */
  close(): Promise<void> {
    return this.apply({ connection: null, clearCache: false })
  }

  private async switchTo({ connection, clearCache }: ConnectionChange): Promise<void> {
    await this.closeCurrent()
    if (clearCache) this.clearCache()
    if (!connection) {
      this.problemText = 'no connection is set up'
      this.options.changed()
      return
    }
    const feed = await feedConfigOf(connection, this.options.secrets)
    if (!feed.ok) {
      this.setProblem(feed.problem)
      return
    }
    let core: NotifierCore
    try {
      core = this.options.createCore(feed.feed, connection)
    } catch (error) {
      this.setProblem(`cannot start the notifier (${(error as Error).message})`)
      return
    }
    this.current = { core, detach: this.options.attach(core, feed.feed) }
    this.problemText = null
    core.start()
    this.options.changed()
  }

  private async closeCurrent(): Promise<void> {
    const current = this.current
    if (!current) return
    this.current = null
    current.detach()
    await current.core.close()
  }

  private clearCache(): void {
    for (const path of withSiblings(cacheFileIn(this.options.dataDir))) rmSync(path, { force: true })
    this.options.log.info('app: the question cache was removed')
  }

  private setProblem(problem: string): void {
    this.problemText = problem
    this.options.log.warn(`app: ${problem}; the panel shows "not set up" until that is fixed`)
    this.options.changed()
  }
}
