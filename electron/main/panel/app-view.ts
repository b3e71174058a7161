// One place that reads the app's live state and shapes it for the panel and the tray.
import type { FeedState } from '@shared/feed-state'
import type { Locale } from '@shared/i18n/messages'
import type { PanelState } from '@shared/ipc/panel-state'
import type { Question } from '@shared/question'
import { type SessionView, signInOffer } from '@shared/sign-in-offer'
import type { NotifierCore } from '../core/notifier-core'
import type { NotificationPause } from '../notify/notification-pause'
import type { TrayInputs } from '../tray/tray-presenter'
import type { AnswerProgressTracker } from './answer-progress'
import { buildPanelState } from './panel-state'

export interface AppView {
  /** Null until the user has set the app up: the panel and tray then say so. */
  core: NotifierCore | null
  answers: AnswerProgressTracker
  pause: Pick<NotificationPause, 'until'>
  locale: Locale
  /** The Scrum4Me web app (the SSE server), for "Open in Scrum4Me"; null in pg mode. */
  webAppUrl: string | null
  /** Why there is no core (no connection yet, a secret missing); shown as the feed's reason. */
  problem: string | null
  startedAt: number
  /** The saved sign-in, read afresh for every refresh (it changes with a save or a sign-in). */
  session: () => SessionView
}

function feedStateOf(view: AppView): FeedState {
  return (
    view.core?.feedState ?? {
      state: 'failed',
      failure: 'not-configured',
      reason: view.problem ?? 'no connection is set up',
      since: view.startedAt,
    }
  )
}

export function panelStateOf(view: AppView, openQuestions = view.core?.listOpen() ?? []): PanelState {
  const pausedUntil = view.pause.until
  return buildPanelState({
    openQuestions,
    answers: view.answers,
    feed: feedStateOf(view),
    lastSyncedAt: view.core?.store.lastConfirmedAt() ?? null,
    pausedUntil: pausedUntil === null ? null : new Date(pausedUntil).toISOString(),
    locale: view.locale,
    webAppUrl: view.webAppUrl,
    session: view.session(),
    // Without a core nothing can be answered anyway; the cards say why (not set up, offline).
    answering: view.core?.answering ?? 'unknown',
  })
}

function oldestAskedAt(questions: readonly Question[]): number | null {
  let oldest: number | null = null
  for (const question of questions) {
    const askedAt = Date.parse(question.createdAt)
    if (Number.isFinite(askedAt) && (oldest === null || askedAt < oldest)) oldest = askedAt
  }
  return oldest
}

/** The panel state and the tray's inputs from one read of the cache and the feed. */
export function refreshOf(view: AppView, now: number): { panel: PanelState; tray: TrayInputs } {
  const openQuestions = view.core?.listOpen() ?? []
  const panel = panelStateOf(view, openQuestions)
  const tray = {
    feed: panel.feed,
    openCount: openQuestions.length,
    oldestAskedAt: oldestAskedAt(openQuestions),
    pausedUntil: view.pause.until,
    locale: view.locale,
    now,
    signInAgain: signInOffer(panel.feed, panel.session, now) !== null,
  }
  return { panel, tray }
}
