// Turns untrusted question text into something safe to hand to an OS notification.
import type { Question } from '@shared/question'
import { singleLine } from '@shared/single-line'

const BODY_MAX_CHARS = 200
const TITLE_MAX_CHARS = 80

/**
 * Plain text only. Some Linux notification daemons read a little markup in the body, so
 * `<`, `>` and `&` are replaced by look-alikes.
 */
export function plainToastText(text: string, maxChars: number): string {
  const cleaned = singleLine(text).trim().replace(/&/g, '＆').replace(/</g, '‹').replace(/>/g, '›')
  const chars = [...cleaned]
  return chars.length <= maxChars ? cleaned : `${chars.slice(0, maxChars - 1).join('')}…`
}

/** "Product · ST-101", falling back to the idea, then to what we have. */
export function toastTitle(question: Question): string {
  const where = question.storyCode ?? question.ideaCode ?? question.storyTitle ?? question.ideaTitle
  const parts = [question.productName, where].filter((part): part is string => Boolean(part))
  return plainToastText(parts.length > 0 ? parts.join(' · ') : 'Scrum4Me', TITLE_MAX_CHARS)
}

export function toastBody(question: Question): string {
  return plainToastText(question.text, BODY_MAX_CHARS)
}
