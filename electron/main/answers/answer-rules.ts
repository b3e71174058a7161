// The checks Scrum4Me's own answer_question tool makes, applied before anything is sent.
import { type AnswerInput, type AnswerOutcome, answerText, MAX_ANSWER_CHARS } from '@shared/answer'
import { hasCutOption } from '@shared/answer-options'

type Refusal = Extract<AnswerOutcome, { kind: 'refused' }>

/**
 * With options, the answer must be one of them (exactly), and none may have been cut; otherwise
 * any non-empty text up to 4000 chars. Returns the refusal, or null when the answer may go out.
 */
export function checkAnswer(options: readonly string[] | null, answer: AnswerInput): Refusal | null {
  const text = answerText(answer)
  if (options && options.length > 0) {
    if (hasCutOption(options)) {
      return {
        kind: 'refused',
        reason: 'answer-in-web-app',
        message: 'An option of this question is too long to send from the notifier; answer in Scrum4Me.',
      }
    }
    if (!options.includes(text)) {
      return {
        kind: 'refused',
        reason: 'invalid-option',
        message: 'The answer is not one of the offered options.',
      }
    }
    return null
  }
  if (text.trim() === '')
    return { kind: 'refused', reason: 'invalid-option', message: 'The answer is empty.' }
  if (text.length > MAX_ANSWER_CHARS) {
    return {
      kind: 'refused',
      reason: 'invalid-option',
      message: `The answer is longer than ${MAX_ANSWER_CHARS} characters.`,
    }
  }
  return null
}
