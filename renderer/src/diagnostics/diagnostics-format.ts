// Figures as the diagnostics view words them.
import type { FeedStateChange } from '@shared/diagnostics'
import type { Locale, MessageKey } from '@shared/i18n/messages'
import { feedWordsKey } from '../common/feed-words'

const UNITS = ['B', 'KB', 'MB', 'GB'] as const

export function formatBytes(bytes: number, locale: Locale): string {
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024
    unit += 1
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`
}

/** Date and time to the second: diagnostics are read next to log lines. */
export function formatMoment(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso))
}

/** A history row's state: a reconnect the feed did not show is named as such, never as offline. */
export function historyWordsKey(change: FeedStateChange): MessageKey {
  if (change.reconnect) return `diagnostics.reconnect.${change.reconnect}`
  return feedWordsKey({ state: change.state, since: 0 })
}

/** The middle latency: one slow question should not make the feed look slow. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}
