// Quiet hours on the local wall clock. A window belongs to the day it STARTS: 22:00–07:00 on
// Friday covers Friday 22:00 up to Saturday 07:00, even when Saturday itself is not a quiet day.
import type { Settings } from '@shared/settings'

export type QuietHours = Settings['quietHours']

const DAY_MINUTES = 24 * 60

/** 'HH:MM' → minutes after midnight; the settings schema has already checked the format. */
function minutesOf(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number)
  return hours * 60 + minutes
}

/**
 * Whether `at` falls in a quiet window. Times are local wall-clock times, so a DST switch
 * stretches or shortens that night's window by an hour rather than moving it. Start equal to
 * end means the whole day (from that time until the same time the next day).
 */
export function inQuietHours(quietHours: QuietHours, at: Date): boolean {
  if (!quietHours.enabled || quietHours.days.length === 0) return false
  const start = minutesOf(quietHours.start)
  const length = (minutesOf(quietHours.end) - start + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES
  const minute = at.getHours() * 60 + at.getMinutes()
  const today = at.getDay()
  const yesterday = (today + 6) % 7
  // A window that started today, or one that started yesterday and runs past midnight.
  const sinceTodaysStart = minute - start
  if (sinceTodaysStart >= 0 && sinceTodaysStart < length && quietHours.days.includes(today)) return true
  return minute + DAY_MINUTES - start < length && quietHours.days.includes(yesterday)
}
