// One rule for "this question takes one of these options / free text", used by the feed's parser
// (so by the panel and the toasts) and by the PostgreSQL answer rules: whatever is shown is accepted.
import { cutText } from './cut-text'

/** Scrum4Me asks with 1–8 options; later items are ignored everywhere. */
export const MAX_OPTIONS = 8
/**
 * Options are button labels. A longer one is kept one character past this limit, so every side can
 * tell it was cut: the cut text is not the option the server compares with, so such a question is
 * answered in Scrum4Me (answers/answer-rules.ts).
 */
export const MAX_OPTION_CHARS = 500

/** True when an option was cut (see MAX_OPTION_CHARS): such a question is answered in Scrum4Me. */
export function hasCutOption(options: readonly string[] | null): boolean {
  return options?.some((option) => option.length > MAX_OPTION_CHARS) ?? false
}

export interface OfferedOptions {
  /** The choices, in order; null means the answer is free text. */
  options: string[] | null
  /** An option was longer than MAX_OPTION_CHARS and was cut to one character more. */
  cut: boolean
}

/**
 * Decides from the raw `options` jsonb. A list whose first MAX_OPTIONS items are all strings offers
 * its non-blank items (a blank one cannot be a button); anything else — null, an object (context),
 * a list with other values, or one with nothing left — takes free text.
 */
export function offeredOptions(raw: unknown): OfferedOptions {
  if (!Array.isArray(raw)) return { options: null, cut: false }
  const items = raw.slice(0, MAX_OPTIONS)
  if (!items.every((item) => typeof item === 'string')) return { options: null, cut: false }
  const options = (items as string[]).filter((item) => item.trim() !== '')
  if (options.length === 0) return { options: null, cut: false }
  const cut = hasCutOption(options)
  return { options: cut ? options.map((option) => cutText(option, MAX_OPTION_CHARS + 1)) : options, cut }
}
