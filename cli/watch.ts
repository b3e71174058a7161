// `scrum4me-notifier watch`: the engine and the novelty tracker, printing JSON lines.
import { mkdirSync } from 'node:fs'
import type { FeedState } from '@shared/feed-state'
import { createFeed } from '../electron/main/feed/create-feed'
import type { FeedConfig, FeedTiming } from '../electron/main/feed/feed-config'
import type { Logger } from '../electron/main/log/logger'
import { OpenQuestionTracker, type QuestionEvent } from '../electron/main/questions/open-question-tracker'

const EXPIRY_SWEEP_MS = 15_000

export interface WatchOptions {
  feed: FeedConfig
  dataDir: string
  timing?: FeedTiming
  log: Logger
  print: (line: string) => void
}

/** Runs until `stop` resolves (a signal), then closes every connection. */
export async function watch(options: WatchOptions, stop: Promise<void>): Promise<void> {
  mkdirSync(options.dataDir, { recursive: true })
  const engine = createFeed(options.feed, {
    applicationName: `scrum4me-notifier-cli/${process.pid}`,
    timing: options.timing,
    log: options.log,
  })
  const tracker = new OpenQuestionTracker()
  const emit = (events: QuestionEvent[]) => {
    for (const event of events) options.print(JSON.stringify(event))
  }
  engine.onState((state: FeedState) => {
    const { since: _since, ...rest } = state
    options.print(JSON.stringify({ type: 'state', ...rest }))
  })
  engine.onUpdate((update) => emit(tracker.apply(update)))
  const sweep = setInterval(() => emit(tracker.expire()), EXPIRY_SWEEP_MS)
  engine.start()
  await stop
  clearInterval(sweep)
  await engine.close()
}
