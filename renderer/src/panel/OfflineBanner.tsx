import type { FeedState } from '@shared/feed-state'
import type { ReactNode } from 'react'
import { feedWordsKey } from '../common/feed-words'
import { useI18n } from '../common/i18n'

interface OfflineBannerProps {
  feed: FeedState
  onReconnect: () => void
  /** Set when only a change of settings can help (signed out, wrong address, TLS). */
  onSettings: (() => void) | null
  /** Signed out of a Scrum4Me server: "Sign in again" takes the place of the offline words. */
  signInAgain?: ReactNode
}

export function OfflineBanner({ feed, onReconnect, onSettings, signInAgain }: OfflineBannerProps) {
  const { t } = useI18n()
  return (
    <section className="offline-banner" role="status">
      <strong className="offline-title">{t(feedWordsKey(feed))}</strong>
      {signInAgain ? (
        <div className="offline-body">{signInAgain}</div>
      ) : (
        <p className="offline-body">{t('panel.offline.body')}</p>
      )}
      <button type="button" className="button button-quiet offline-action" onClick={onReconnect}>
        {t('panel.offline.reconnect')}
      </button>
      {onSettings && (
        <button type="button" className="link-button offline-settings" onClick={onSettings}>
          {t('panel.offline.settings')}
        </button>
      )}
    </section>
  )
}
