// `scrum4me-notifier answer`: connect once (refreshing the cache), then send or queue one answer.
import type { AnswerInput, AnswerOutcome } from '@shared/answer'
import type { NotifierCore } from '../electron/main/core/notifier-core'
import type { AnswerChoice } from './args'

/** How long to wait for the feed before treating the machine as offline and queueing. */
const CONNECT_WAIT_MS = 12_000

export type AnswerCommandResult = AnswerOutcome | { kind: 'unknown-option'; message: string }

export async function answer(
  core: NotifierCore,
  questionId: string,
  choice: AnswerChoice,
): Promise<AnswerCommandResult> {
  try {
    core.start()
    await connectedOrGaveUp(core)
    const input = resolveChoice(core, questionId, choice)
    if ('message' in input) return input
    return await core.answer(questionId, input)
  } finally {
    await core.close()
  }
}

function connectedOrGaveUp(core: NotifierCore): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      stop()
      resolve()
    }
    const timer = setTimeout(done, CONNECT_WAIT_MS)
    const stop = core.onState((state) => {
      if (state.state !== 'connecting') done()
    })
  })
}

function resolveChoice(
  core: NotifierCore,
  questionId: string,
  choice: AnswerChoice,
): AnswerInput | { kind: 'unknown-option'; message: string } {
  if (choice.kind === 'text') return { kind: 'text', text: choice.text }
  const options = core.store.get(questionId)?.question.options
  const option = options?.[choice.number - 1]
  if (option === undefined) {
    const offered = options
      ? `it has ${options.length} options`
      : 'it has no options here (answer with --text)'
    return {
      kind: 'unknown-option',
      message: `question ${questionId} has no option ${choice.number}: ${offered}`,
    }
  }
  return { kind: 'option', option }
}
