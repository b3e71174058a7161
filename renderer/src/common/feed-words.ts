// The feed state in the words and colours the panel uses.
import type { FeedState } from '@shared/feed-state'
import type { MessageKey } from '@shared/i18n/messages'

export type FeedTone = 'ok' | 'busy' | 'off'

export function feedWordsKey(feed: FeedState): MessageKey {
  if (feed.state === 'failed') return feed.failure ? `feed.failed.${feed.failure}` : 'feed.disconnected'
  return `feed.${feed.state}`
}

export function feedTone(feed: FeedState): FeedTone {
  if (feed.state === 'connected') return 'ok'
  if (feed.state === 'connecting' || feed.state === 'idle') return 'busy'
  return 'off'
}

/** The list shown is the cached one and answers queue up. */
export function isOffline(feed: FeedState): boolean {
  return feed.state === 'disconnected' || feed.state === 'suspended' || feed.state === 'failed'
}
