import { translator } from '@shared/i18n/translate'
import type { PanelState } from '@shared/ipc/panel-state'
import { signInOffer } from '@shared/sign-in-offer'
import { useCallback, useEffect, useMemo } from 'react'
import { isOffline } from '../common/feed-words'
import { I18nContext } from '../common/i18n'
import { SignInAgain } from '../common/SignInAgain'
import { useNow } from '../common/use-now'
import type { PanelApi } from '../notifier-api'
import { answersInWebApp, canAnswer, canAnswerHere } from './can-answer'
import { EmptyState } from './EmptyState'
import { displayOrder, groupQuestions } from './group-questions'
import { OfflineBanner } from './OfflineBanner'
import { OpenLinkContext } from './open-link'
import { PanelHeader } from './PanelHeader'
import { QuestionList } from './QuestionList'
import { StatusBar } from './StatusBar'
import { useAnswers } from './use-answers'
import { useMarkSeen } from './use-mark-seen'
import { usePanelKeys } from './use-panel-keys'
import { useQuestionFocus } from './use-question-focus'

const CLOCK_TICK_MS = 15_000

export function Panel({ api, state }: { api: PanelApi; state: PanelState }) {
  const i18n = useMemo(() => ({ locale: state.locale, t: translator(state.locale) }), [state.locale])
  const openLink = useCallback((questionId: string, url: string) => void api.openLink(questionId, url), [api])
  const now = useNow(CLOCK_TICK_MS)
  const groups = useMemo(() => groupQuestions(state.questions), [state.questions])
  const order = useMemo(() => displayOrder(groups), [groups])
  const answers = useAnswers(api)
  const focus = useQuestionFocus(
    order.map((item) => item.question.id),
    api,
  )
  useMarkSeen(api, state.questions)

  useEffect(() => {
    document.documentElement.lang = i18n.locale
    document.title = i18n.t('app.name')
  }, [i18n])

  usePanelKeys({
    hide: () => void api.hide(),
    move: focus.move,
    option: (index) => {
      const item = order.find((candidate) => candidate.question.id === focus.currentId)
      const option = item?.question.options?.[index]
      if (item && option !== undefined && canAnswerHere(item, answers, state.answering)) {
        answers.submit(item.question.id, { kind: 'option', option })
      }
    },
  })

  // Waiting for the user, wherever they answer it.
  const waiting = state.questions.filter(
    (item) => canAnswer(item, answers) || answersInWebApp(item, answers, state.answering),
  ).length
  const notSetUp = state.feed.state === 'failed' && state.feed.failure === 'not-configured'
  // Signed out, a wrong address or a refused certificate: retrying cannot help, settings can.
  const needsSettings = state.feed.state === 'failed' && !notSetUp
  const openConnection = () => void api.openSettings('connection')
  const offer = signInOffer(state.feed, state.session, now)
  const signInAgain = offer && <SignInAgain offer={offer} signInAgain={api.signInAgain} now={now} />
  return (
    <I18nContext value={i18n}>
      <OpenLinkContext value={openLink}>
        <PanelHeader waiting={waiting} onSettings={() => void api.openSettings('general')} />
        <main className="panel-body">
          {isOffline(state.feed) && !notSetUp && (
            <OfflineBanner
              feed={state.feed}
              onReconnect={() => void api.reconnectNow()}
              onSettings={needsSettings ? openConnection : null}
              signInAgain={offer?.reason === 'signed-out' && signInAgain}
            />
          )}
          {offer?.reason === 'ending' && <section className="sign-in-banner">{signInAgain}</section>}
          {order.length === 0 ? (
            <EmptyState onSetUp={notSetUp ? openConnection : null} />
          ) : (
            <QuestionList
              groups={groups}
              count={order.length}
              now={now}
              focus={focus}
              answers={answers}
              answering={state.answering}
              onAnswer={answers.submit}
              onOpen={(questionId, draft) => void api.openInWebApp(questionId, draft)}
            />
          )}
        </main>
        <StatusBar
          feed={state.feed}
          lastSyncedAt={state.lastSyncedAt}
          pausedUntil={state.pausedUntil}
          now={now}
          showKeys={order.length > 0}
        />
      </OpenLinkContext>
    </I18nContext>
  )
}
