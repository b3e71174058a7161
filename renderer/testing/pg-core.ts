// A real NotifierCore on the PostgreSQL feed (or any feed), with its SQLite cache in a throwaway directory.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { NotifierCore } from '../../electron/main/core/notifier-core'
import type { FeedConfig } from '../../electron/main/feed/feed-config'
import { createLineLogger, silentLogger } from '../../electron/main/log/logger'

export interface TestCore {
  core: NotifierCore
  feed: FeedConfig
  /** Waits until the feed reports `connected` (the first snapshot is in the cache by then). */
  connected(): Promise<void>
  close(): Promise<void>
}

export function startPgCore(connectionString: string, userId: string): Promise<TestCore> {
  return startTestCore({ kind: 'pg', connectionString, userId })
}

export async function startTestCore(feed: FeedConfig): Promise<TestCore> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 's4m-panel-'))
  const core = new NotifierCore({
    feed,
    dataDir,
    applicationName: 's4m-panel-test',
    // DEBUG_CORE=1 shows what the core did when a panel test fails.
    log: process.env.DEBUG_CORE
      ? createLineLogger((line) => process.stderr.write(`${line}\n`))
      : silentLogger,
    // "Back online" reconnects at once instead of after the production minimum of 5 s.
    timing: { policy: { nudgeMinIntervalMs: 0 } },
  })
  core.start()
  return {
    core,
    feed,
    connected: () =>
      new Promise<void>((resolve) => {
        if (core.feedState.state === 'connected') return resolve()
        const stop = core.onState((state) => {
          if (state.state !== 'connected') return
          stop()
          resolve()
        })
      }),
    close: async () => {
      await core.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
