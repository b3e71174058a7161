import { MAX_ANSWER_CHARS } from '@shared/answer'
import { type KeyboardEvent, useId } from 'react'
import { useI18n } from '../common/i18n'

interface FreeTextAnswerProps {
  /** The typed text is the card's, so it outlives this field (a refusal, "Answer in Scrum4Me"). */
  text: string
  onTextChange(text: string): void
  disabled: boolean
  onSend(text: string): void
}

export function FreeTextAnswer({ text, onTextChange, disabled, onSend }: FreeTextAnswerProps) {
  const { t } = useI18n()
  const inputId = useId()
  const hintId = useId()
  const answer = text.trim()
  const send = () => {
    if (!disabled && answer !== '') onSend(answer)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Shift+Enter keeps its newline; Enter while an IME composes belongs to the IME.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return
    event.preventDefault()
    send()
  }
  return (
    <form
      className="free-text"
      onSubmit={(event) => {
        event.preventDefault()
        send()
      }}
    >
      <label className="visually-hidden" htmlFor={inputId}>
        {t('panel.question.textLabel')}
      </label>
      <textarea
        id={inputId}
        className="free-text-input"
        rows={2}
        dir="auto"
        maxLength={MAX_ANSWER_CHARS}
        placeholder={t('panel.question.textPlaceholder')}
        aria-describedby={hintId}
        value={text}
        disabled={disabled}
        onChange={(event) => onTextChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="free-text-actions">
        <span id={hintId} className="hint">
          {t('panel.question.textHint')}
        </span>
        <button type="submit" className="button button-primary" disabled={disabled || answer === ''}>
          {t('panel.question.send')}
        </button>
      </div>
    </form>
  )
}
