import type { FeedState } from '@shared/feed-state'
import { feedWordsKey } from './feed-words'
import { useI18n } from './i18n'

export function OfflineBanner({ feed, onReconnect }: { feed: FeedState; onReconnect: () => void }) {
  const { t } = useI18n()
  return (
    <section className="offline-banner" role="status">
      <strong className="offline-title">{t(feedWordsKey(feed))}</strong>
      <p className="offline-body">{t('panel.offline.body')}</p>
      <button type="button" className="button button-quiet offline-action" onClick={onReconnect}>
        {t('panel.offline.reconnect')}
      </button>
    </section>
  )
}
