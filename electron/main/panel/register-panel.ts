// The app view and its one writer: which core is shown, why there is none, the language, and the
// progress of answers. Every change is gathered into one refresh of the tray and both windows.
import type { AnswerInput, AnswerOutcome } from '@shared/answer'
import type { Locale } from '@shared/i18n/messages'
import type { PanelState } from '@shared/ipc/panel-state'
import type { SessionView } from '@shared/sign-in-offer'
import type { NotifierCore } from '../core/notifier-core'
import type { FeedConfig } from '../feed/feed-config'
import type { NotificationPause } from '../notify/notification-pause'
import type { TrayInputs } from '../tray/tray-presenter'
import { AnswerProgressTracker, followSettledAnswers } from './answer-progress'
import { answerQuestion } from './answer-question'
import { type AppView, refreshOf } from './app-view'
import { ChangeBatcher, watchCore } from './change-batcher'
import { createPanelHandlers, type PanelHandlerDeps } from './panel-handlers'

export interface PanelPorts extends Omit<PanelHandlerDeps, 'view' | 'changed'> {
  pause: Pick<NotificationPause, 'until' | 'onChange'>
  locale: Locale
  renderTray: (inputs: TrayInputs) => void
  pushState: (state: PanelState) => void
  /** The saved sign-in (settings-controller.ts has it): the panel and the tray offer "Sign in again" from it. */
  session: () => SessionView
}

export interface Panel {
  readonly view: Readonly<AppView>
  /** Something the tray or the panel shows changed: refresh soon. */
  changed(): void
  /** Shows this core until the returned detach. */
  attach(core: NotifierCore, feed: FeedConfig): () => void
  /** Answers through the shown core, with the panel showing the progress (toasts answer this way too). */
  answer(core: NotifierCore, questionId: string, answer: AnswerInput): Promise<AnswerOutcome>
  setProblem(problem: string | null): void
  setLocale(locale: Locale): void
  handlers: ReturnType<typeof createPanelHandlers>
  dispose(): void
}

export function registerPanel({
  pause,
  locale,
  renderTray,
  pushState,
  session,
  ...handlerDeps
}: PanelPorts): Panel {
  const view: AppView = {
    core: null,
    answers: new AnswerProgressTracker(),
    pause,
    locale,
    webAppUrl: null,
    problem: null,
    startedAt: Date.now(),
    session,
  }
  const batcher = new ChangeBatcher(() => {
    const { tray, panel } = refreshOf(view, Date.now())
    renderTray(tray)
    pushState(panel)
  })
  const { changed } = batcher
  const stopPause = pause.onChange(changed)
  return {
    view,
    changed,
    attach: (core, feed) => {
      view.core = core
      view.answers = new AnswerProgressTracker()
      view.webAppUrl = feed.kind === 'sse' ? feed.serverUrl : null
      const stops = [followSettledAnswers(core, view.answers), watchCore(core, changed)]
      return () => {
        for (const stop of stops) stop()
        view.core = null
        view.webAppUrl = null
      }
    },
    answer: (core, questionId, answer) =>
      answerQuestion({ core, answers: view.answers, changed }, questionId, answer),
    setProblem: (problem) => {
      view.problem = problem
    },
    setLocale: (next) => {
      view.locale = next
    },
    handlers: createPanelHandlers({ ...handlerDeps, view, changed }),
    dispose: () => {
      stopPause()
      batcher.dispose()
    },
  }
}
