// A pg feed whose path to PostgreSQL runs through the fault proxy, so that a test can reset or
// black-hole it, with heartbeats short enough that a dead path shows within a second.

import { PgTransport } from '../../electron/main/feed/pg/pg-transport'
import type { ReconnectPolicy } from '../../electron/main/feed/reconnect-policy'
import { type FaultProxy, startFaultProxy } from './fault-proxy'
import { type FeedHarness, startFeed } from './feed-harness'
import type { TestPostgres } from './postgres'

export interface ProxiedPgFeed {
  proxy: FaultProxy
  feed: FeedHarness
}

export async function startPgFeedViaProxy(
  postgres: TestPostgres,
  options: { databaseUrl: string; userId: string; applicationName: string; policy: Partial<ReconnectPolicy> },
): Promise<ProxiedPgFeed> {
  const proxy = await startFaultProxy({ port: postgres.port })
  const viaProxy = new URL(options.databaseUrl)
  viaProxy.port = String(proxy.port)
  const feed = startFeed(
    new PgTransport({
      connectionString: viaProxy.href,
      userId: options.userId,
      applicationName: options.applicationName,
      heartbeatMs: 300,
      heartbeatTimeoutMs: 700,
      connectTimeoutMs: 1000,
    }),
    options.policy,
  )
  return { proxy, feed }
}
