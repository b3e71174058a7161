import type { FeedState } from '@shared/feed-state'
import { feedTone, feedWordsKey } from '../common/feed-words'
import { useI18n } from '../common/i18n'
import { clockTime } from '../common/time-format'

interface StatusBarProps {
  feed: FeedState
  lastSyncedAt: string | null
  pausedUntil: string | null
  now: number
  /** The key hint is noise while there is nothing to move to or answer. */
  showKeys: boolean
}

export function StatusBar({ feed, lastSyncedAt, pausedUntil, now, showKeys }: StatusBarProps) {
  const { locale, t } = useI18n()
  const synced = lastSyncedAt
    ? t('panel.status.synced', { time: clockTime(lastSyncedAt, locale, now) })
    : t('panel.status.neverSynced')
  return (
    <footer className="status-bar">
      <p className="status-line" role="status">
        <span className={`status-dot is-${feedTone(feed)}`} aria-hidden="true" />
        <span className="status-feed">{t(feedWordsKey(feed))}</span>
        <span className="status-sep" aria-hidden="true">
          ·
        </span>
        <span className="status-synced">{synced}</span>
      </p>
      {pausedUntil && (
        <p className="status-paused">
          {t('panel.status.paused', { time: clockTime(pausedUntil, locale, now) })}
        </p>
      )}
      {showKeys && <p className="status-keys">{t('panel.keys.hint')}</p>}
    </footer>
  )
}
