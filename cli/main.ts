// Entry of the headless CLI: the same core as the desktop app, without Electron.
import { NotifierCore } from '../electron/main/core/notifier-core'
import type { FeedTiming } from '../electron/main/feed/feed-config'
import { createLineLogger } from '../electron/main/log/logger'
import { Redactor } from '../electron/main/log/redact'
import { type AnswerCommandResult, answer } from './answer'
import { type Command, ONE_CHOICE, parseCommand, secretsHeld, UsageError } from './args'
import { askAnswer } from './ask-answer'
import { answerLine } from './human-lines'
import { list } from './list'
import { LogSink } from './log-sink'
import { terminal as out } from './output'
import { readTiming } from './timing'
import { USAGE } from './usage'
import { watch } from './watch'

const EXIT_REFUSED = 3
const EXIT_CANCELLED = 4

/** Both ends are a person's terminal: readable lines, and questions may be asked. */
const onTerminal = () => process.stdin.isTTY === true && process.stdout.isTTY === true

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
}

async function run(
  command: Exclude<Command, { name: 'help' }>,
  timing: FeedTiming | undefined,
): Promise<number> {
  const verbose = 'verbose' in command && command.verbose
  const redactor = new Redactor()
  if (command.name !== 'list') for (const secret of secretsHeld(command.feed)) redactor.addSecret(secret)
  const logs = new LogSink()
  const log = createLineLogger(logs.write, {
    minLevel: verbose ? 'debug' : 'info',
    redact: (line) => redactor.redact(line),
  })
  if (command.name === 'list') {
    list(command.dataDir, command.json, log, out)
    return 0
  }
  const core = new NotifierCore({
    feed: command.feed,
    dataDir: command.dataDir,
    applicationName: `scrum4me-notifier-cli/${process.pid}`,
    log,
    timing,
    answerPath: command.answerPath,
  })
  if (command.name === 'watch') {
    // Piped, the lines stay JSON whatever the flags: scripts read them.
    await watch(core, out, untilSignal(), process.stdout.isTTY === true && !command.json)
    return 0
  }
  const asked = command.choice.kind === 'ask'
  const terminal = { input: process.stdin, output: process.stdout, logs }
  const outcome = await answer(core, command.questionId, command.choice, (question) =>
    askAnswer(question, out, terminal),
  )
  return report(command.questionId, outcome, asked)
}

function report(questionId: string, outcome: AnswerCommandResult, forPeople: boolean): number {
  switch (outcome.kind) {
    case 'sent':
    case 'queued':
      if (forPeople) out.text(answerLine(questionId, outcome, Date.now()).text)
      else out.json({ type: outcome.kind, id: questionId })
      return 0
    case 'cancelled':
      out.complain('cancelled: nothing was sent')
      return EXIT_CANCELLED
    case 'refused':
      out.complain(`answer refused (${outcome.reason}): ${outcome.message}`)
      return EXIT_REFUSED
    case 'unknown-option':
      out.complain(outcome.message)
      return EXIT_REFUSED
  }
}

async function main(argv: string[]): Promise<number> {
  let command: Command
  let timing: FeedTiming | undefined
  try {
    command = parseCommand(argv)
    if (command.name === 'answer' && command.choice.kind === 'ask' && !onTerminal())
      throw new UsageError(ONE_CHOICE)
    timing = readTiming()
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    out.complain(error.message)
    process.stderr.write(`\n${USAGE}`)
    return 2
  }
  if (command.name === 'help') {
    process.stdout.write(USAGE)
    return 0
  }
  return run(command, timing)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    out.complain(error instanceof Error ? error.message : String(error))
    process.exitCode = 1
  },
)
