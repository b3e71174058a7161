// Entry of the headless CLI: the same core as the desktop app, without Electron.

import { type FeedTiming, feedTimingSchema } from '../electron/main/feed/feed-config'
import { createLineLogger } from '../electron/main/log/logger'
import { parseCommand, UsageError } from './args'
import { USAGE } from './usage'
import { watch } from './watch'

/** Test and tuning hook: JSON timing overrides (see README, "Timing overrides"). */
const TIMING_ENV = 'SCRUM4ME_NOTIFIER_TIMING'

function readTiming(): FeedTiming | undefined {
  const raw = process.env[TIMING_ENV]
  if (!raw) return undefined
  try {
    return feedTimingSchema.parse(JSON.parse(raw))
  } catch (error) {
    throw new UsageError(`${TIMING_ENV} is not valid: ${(error as Error).message}`)
  }
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
}

async function main(argv: string[]): Promise<number> {
  let command: ReturnType<typeof parseCommand>
  let timing: FeedTiming | undefined
  try {
    command = parseCommand(argv)
    timing = readTiming()
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`scrum4me-notifier: ${error.message}\n\n${USAGE}`)
    return 2
  }
  if (command.name === 'help') {
    process.stdout.write(USAGE)
    return 0
  }
  const log = createLineLogger((line) => process.stderr.write(`${line}\n`), {
    minLevel: command.verbose ? 'debug' : 'info',
  })
  await watch(
    {
      feed: command.feed,
      dataDir: command.dataDir,
      timing,
      log,
      print: (line) => process.stdout.write(`${line}\n`),
    },
    untilSignal(),
  )
  return 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`scrum4me-notifier: ${(error as Error).stack ?? String(error)}\n`)
    process.exitCode = 1
  },
)
