// Turns argv into a typed command; every mistake becomes a UsageError with a message.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { FeedConfig } from '../electron/main/feed/feed-config'
import { checkServerUrl } from '../electron/main/feed/sse/sse-auth'

export class UsageError extends Error {}

export type Command =
  | { name: 'help' }
  | { name: 'watch'; feed: FeedConfig; dataDir: string; verbose: boolean }

const FLAGS = {
  server: { type: 'string' },
  cookie: { type: 'string' },
  token: { type: 'string' },
  'stream-path': { type: 'string' },
  database: { type: 'string' },
  user: { type: 'string' },
  'data-dir': { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

export function parseCommand(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help || positionals.length === 0) return { name: 'help' }
  const [command, ...rest] = positionals
  if (command !== 'watch') throw new UsageError(`unknown command "${command}"`)
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`)
  return {
    name: 'watch',
    feed: feedFromFlags(values),
    dataDir: values['data-dir'] ?? join(homedir(), '.scrum4me-notifier'),
    verbose: values.verbose ?? false,
  }
}

function feedFromFlags(values: Partial<Record<keyof typeof FLAGS, string | boolean>>): FeedConfig {
  const text = (name: keyof typeof FLAGS) => {
    const value = values[name]
    if (typeof value !== 'string') return undefined
    if (value.trim() === '') throw new UsageError(`--${name} needs a value`)
    return value
  }
  const server = text('server')
  const database = text('database')
  if (server && database) throw new UsageError('give either --server or --database, not both')
  if (server) {
    const cookie = text('cookie')
    const token = text('token')
    if (Boolean(cookie) === Boolean(token))
      throw new UsageError('--server needs exactly one of --cookie or --token')
    if (cookie && !/^[^=\s;]+=[^;]*$/.test(cookie)) throw new UsageError('--cookie must look like NAME=VALUE')
    if (text('user')) throw new UsageError('--user goes with --database')
    try {
      checkServerUrl(server)
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
    const streamPath = text('stream-path')
    return {
      kind: 'sse',
      serverUrl: server,
      auth: cookie ? { kind: 'cookie', cookie } : { kind: 'bearer', token: token as string },
      ...(streamPath && { streamPath }),
    }
  }
  if (database) {
    const userId = text('user')
    if (!userId) throw new UsageError('--database needs --user USER_ID')
    if (text('cookie') || text('token')) throw new UsageError('--cookie and --token go with --server')
    if (!/^postgres(ql)?:\/\//.test(database)) throw new UsageError('--database must be a postgres:// URL')
    return { kind: 'pg', connectionString: database, userId }
  }
  throw new UsageError('give a connection: --server URL (--cookie | --token) or --database URL --user ID')
}
