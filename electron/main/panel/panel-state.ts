// Builds what the panel renders from the core's cache, the feed and the answers in flight.
import type { Answering } from '@shared/answer'
import type { FeedState } from '@shared/feed-state'
import type { Locale } from '@shared/i18n/messages'
import type { PanelQuestion, PanelState } from '@shared/ipc/panel-state'
import type { Question } from '@shared/question'
import type { SessionView } from '@shared/sign-in-offer'
import type { AnswerProgressTracker } from './answer-progress'

interface PanelStateInputs {
  openQuestions: Question[]
  answers: AnswerProgressTracker
  feed: FeedState
  lastSyncedAt: string | null
  pausedUntil: string | null
  locale: Locale
  /** The Scrum4Me web app, for "Open in Scrum4Me" links; null when unknown (pg mode). */
  webAppUrl: string | null
  session: SessionView
  answering: Answering
}

export function buildPanelState(inputs: PanelStateInputs): PanelState {
  const openIds = new Set(inputs.openQuestions.map((question) => question.id))
  const toPanel = (question: Question): PanelQuestion => ({
    question,
    progress: inputs.answers.get(question.id)?.progress ?? null,
    webUrl: webUrlFor(inputs.webAppUrl, question),
  })
  const recent = inputs.answers.settledOutside(openIds).map((tracked) => toPanel(tracked.question))
  const questions = [...inputs.openQuestions.map(toPanel), ...recent].sort((a, b) =>
    b.question.createdAt.localeCompare(a.question.createdAt),
  )
  return {
    questions,
    feed: inputs.feed,
    lastSyncedAt: inputs.lastSyncedAt,
    pausedUntil: inputs.pausedUntil,
    locale: inputs.locale,
    session: inputs.session,
    answering: inputs.answering,
  }
}

/** Where a question lives in the web app: its story, or its idea. */
export function webUrlFor(webAppUrl: string | null, question: Question): string | null {
  if (!webAppUrl) return null
  const base = new URL(webAppUrl)
  if (question.storyId) return new URL(`/stories/${encodeURIComponent(question.storyId)}`, base).href
  if (question.ideaId) return new URL(`/ideas/${encodeURIComponent(question.ideaId)}`, base).href
  return new URL(`/products/${encodeURIComponent(question.productId)}`, base).href
}
