import { MAX_ANSWER_CHARS } from '@shared/answer'
import { useId } from 'react'
import { useI18n } from '../common/i18n'

interface AnswerInWebAppProps {
  /** What the user typed before the panel learned this; kept, editable, copied on open. */
  draft: string
  onDraftChange(draft: string): void
  /** Null when the web app's address is unknown: then the words say where to go. */
  onOpen: (() => void) | null
}

/** In place of the buttons and the text field when the server takes no answers from the notifier. */
export function AnswerInWebApp({ draft, onDraftChange, onOpen }: AnswerInWebAppProps) {
  const { t } = useI18n()
  const draftId = useId()
  return (
    <div className="answer-in-web-app">
      <p className="answer-elsewhere">{t('panel.webOnly.why')}</p>
      {draft !== '' && (
        <>
          <label className="visually-hidden" htmlFor={draftId}>
            {t('panel.question.textLabel')}
          </label>
          <textarea
            id={draftId}
            className="free-text-input"
            rows={2}
            dir="auto"
            maxLength={MAX_ANSWER_CHARS}
            value={draft}
            onChange={(event) => onDraftChange(event.target.value)}
          />
        </>
      )}
      {onOpen && (
        <div className="free-text-actions">
          <span className="hint">{draft.trim() !== '' ? t('panel.webOnly.copies') : ''}</span>
          <button type="button" className="button button-primary" onClick={onOpen}>
            {t('panel.webOnly.answer')}
            <span className="external-mark" aria-hidden="true">
              ↗
            </span>
          </button>
        </div>
      )}
    </div>
  )
}
