// `scrum4me-notifier answer`: connect once (refreshing the cache), then send or queue one answer.
import type { AnswerInput, AnswerOutcome } from '@shared/answer'
import type { Question } from '@shared/question'
import type { NotifierCore } from '../electron/main/core/notifier-core'
import type { AnswerChoice } from './args'

/** How long to wait for the feed before treating the machine as offline and queueing. */
const CONNECT_WAIT_MS = 12_000

export type AnswerCommandResult =
  | AnswerOutcome
  | { kind: 'unknown-option'; message: string }
  /** Asked on the terminal, the user sent nothing. */
  | { kind: 'cancelled' }

/** Asks the user for the answer to this open question; null when they cancel. */
export type AskAnswer = (question: Question) => Promise<AnswerChoice | null>

export async function answer(
  core: NotifierCore,
  questionId: string,
  given: AnswerChoice,
  ask: AskAnswer,
): Promise<AnswerCommandResult> {
  try {
    core.start()
    await connectedOrGaveUp(core)
    const choice = given.kind === 'ask' ? await askFor(core, questionId, ask) : given
    if (choice === null) return { kind: 'cancelled' }
    if ('message' in choice) return choice
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

type Given = Exclude<AnswerChoice, { kind: 'ask' }>

/** Only an open question is worth asking about. */
async function askFor(
  core: NotifierCore,
  questionId: string,
  ask: AskAnswer,
): Promise<Given | Extract<AnswerOutcome, { kind: 'refused' }> | null> {
  const record = core.store.get(questionId)
  const open = record?.status === 'open' && Date.parse(record.question.expiresAt) > Date.now()
  if (!record || !open) {
    return {
      kind: 'refused',
      reason: 'not-open',
      message: `question ${questionId} is not open here (see list)`,
    }
  }
  const choice = await ask(record.question)
  return choice?.kind === 'ask' ? null : choice
}

function resolveChoice(
  core: NotifierCore,
  questionId: string,
  choice: Given,
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
