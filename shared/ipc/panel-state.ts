import type { AnswerInput, Answering, RefusalReason } from '../answer'
import type { FeedState } from '../feed-state'
import type { Locale } from '../i18n/messages'
import type { Question } from '../question'
import type { SessionView } from '../sign-in-offer'

/** Where an answer stands, as the panel shows it. */
export type AnswerProgress =
  | { state: 'sending'; answer: AnswerInput }
  | { state: 'queued'; answer: AnswerInput }
  | { state: 'answered'; answer: AnswerInput }
  | { state: 'refused'; answer: AnswerInput; reason: RefusalReason; message: string }

export interface PanelQuestion {
  question: Question
  progress: AnswerProgress | null
  /** The question's page in the Scrum4Me web app, when the server address is known. */
  webUrl: string | null
}

/** Everything the panel renders; main pushes a fresh one whenever anything changes. */
export interface PanelState {
  questions: PanelQuestion[]
  feed: FeedState
  /** When the server last confirmed the open set (ISO), or null if never. */
  lastSyncedAt: string | null
  /** Toasts are paused until this time (ISO), or null. */
  pausedUntil: string | null
  locale: Locale
  /** Whether "Sign in again" can help, and when the stored sign-in ends. */
  session: SessionView
  /** `web-only`: the server takes no answers from the notifier; the panel says "Answer in Scrum4Me". */
  answering: Answering
}
