// Relative, not @shared: test children load the logger with plain tsx outside the project's config.
import { escapeControls } from '../../../shared/single-line'
import { redactSecrets } from './redact'

// Kept here too: callers that only need the shape rules already import them from the logger.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFields = Record<string, unknown>

/** Structured logging: a message saying what happened and what happens next, plus fields. */
export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  child(scope: string): Logger
}

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

function formatFields(fields: LogFields | undefined): string {
  if (!fields) return ''
  const parts = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
  return parts.length > 0 ? ` (${parts.join(' ')})` : ''
}

/** A logger writing one line per entry to a sink (stderr for the CLI, a file in the app). */
export function createLineLogger(
  write: (line: string) => void,
  options: {
    minLevel?: LogLevel
    scope?: string
    now?: () => Date
    /** Runs on every finished line before the sink sees it; the app's adds the secrets it holds. */
    redact?: (line: string) => string
  } = {},
): Logger {
  const minLevel = options.minLevel ?? 'info'
  const redact = options.redact ?? redactSecrets
  const now = options.now ?? (() => new Date())
  const make = (scope: string | undefined): Logger => {
    const log = (level: LogLevel, message: string, fields?: LogFields) => {
      if (LEVEL_ORDER[level] < LEVEL_ORDER[minLevel]) return
      const prefix = scope ? `${scope}: ` : ''
      // Messages and fields carry server text: escaped, it can neither forge a line nor drive a terminal.
      const line = `${now().toISOString()} ${level} ${prefix}${message}${formatFields(fields)}`
      write(redact(escapeControls(line)))
    }
    return {
      debug: (message, fields) => log('debug', message, fields),
      info: (message, fields) => log('info', message, fields),
      warn: (message, fields) => log('warn', message, fields),
      error: (message, fields) => log('error', message, fields),
      child: (childScope) => make(scope ? `${scope}/${childScope}` : childScope),
    }
  }
  return make(options.scope)
}

/** For tests and embedders that want no output. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
}
