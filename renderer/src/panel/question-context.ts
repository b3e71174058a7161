// What a question's context object (e.g. a merge conflict's) shows: the keys Scrum4Me is known to
// send, each in its own form, and the rest as a short key/value list. Untrusted and arbitrary
// JSON, so every part is bounded and ends up as text.
import { cutText } from '@shared/cut-text'

export const MAX_CONFLICT_FILES = 50
export const MAX_OTHER_ENTRIES = 10
const MAX_KEY_CHARS = 60
const MAX_VALUE_CHARS = 200

export interface ContextView {
  /** The pull request, as written (QuestionLink decides whether it is clickable). */
  pullRequestUrl: string | null
  conflictFiles: string[]
  /** Files past MAX_CONFLICT_FILES, counted, not shown. */
  moreConflictFiles: number
  sprintRunId: string | null
  other: Array<{ key: string; value: string }>
  /** Keys past MAX_OTHER_ENTRIES, counted, not shown. */
  moreOther: number
}

const KNOWN_KEYS = new Set(['pr_url', 'conflict_files', 'sprint_run_id'])

export function contextView(context: Record<string, unknown>): ContextView {
  const files = Array.isArray(context.conflict_files) ? context.conflict_files.map(valueText) : []
  const otherKeys = Object.keys(context).filter(
    (key) => !KNOWN_KEYS.has(key) || !isShownAsKnown(key, context[key]),
  )
  return {
    pullRequestUrl: typeof context.pr_url === 'string' ? cutText(context.pr_url, 4096) : null,
    conflictFiles: files.slice(0, MAX_CONFLICT_FILES),
    moreConflictFiles: Math.max(0, files.length - MAX_CONFLICT_FILES),
    sprintRunId: isScalar(context.sprint_run_id) ? valueText(context.sprint_run_id) : null,
    other: otherKeys
      .slice(0, MAX_OTHER_ENTRIES)
      .map((key) => ({ key: cutText(key, MAX_KEY_CHARS), value: valueText(context[key]) })),
    moreOther: Math.max(0, otherKeys.length - MAX_OTHER_ENTRIES),
  }
}

/** A known key with a value of the wrong shape is shown as an unknown one, so nothing is hidden. */
function isShownAsKnown(key: string, value: unknown): boolean {
  if (key === 'pr_url') return typeof value === 'string'
  if (key === 'conflict_files') return Array.isArray(value)
  return isScalar(value)
}

function isScalar(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number'
}

/** A string as it is, anything else as compact JSON; cut either way. */
function valueText(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
  return text.length > MAX_VALUE_CHARS ? `${cutText(text, MAX_VALUE_CHARS - 1)}…` : text
}
