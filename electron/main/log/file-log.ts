// The app's log: every line to stderr (for `npm start` and launchers) and to a size-capped file
// a user can attach to a bug report. electron-log's Node entry does the file and its rotation, so
// this runs, and is tested, without Electron.
import { join } from 'node:path'
import electronLog from 'electron-log/node'
import { createLineLogger, type Logger, type LogLevel } from './logger'
import type { Redactor } from './redact'

export const LOG_FILE = 'scrum4me-notifier.log'
const DEFAULT_MAX_BYTES = 1024 * 1024

export interface FileLoggerOptions {
  /** The folder for the log file; the app passes `app.getPath('logs')`. */
  dir: string
  /** Applied to every line before stderr or the file sees it. */
  redactor: Redactor
  /** Past this size the file moves to `*.old.log` (replacing the previous one) and starts afresh. */
  maxBytes?: number
  minLevel?: LogLevel
  /** The second sink, stderr unless a test listens in. */
  echo?: (line: string) => void
}

export interface FileLogger {
  log: Logger
  /** For "Open logs" and the diagnostics view. */
  filePath: string
}

export function createFileLogger(options: FileLoggerOptions): FileLogger {
  const filePath = join(options.dir, LOG_FILE)
  const echo = options.echo ?? ((line: string) => process.stderr.write(`${line}\n`))
  // Our own instance, so nothing else's configuration of electron-log's default logger leaks in.
  const sink = electronLog.create({ logId: `scrum4me-notifier:${filePath}` })
  for (const transport of Object.values(sink.transports)) {
    if (transport) transport.level = false
  }
  const file = sink.transports.file
  file.level = 'silly'
  file.resolvePathFn = () => filePath
  // Lines arrive finished (time, level, scope, fields, redacted); the file gets them verbatim.
  file.format = ({ data }) => data
  file.maxSize = options.maxBytes ?? DEFAULT_MAX_BYTES
  // Only stops electron-log hunting for a package.json to name the app; the path above is ours.
  file.setAppName('scrum4me-notifier')

  const log = createLineLogger(
    (line) => {
      echo(line)
      sink.info(line)
    },
    { minLevel: options.minLevel, redact: (line) => options.redactor.redact(line) },
  )
  return { log, filePath }
}
