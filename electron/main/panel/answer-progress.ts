// Remembers where each answer given in this session stands, so the panel can show "sending",
// "queued offline", "answered" or the refusal, also for a question that just left the open set.
import type { AnswerInput, AnswerOutcome } from '@shared/answer'
import type { AnswerProgress } from '@shared/ipc/panel-state'
import type { Question } from '@shared/question'
import type { NotifierCore } from '../core/notifier-core'

export interface TrackedAnswer {
  question: Question
  progress: AnswerProgress
}

export class AnswerProgressTracker {
  private readonly answers = new Map<string, TrackedAnswer>()

  begin(question: Question, answer: AnswerInput): void {
    this.answers.set(question.id, { question, progress: { state: 'sending', answer } })
  }

  /** The verdict of one send: the outcome `answer()` returned, or a queued answer settling later. */
  finish(questionId: string, outcome: AnswerOutcome): void {
    const tracked = this.answers.get(questionId)
    if (!tracked) return
    const { answer } = tracked.progress
    tracked.progress =
      outcome.kind === 'sent'
        ? { state: 'answered', answer }
        : outcome.kind === 'queued'
          ? { state: 'queued', answer }
          : { state: 'refused', answer, reason: outcome.reason, message: outcome.message }
  }

  get(questionId: string): TrackedAnswer | undefined {
    return this.answers.get(questionId)
  }

  /** Settled answers for questions no longer open: still shown, with their outcome. */
  settledOutside(openIds: ReadonlySet<string>): TrackedAnswer[] {
    return [...this.answers.values()].filter(
      (tracked) => !openIds.has(tracked.question.id) && tracked.progress.state !== 'sending',
    )
  }

  /** The user dismissed or the question is long gone. */
  forget(questionId: string): void {
    this.answers.delete(questionId)
  }
}

/** Answers that were queued offline settle later; the panel shows their final word. */
export function followSettledAnswers(
  core: Pick<NotifierCore, 'onAnswersSettled'>,
  answers: AnswerProgressTracker,
): () => void {
  return core.onAnswersSettled(({ entry, result }) => answers.finish(entry.questionId, result))
}
