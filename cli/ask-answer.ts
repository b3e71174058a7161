// `answer QUESTION_ID` on a terminal without --option or --text: show the question, ask for the
// answer. An empty line, Ctrl-C or Ctrl-D cancels; nothing is sent then.
import { createInterface } from 'node:readline/promises'
import type { Question } from '@shared/question'
import type { AnswerChoice } from './args'
import { askedAgo, questionBody, whereOf } from './human-lines'
import type { LogSink } from './log-sink'
import type { Output } from './output'

export interface Terminal {
  input: NodeJS.ReadableStream
  output: NodeJS.WritableStream
  /** Where the logs go, so that they can go above the prompt while it is open. */
  logs: LogSink
}

/** The choice, or null when the user cancelled. Asks again after an option number out of range. */
export async function askAnswer(
  question: Question,
  out: Output,
  terminal: Terminal,
): Promise<AnswerChoice | null> {
  out.text(`${whereOf(question)} — ${askedAgo(question.createdAt, Date.now())}`)
  for (const line of questionBody(question)) out.text(line.text, line.indent)
  const options = question.options ?? []
  const prompt =
    options.length > 0 ? `Answer 1-${options.length} (empty cancels): ` : 'Answer (empty cancels): '
  const cancel = new AbortController()
  const { input, output, logs } = terminal
  const readline = createInterface({ input, output, terminal: true })
  const endLogsAbove = logs.above(readline, output)
  readline.on('SIGINT', () => cancel.abort())
  readline.on('close', () => {
    // A closed interface throws on prompt(): no log line may redraw it from here on.
    endLogsAbove()
    cancel.abort()
  })
  try {
    for (;;) {
      const typed = (await readline.question(prompt, { signal: cancel.signal })).trim()
      if (typed === '') return null
      if (options.length === 0) return { kind: 'text', text: typed }
      const number = Number(typed)
      if (Number.isInteger(number) && number >= 1 && number <= options.length)
        return { kind: 'option-number', number }
      out.text(`Type a number from 1 to ${options.length}.`)
    }
  } catch (error) {
    if (cancel.signal.aborted) return null
    throw error
  } finally {
    endLogsAbove()
    readline.close()
  }
}
