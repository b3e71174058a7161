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
  /** pg mode: the ids the cache holds open (see PgTransportOptions.earlierOpenIds). */
  earlierOpenIds?: () => readonly string[]
}

export interface TransportOptions
  extends Pick<CreateFeedOptions, 'applicationName' | 'timing' | 'earlierOpenIds'> {
  /** TCP + TLS + the first answer; each transport's default when absent. */
  connectTimeoutMs?: number
}

/** The feed's transport, and the one "Test connection" opens (with the test's time limit). */
export function createTransport(config: FeedConfig, options: TransportOptions): FeedTransport {
  const { applicationName, connectTimeoutMs, timing, earlierOpenIds } = options
  if (config.kind === 'sse') {
    const { serverUrl, auth, streamPath } = config
    return new SseTransport({ serverUrl, auth, streamPath, connectTimeoutMs, ...timing?.sse })
  }
  const { connectionString, userId } = config
  return new PgTransport({
    connectionString,
    userId,
    applicationName,
    connectTimeoutMs,
    earlierOpenIds,
    ...timing?.pg,
  })
}

export function createFeed(config: FeedConfig, options: CreateFeedOptions): FeedEngine {
  return new FeedEngine({
    transport: createTransport(config, options),
    policy: options.timing?.policy,
    log: options.log.child(`feed/${config.kind}`),
  })
}
