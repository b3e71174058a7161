import type { AnswerInput } from '@shared/answer'
import { hasCutOption } from '@shared/answer-options'
import type { PanelQuestion } from '@shared/ipc/panel-state'
import { useId, useState } from 'react'
import { useI18n } from '../common/i18n'
import { waitsLong } from '../common/time-format'
import { AnswerInWebApp } from './AnswerInWebApp'
import { AnswerStatus } from './AnswerStatus'
import { isSettled } from './can-answer'
import { ExpiryCountdown } from './ExpiryCountdown'
import { FoldableText } from './FoldableText'
import { FreeTextAnswer } from './FreeTextAnswer'
import { OptionButtons } from './OptionButtons'
import { QuestionContext } from './QuestionContext'
import { WaitingTime } from './WaitingTime'

interface QuestionCardProps {
  item: PanelQuestion
  label: string
  /** The card keys act on; the only one in the tab order. */
  current: boolean
  onFocus(): void
  answerable: boolean
  /** The server takes no answers from the notifier: "Answer in Scrum4Me" instead. */
  webOnly: boolean
  handingOver: boolean
  handOverFailed: boolean
  now: number
  onAnswer(answer: AnswerInput): void
  /** Opens the question in the web app; a typed answer goes along on the clipboard. */
  onOpen(draft: string | undefined): void
}

export function QuestionCard(props: QuestionCardProps) {
  const { item, current, answerable, webOnly, onAnswer } = props
  const { t } = useI18n()
  const textId = useId()
  const waitId = useId()
  const [draft, setDraft] = useState('')
  const open = () => props.onOpen(draft.trim() === '' ? undefined : draft)
  const { question, progress, webUrl } = item
  const options = question.options && question.options.length > 0 ? question.options : null
  const settled = isSettled(progress)
  // An answered question no longer keeps anyone waiting.
  const waitingLong = !settled && waitsLong(question.createdAt, props.now)
  // Once main has the answer the text box makes way for the status, which repeats the answer.
  const showTextBox = !options && !webOnly && (answerable || props.handingOver)
  return (
    <article
      data-question-id={question.id}
      className={`question-card${current ? ' is-current' : ''}${progress ? ` is-${progress.state}` : ''}${waitingLong ? ' is-waiting-long' : ''}`}
      tabIndex={current ? 0 : -1}
      aria-label={props.label}
      aria-describedby={`${waitId} ${textId}`}
      onFocus={props.onFocus}
    >
      <WaitingTime id={waitId} createdAt={question.createdAt} now={props.now} long={waitingLong} />
      <FoldableText id={textId} questionId={question.id} text={question.text} />
      {question.context && <QuestionContext questionId={question.id} context={question.context} />}
      {options && !webOnly && (
        <OptionButtons
          options={options}
          chosen={progress?.answer.kind === 'option' ? progress.answer.option : null}
          disabled={!answerable}
          onPick={(option) => onAnswer({ kind: 'option', option })}
        />
      )}
      {options && hasCutOption(options) && (
        <p className="answer-elsewhere">{t('panel.question.optionsTooLong')}</p>
      )}
      {showTextBox && (
        <FreeTextAnswer
          text={draft}
          onTextChange={setDraft}
          disabled={!answerable}
          onSend={(text) => onAnswer({ kind: 'text', text })}
        />
      )}
      {webOnly && (
        <AnswerInWebApp draft={draft} onDraftChange={setDraft} onOpen={webUrl === null ? null : open} />
      )}
      <AnswerStatus
        progress={progress}
        handingOver={props.handingOver}
        handOverFailed={props.handOverFailed}
      />
      <div className="question-meta">
        {/* Once settled, the deadline no longer matters; answered in Scrum4Me, it still does. */}
        {(webOnly || !settled) && <ExpiryCountdown expiresAt={question.expiresAt} now={props.now} />}
        {/* Web-only cards have the same link as their main button. */}
        {webUrl !== null && !webOnly && (
          <button type="button" className="link-button" onClick={open}>
            {t('panel.question.openInWebApp')}
            <span className="external-mark" aria-hidden="true">
              ↗
            </span>
          </button>
        )}
      </div>
    </article>
  )
}
