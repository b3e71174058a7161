import { useI18n } from '../common/i18n'
import { expiresSoon, expiryPhrase } from '../common/time-format'

export function ExpiryCountdown({ expiresAt, now }: { expiresAt: string; now: number }) {
  const { t } = useI18n()
  const phrase = expiryPhrase(expiresAt, now)
  return (
    <time className={`expiry${expiresSoon(expiresAt, now) ? ' is-soon' : ''}`} dateTime={expiresAt}>
      {t(phrase.key, phrase.params)}
    </time>
  )
}
