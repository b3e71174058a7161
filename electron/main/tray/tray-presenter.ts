// What the tray shows, as a pure function of the app's state, so every combination is tested
// without a tray.
import type { FeedState } from '@shared/feed-state'
import type { Locale } from '@shared/i18n/messages'
import { translator } from '@shared/i18n/translate'
import { isPausedAt } from '../notify/notification-pause'

/** Connected with open questions, where the count cannot sit beside the icon. */
export type TrayCountIconName = `tray-connected-${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | '9plus'}`

export type TrayIconName =
  | 'tray-connectedTemplate'
  | TrayCountIconName
  | 'tray-offlineTemplate'
  | 'tray-failed'
  | 'tray-pausedTemplate'

export interface TrayInputs {
  feed: FeedState
  openCount: number
  /** When the longest-waiting open question was asked (ms since epoch), or null with none open. */
  oldestAskedAt: number | null
  /** Toasts are paused until this time (ms since epoch), or null. */
  pausedUntil: number | null
  locale: Locale
  now: number
  /** For tests; the system time zone otherwise. */
  timeZone?: string
  /** Linux and Windows show no title beside the icon, so the count goes into the icon. */
  countInIcon?: boolean
  /** Signed out of (or soon out of) a Scrum4Me server: the menu offers "Sign in again…". */
  signInAgain: boolean
}

export interface TrayView {
  icon: TrayIconName
  tooltip: string
  /** Shown beside the icon on macOS; empty hides it. */
  title: string
}

export function presentTray(inputs: TrayInputs): TrayView {
  const t = translator(inputs.locale)
  const paused = isPausedAt(inputs.pausedUntil, inputs.now)
  const time = (ms: number) =>
    new Intl.DateTimeFormat(inputs.locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: inputs.timeZone,
    }).format(ms)

  const count =
    inputs.openCount === 0
      ? t('tray.tooltip.none')
      : inputs.openCount === 1
        ? t('tray.tooltip.one')
        : t('tray.tooltip.count', { count: inputs.openCount })
  // A clock time, not "for 40 min": the tooltip is only redrawn when something changes.
  const oldestWait =
    inputs.openCount > 0 && inputs.oldestAskedAt !== null
      ? t('tray.tooltip.oldestWait', { time: time(inputs.oldestAskedAt) })
      : null
  const parts = [count, oldestWait, feedPhrase(inputs.feed, t, time)]
  if (paused && inputs.pausedUntil !== null)
    parts.push(t('tray.tooltip.paused', { time: time(inputs.pausedUntil) }))

  return {
    icon: withCount(iconFor(inputs.feed, paused), inputs.countInIcon ? inputs.openCount : 0),
    tooltip: parts.filter((part): part is string => part !== null).join(' · '),
    title: inputs.openCount > 0 ? String(inputs.openCount) : '',
  }
}

/** A broken or lost connection matters more than a pause, so it wins the icon. */
function iconFor(feed: FeedState, paused: boolean): TrayIconName {
  switch (feed.state) {
    case 'failed':
      return 'tray-failed'
    case 'disconnected':
    case 'suspended':
    case 'closed':
      return 'tray-offlineTemplate'
    default:
      return paused ? 'tray-pausedTemplate' : 'tray-connectedTemplate'
  }
}

/** Only the plain connected icon gets a badge: the other states already carry a mark there. */
function withCount(icon: TrayIconName, count: number): TrayIconName {
  if (icon !== 'tray-connectedTemplate' || count <= 0) return icon
  return count > 9 ? 'tray-connected-9plus' : `tray-connected-${count as 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}`
}

function feedPhrase(
  feed: FeedState,
  t: ReturnType<typeof translator>,
  time: (ms: number) => string,
): string | null {
  switch (feed.state) {
    case 'connected':
      return null
    case 'disconnected':
    case 'suspended':
      return t('tray.tooltip.offlineSince', { time: time(feed.since) })
    case 'failed':
      return t(`feed.failed.${feed.failure ?? 'config'}`)
    default:
      return t(`feed.${feed.state}`)
  }
}
