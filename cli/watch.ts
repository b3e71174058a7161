// `scrum4me-notifier watch`: the core, printing what it hears as JSON lines.
import type { FeedState } from '@shared/feed-state'
import type { NotifierCore } from '../electron/main/core/notifier-core'

/** Runs until `stop` resolves (a signal), then closes every connection. */
export async function watch(
  core: NotifierCore,
  print: (line: string) => void,
  stop: Promise<void>,
): Promise<void> {
  core.onState((state: FeedState) => {
    const { since: _since, ...rest } = state
    print(JSON.stringify({ type: 'state', ...rest }))
  })
  core.onQuestions((events) => {
    for (const event of events) print(JSON.stringify(event))
  })
  core.onAnswersSettled(({ entry, result }) => {
    print(JSON.stringify({ type: 'answer', id: entry.questionId, result }))
  })
  core.start()
  await stop
  await core.close()
}
