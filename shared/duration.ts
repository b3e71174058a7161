// A duration in words for people: log lines, error messages and the diagnostics view. Whole
// milliseconds below a second, seconds with at most one decimal above. (The benchmarks keep their
// own finer format: they compare sub-millisecond figures.)
import type { Locale } from './i18n/messages'

export function formatDuration(ms: number, locale: Locale = 'en'): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(ms / 1000)} s`
}
