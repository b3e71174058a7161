// One way to answer, for the panel and for a toast's buttons, so the panel shows the progress of
// either: "sending", then the outcome.
import type { AnswerInput, AnswerOutcome } from '@shared/answer'
import type { NotifierCore } from '../core/notifier-core'
import type { AnswerProgressTracker } from './answer-progress'

export interface AnswerDeps {
  core: Pick<NotifierCore, 'store' | 'answer'>
  answers: AnswerProgressTracker
  /** Something the panel shows changed: push a fresh state soon. */
  changed: () => void
}

export async function answerQuestion(
  { core, answers, changed }: AnswerDeps,
  questionId: string,
  answer: AnswerInput,
): Promise<AnswerOutcome> {
  const record = core.store.get(questionId)
  if (record) answers.begin(record.question, answer)
  changed()
  try {
    const outcome = await core.answer(questionId, answer)
    answers.finish(questionId, outcome)
    return outcome
  } catch (error) {
    // The caller says "could not be handed over"; the user may simply try again.
    answers.forget(questionId)
    throw error
  } finally {
    changed()
  }
}
