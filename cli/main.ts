// Entry of the headless CLI: the same core as the desktop app, without Electron.
import { NotifierCore } from '../electron/main/core/notifier-core'
import type { FeedTiming } from '../electron/main/feed/feed-config'
import { createLineLogger } from '../electron/main/log/logger'
import { Redactor } from '../electron/main/log/redact'
import { answer } from './answer'
import { type Command, parseCommand, secretsHeld, UsageError } from './args'
import { list } from './list'
import { terminal as out } from './output'
import { readTiming } from './timing'
import { USAGE } from './usage'
import { watch } from './watch'

const EXIT_REFUSED = 3

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
  const log = createLineLogger((line) => process.stderr.write(`${line}\n`), {
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
    await watch(core, out, untilSignal())
    return 0
  }
  const outcome = await answer(core, command.questionId, command.choice)
  switch (outcome.kind) {
    case 'sent':
    case 'queued':
      out.json({ type: outcome.kind, id: command.questionId })
      return 0
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
