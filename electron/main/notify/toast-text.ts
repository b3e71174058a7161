// Turns untrusted question text into something safe to hand to an OS notification.
import { markdownToPlainText } from '@shared/plain-text'
import type { Question } from '@shared/question'
import { singleLine } from '@shared/single-line'

const BODY_MAX_CHARS = 200
const TITLE_MAX_CHARS = 80
const BUTTON_MAX_CHARS = 40

/**
 * Plain text only. Some Linux notification daemons read a little markup in the body, so
 * `<`, `>` and `&` are replaced by look-alikes.
 */
export function plainToastText(text: string, maxChars: number): string {
  const chars = [...plainText(text)]
  return chars.length <= maxChars ? chars.join('') : `${chars.slice(0, maxChars - 1).join('')}…`
}

function plainText(text: string): string {
  return singleLine(text).trim().replace(/&/g, '＆').replace(/</g, '‹').replace(/>/g, '›')
}

/**
 * One button label per option, or null when a label would be cut or two would read the same: the
 * full option is what gets sent, so a button must say exactly which one it is.
 */
export function buttonLabels(options: readonly string[]): string[] | null {
  const labels = options.map(plainText)
  const fit = labels.every((label) => label.length > 0 && [...label].length <= BUTTON_MAX_CHARS)
  return fit && new Set(labels).size === labels.length ? labels : null
}

/** "Product · ST-101", falling back to the idea, then to what we have. */
export function toastTitle(question: Question): string {
  const where = question.storyCode ?? question.ideaCode ?? question.storyTitle ?? question.ideaTitle
  const parts = [question.productName, where].filter((part): part is string => Boolean(part))
  return plainToastText(parts.length > 0 ? parts.join(' · ') : 'Scrum4Me', TITLE_MAX_CHARS)
}

/** Agents write Markdown; a notification shows its plain-text form. */
export function toastBody(question: Question): string {
  return plainToastText(markdownToPlainText(question.text), BODY_MAX_CHARS)
}
