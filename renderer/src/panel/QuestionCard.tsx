import type { AnswerInput } from '@shared/answer'
import { hasCutOption } from '@shared/answer-options'
import type { PanelQuestion } from '@shared/ipc/panel-state'
import { useId } from 'react'
import { useI18n } from '../common/i18n'
import { waitsLong } from '../common/time-format'
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
  handingOver: boolean
  handOverFailed: boolean
  now: number
  onAnswer(answer: AnswerInput): void
  onOpen(): void
}

export function QuestionCard(props: QuestionCardProps) {
  const { item, current, answerable, onAnswer } = props
  const { t } = useI18n()
  const textId = useId()
  const waitId = useId()
  const { question, progress, webUrl } = item
  const options = question.options && question.options.length > 0 ? question.options : null
  const settled = isSettled(progress)
  // An answered question no longer keeps anyone waiting.
  const waitingLong = !settled && waitsLong(question.createdAt, props.now)
  // Once main has the answer the text box makes way for the status, which repeats the answer.
  const showTextBox = !options && (answerable || props.handingOver)
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
      {options && (
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
        <FreeTextAnswer disabled={!answerable} onSend={(text) => onAnswer({ kind: 'text', text })} />
      )}
      <AnswerStatus
        progress={progress}
        handingOver={props.handingOver}
        handOverFailed={props.handOverFailed}
      />
      <div className="question-meta">
        {/* Once settled, the deadline no longer matters. */}
        {!settled && <ExpiryCountdown expiresAt={question.expiresAt} now={props.now} />}
        {webUrl !== null && (
          <button type="button" className="link-button" onClick={props.onOpen}>
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
