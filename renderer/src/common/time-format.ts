// Times as the panel words them: a countdown to expiry, how long a question has waited and the
// clock time of the last sync.
import type { Locale, MessageKey } from '@shared/i18n/messages'
import { waitedSince } from '@shared/waited'

export interface Phrase {
  key: MessageKey
  params?: Record<string, number>
}

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

/** "expires in 3 h": whole units, rounded down, so the panel never promises more time than is left. */
export function expiryPhrase(expiresAt: string, now: number): Phrase {
  const left = Date.parse(expiresAt) - now
  if (!(left > 0)) return { key: 'panel.expiry.expired' }
  if (left < MINUTE_MS) return { key: 'panel.expiry.soon' }
  if (left < HOUR_MS)
    return { key: 'panel.expiry.minutes', params: { minutes: Math.floor(left / MINUTE_MS) } }
  if (left < 2 * DAY_MS) return { key: 'panel.expiry.hours', params: { hours: Math.floor(left / HOUR_MS) } }
  return { key: 'panel.expiry.days', params: { days: Math.floor(left / DAY_MS) } }
}

/** Under an hour left: the panel marks the question as urgent. */
export function expiresSoon(expiresAt: string, now: number): boolean {
  return Date.parse(expiresAt) - now < HOUR_MS
}

/** "asked 12 min ago", in the unit `waitedSince` picks. */
export function waitingPhrase(createdAt: string, now: number): Phrase {
  const { unit, ...params } = waitedSince(createdAt, now)
  return unit === 'justNow' ? { key: 'panel.waiting.justNow' } : { key: `panel.waiting.${unit}`, params }
}

/** An agent blocked this long on a question stands out in the panel. */
export const LONG_WAIT_MS = 30 * MINUTE_MS

export function waitsLong(createdAt: string, now: number): boolean {
  return now - Date.parse(createdAt) >= LONG_WAIT_MS
}

/** "10:42" today, "12 Mar 10:42" on another day; always a 24-hour clock, as in Scrum4Me. */
export function clockTime(iso: string, locale: Locale, now: number): string {
  const time = new Date(iso)
  const sameDay = time.toDateString() === new Date(now).toDateString()
  return new Intl.DateTimeFormat(locale, {
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(time)
}
