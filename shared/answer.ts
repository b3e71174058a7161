/** What the user answers: one of the offered options, or free text. */
export type AnswerInput = { kind: 'option'; option: string } | { kind: 'text'; text: string }

/** Why the server will not take an answer. None of these is retried. */
export type RefusalReason =
  /** Already answered (elsewhere or by someone else), cancelled, closed or expired. */
  | 'not-open'
  | 'invalid-option'
  /** Demo users, no access to the product, or an idea question of someone else. */
  | 'forbidden'
  /** The server has no answer route: answer in the Scrum4Me web app instead. */
  | 'answer-in-web-app'

export type AnswerOutcome =
  | { kind: 'sent' }
  /** Stored in the outbox; sent when the feed is back. */
  | { kind: 'queued' }
  | { kind: 'refused'; reason: RefusalReason; message: string }

export const MAX_ANSWER_CHARS = 4000

export function answerText(answer: AnswerInput): string {
  return answer.kind === 'option' ? answer.option : answer.text
}

/**
 * Whether the server takes answers from the notifier. pg mode always does; in SSE mode it is
 * learned once per connection (electron/main/answers/answer-route-check.ts). `unknown` counts as
 * available: the first real answer decides.
 */
export type Answering = 'available' | 'web-only' | 'unknown'
