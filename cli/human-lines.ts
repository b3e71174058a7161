// What the CLI shows people on a terminal: a question in a few bounded lines, times in local words.
// Output.text makes each line safe for the terminal; this module keeps the lines few and short.
import type { AnswerOutcome } from '@shared/answer'
import { cutText } from '@shared/cut-text'
import { formatDuration } from '@shared/duration'
import type { FeedState } from '@shared/feed-state'
import { markdownToPlainText } from '@shared/plain-text'
import type { Question } from '@shared/question'
import { waitedSince } from '@shared/waited'

const MAX_TEXT_LINES = 4
const MAX_LINE_CHARS = 200

export interface HumanLine {
  text: string
  indent?: number
}

/** "10:42", the local 24-hour clock. */
export function clockTime(at: number | string): string {
  const time = new Date(at)
  return `${String(time.getHours()).padStart(2, '0')}:${String(time.getMinutes()).padStart(2, '0')}`
}

/** "asked 12 min ago", in the unit the panel uses too. */
export function askedAgo(createdAt: string, now: number): string {
  const waited = waitedSince(createdAt, now)
  switch (waited.unit) {
    case 'justNow':
      return 'asked just now'
    case 'minutes':
      return `asked ${waited.minutes} min ago`
    case 'hours':
      return `asked ${waited.hours} h ago`
    case 'days':
      return `asked ${waited.days} days ago`
  }
}

/** "Alpha · ST-101": where the question hangs. */
export function whereOf(question: Question): string {
  return [question.productName, question.storyCode ?? question.ideaCode].filter(Boolean).join(' · ')
}

/** The first lines of the text, each cut, and the options numbered as `--option` takes them. */
export function questionBody(question: Question): HumanLine[] {
  const lines = markdownToPlainText(question.text)
    .split('\n')
    .filter((line) => line.trim() !== '')
  const shown = lines.slice(0, MAX_TEXT_LINES).map((line) => ({ text: bounded(line), indent: 2 }))
  if (lines.length > MAX_TEXT_LINES) shown.push({ text: '…', indent: 2 })
  const options = (question.options ?? []).map((option, index) => ({
    text: bounded(`[${index + 1}] ${option}`),
    indent: 2,
  }))
  return [...shown, ...options]
}

/** `watch` on a terminal: a new question. */
export function questionLines(question: Question): HumanLine[] {
  const header = `${clockTime(question.createdAt)} — ${whereOf(question)} — ${question.id}`
  return [{ text: bounded(header) }, ...questionBody(question)]
}

export function stateLine(state: FeedState): HumanLine {
  const reason = state.reason ? `: ${state.reason}` : ''
  const retry = state.retryInMs ? ` (again in ${formatDuration(state.retryInMs)})` : ''
  return { text: bounded(`${clockTime(state.since)} ${state.state}${reason}${retry}`) }
}

export function closedLine(id: string, status: string, now: number): HumanLine {
  return { text: bounded(`${clockTime(now)} ${id} ${status}`) }
}

export function answerLine(id: string, outcome: AnswerOutcome, now: number): HumanLine {
  const result = outcome.kind === 'refused' ? `refused (${outcome.reason}): ${outcome.message}` : outcome.kind
  return { text: bounded(`${clockTime(now)} answer to ${id} ${result}`) }
}

function bounded(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${cutText(line, MAX_LINE_CHARS - 1)}…` : line
}
