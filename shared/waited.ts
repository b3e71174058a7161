// How long an agent has waited, in the one whole unit the panel and the CLI both word it in.
const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

export type Waited =
  | { unit: 'justNow' }
  | { unit: 'minutes'; minutes: number }
  | { unit: 'hours'; hours: number }
  | { unit: 'days'; days: number }

/** Rounded down; a clock a little ahead of the server's, or an unreadable time, is "just now". */
export function waitedSince(createdAt: string, now: number): Waited {
  const waited = now - Date.parse(createdAt)
  if (!(waited >= MINUTE_MS)) return { unit: 'justNow' }
  if (waited < HOUR_MS) return { unit: 'minutes', minutes: Math.floor(waited / MINUTE_MS) }
  if (waited < 2 * DAY_MS) return { unit: 'hours', hours: Math.floor(waited / HOUR_MS) }
  return { unit: 'days', days: Math.floor(waited / DAY_MS) }
}
