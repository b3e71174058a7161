import type { AnswerProgress } from '@shared/ipc/panel-state'
import { useI18n } from '../common/i18n'

interface AnswerStatusProps {
  progress: AnswerProgress | null
  handingOver: boolean
  handOverFailed: boolean
}

/** Where the answer stands; a live region, so the outcome is read out when it arrives. */
export function AnswerStatus({ progress, handingOver, handOverFailed }: AnswerStatusProps) {
  return (
    <div className="answer-status-region" role="status">
      <StatusLine progress={progress} handingOver={handingOver} handOverFailed={handOverFailed} />
    </div>
  )
}

function StatusLine({ progress, handingOver, handOverFailed }: AnswerStatusProps) {
  const { t } = useI18n()
  if (handOverFailed) return <p className="answer-status is-failed">{t('panel.answer.failed')}</p>
  if (!progress) {
    if (!handingOver) return null
    return (
      <p className="answer-status is-sending">
        <strong className="answer-verdict">{t('panel.answer.sending')}</strong>
      </p>
    )
  }
  if (progress.state === 'refused') {
    return (
      <p className="answer-status is-refused">
        <strong className="answer-verdict">{t('panel.answer.refused')}</strong>{' '}
        {t(`panel.refusal.${progress.reason}`)}
        <span className="answer-detail" dir="auto">
          {progress.message}
        </span>
      </p>
    )
  }
  const verdict = {
    sending: 'panel.answer.sending',
    queued: 'panel.answer.queued',
    answered: 'panel.answer.answered',
  } as const
  // A chosen option is already highlighted on its button; typed text is repeated here.
  return (
    <p className={`answer-status is-${progress.state}`}>
      <strong className="answer-verdict">{t(verdict[progress.state])}</strong>
      {progress.answer.kind === 'text' && (
        <span className="answer-value" dir="auto">
          {progress.answer.text}
        </span>
      )}
    </p>
  )
}
