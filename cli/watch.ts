// `scrum4me-notifier watch`: the core, printing what it hears as JSON lines.
import type { FeedState } from '@shared/feed-state'
import type { NotifierCore } from '../electron/main/core/notifier-core'
import type { Output } from './output'

/** Runs until `stop` resolves (a signal), then closes every connection. */
export async function watch(core: NotifierCore, out: Output, stop: Promise<void>): Promise<void> {
  core.onState((state: FeedState) => {
    const { since: _since, ...rest } = state
    out.json({ type: 'state', ...rest })
  })
  core.onQuestions((events) => {
    for (const event of events) out.json(event)
  })
  core.onAnswersSettled(({ entry, result }) => {
    out.json({ type: 'answer', id: entry.questionId, result })
  })
  core.start()
  await stop
  await core.close()
}
