import { useI18n } from '../common/i18n'
import { waitingPhrase } from '../common/time-format'

/** "asked 12 min ago", and a mark when the agent has waited long (said in words, not only in colour). */
export function WaitingTime({
  id,
  createdAt,
  now,
  long,
}: {
  id: string
  createdAt: string
  now: number
  long: boolean
}) {
  const { t } = useI18n()
  const phrase = waitingPhrase(createdAt, now)
  return (
    <span id={id} className={`waiting${long ? ' is-long' : ''}`}>
      <time dateTime={createdAt}>{t(phrase.key, phrase.params)}</time>
      {long && <span className="waiting-badge">{t('panel.waiting.long')}</span>}
    </span>
  )
}
