import type { AnswerOutcome } from '@shared/answer'

/** One answer on its way out; the key makes a resend after a lost reply harmless. */
export interface OutgoingAnswer {
  idempotencyKey: string
  questionId: string
  answer: string
}

/** A definite result: the server took it, or refused it for good. */
export type SendResult = { kind: 'sent' } | Extract<AnswerOutcome, { kind: 'refused' }>

/** The answer may or may not have arrived; send it again later with the same key. */
export class TransientSendError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message)
    this.name = 'TransientSendError'
  }
}

/** The server no longer knows the session (HTTP 401): resend only on the next connection, after signing in again. */
export class SignedOutSendError extends TransientSendError {
  constructor() {
    super('signed out: the server refused the credentials (HTTP 401)')
    this.name = 'SignedOutSendError'
  }
}

export interface AnswerSender {
  send(answer: OutgoingAnswer): Promise<SendResult>
}
