import type { Answering } from '@shared/answer'
import { hasCutOption } from '@shared/answer-options'
import type { AnswerProgress, PanelQuestion } from '@shared/ipc/panel-state'
import type { Answers } from './use-answers'

/** Answered, or refused for a reason no other answer fixes (closed, forbidden, web app only). */
export function isSettled(progress: AnswerProgress | null): boolean {
  if (progress === null) return false
  return (
    progress.state === 'answered' || (progress.state === 'refused' && progress.reason !== 'invalid-option')
  )
}

/**
 * Not answered yet, or refused for a reason another answer can fix; never twice at once; and not
 * when an option was too long to carry (it is answered in Scrum4Me).
 */
export function canAnswer(item: PanelQuestion, answers: Pick<Answers, 'isHandingOver'>): boolean {
  if (answers.isHandingOver(item.question.id) || hasCutOption(item.question.options)) return false
  return item.progress === null || (item.progress.state === 'refused' && !isSettled(item.progress))
}

/** The notifier may send it: not once the server is known to take answers only in Scrum4Me. */
export function canAnswerHere(
  item: PanelQuestion,
  answers: Pick<Answers, 'isHandingOver'>,
  answering: Answering,
): boolean {
  return answering !== 'web-only' && canAnswer(item, answers)
}

/**
 * "Answer in Scrum4Me" instead of buttons and a text field: the server takes no answers from the
 * notifier, and the question still waits for one (or its answer was just refused for that reason).
 */
export function answersInWebApp(
  item: PanelQuestion,
  answers: Pick<Answers, 'isHandingOver'>,
  answering: Answering,
): boolean {
  if (answering !== 'web-only') return false
  const { progress } = item
  return (
    (progress?.state === 'refused' && progress.reason === 'answer-in-web-app') || canAnswer(item, answers)
  )
}
