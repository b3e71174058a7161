// Builds the engine for a feed configuration: the one place that knows both transports.
import type { Logger } from '../log/logger'
import type { FeedConfig, FeedTiming } from './feed-config'
import { FeedEngine } from './feed-engine'
import { PgTransport } from './pg/pg-transport'
import { SseTransport } from './sse/sse-transport'
import type { FeedTransport } from './transport'

export interface CreateFeedOptions {
  /** Shown in `pg_stat_activity` so a DBA can tell our session apart. */
  applicationName: string
  timing?: FeedTiming
  log: Logger
}

export function createTransport(config: FeedConfig, options: CreateFeedOptions): FeedTransport {
  if (config.kind === 'sse') {
    return new SseTransport({
      serverUrl: config.serverUrl,
      auth: config.auth,
      streamPath: config.streamPath,
      ...options.timing?.sse,
    })
  }
  return new PgTransport({
    connectionString: config.connectionString,
    userId: config.userId,
    applicationName: options.applicationName,
    ...options.timing?.pg,
  })
}

export function createFeed(config: FeedConfig, options: CreateFeedOptions): FeedEngine {
  return new FeedEngine({
    transport: createTransport(config, options),
    policy: options.timing?.policy,
    log: options.log.child(`feed/${config.kind}`),
  })
}
