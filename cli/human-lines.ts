// What the CLI shows people on a terminal: a question in a few bounded lines, times in local words.
// Output.text makes each line safe for the terminal; this module keeps the lines few and short.
import type { AnswerOutcome } from '@shared/answer'
import { cutText } from '@shared/cut-text'
import { formatDuration } from '@shared/duration'
import type { FeedState } from '@shared/feed-state'
import { markdownToPlainText } from '@shared/plain-text'
import type { Question } from '@shared/question'

const MAX_TEXT_LINES = 4
const MAX_LINE_CHARS = 200
const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS

export interface HumanLine {
  text: string
  indent?: number
}

/** "10:42", the local 24-hour clock. */
export function clockTime(at: number | string): string {
  const time = new Date(at)
  return `${String(time.getHours()).padStart(2, '0')}:${String(time.getMinutes()).padStart(2, '0')}`
}

/** "asked 12 min ago": whole units, rounded down. */
export function askedAgo(createdAt: string, now: number): string {
  const waited = Math.max(0, now - Date.parse(createdAt))
  if (waited < MINUTE_MS) return 'asked just now'
  if (waited < HOUR_MS) return `asked ${Math.floor(waited / MINUTE_MS)} min ago`
  if (waited < 2 * DAY_MS) return `asked ${Math.floor(waited / HOUR_MS)} h ago`
  return `asked ${Math.floor(waited / DAY_MS)} days ago`
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
