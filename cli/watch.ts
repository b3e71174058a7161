// `scrum4me-notifier watch`: the core, printing what it hears: JSON lines, or on a terminal
// (without --json) a few readable lines per event.
import type { FeedState } from '@shared/feed-state'
import type { AnswerSettled } from '../electron/main/answers/answer-dispatcher'
import type { NotifierCore } from '../electron/main/core/notifier-core'
import type { QuestionEvent } from '../electron/main/store/question-store'
import { answerLine, closedLine, type HumanLine, questionLines, stateLine } from './human-lines'
import type { Output } from './output'

interface WatchPrinter {
  state(state: FeedState): void
  questions(events: QuestionEvent[]): void
  answer(settled: AnswerSettled): void
}

/** Runs until `stop` resolves (a signal), then closes every connection. */
export async function watch(
  core: NotifierCore,
  out: Output,
  stop: Promise<void>,
  forPeople = false,
): Promise<void> {
  const print = forPeople ? peoplePrinter(out) : jsonPrinter(out)
  core.onState((state) => print.state(state))
  core.onQuestions((events) => print.questions(events))
  core.onAnswersSettled((settled) => print.answer(settled))
  core.start()
  await stop
  await core.close()
}

function jsonPrinter(out: Output): WatchPrinter {
  return {
    state: (state) => {
      const { since: _since, ...rest } = state
      out.json({ type: 'state', ...rest })
    },
    questions: (events) => {
      for (const event of events) out.json(event)
    },
    answer: ({ entry, result }) => out.json({ type: 'answer', id: entry.questionId, result }),
  }
}

function peoplePrinter(out: Output): WatchPrinter {
  const write = (lines: HumanLine[]) => {
    for (const line of lines) out.text(line.text, line.indent)
  }
  return {
    state: (state) => write([stateLine(state)]),
    questions: (events) => {
      for (const event of events) {
        if (event.type === 'closed') write([closedLine(event.id, event.status, Date.now())])
        else write(questionLines(event.question))
      }
    },
    answer: ({ entry, result }) => write([answerLine(entry.questionId, result, Date.now())]),
  }
}
