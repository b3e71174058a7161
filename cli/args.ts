// Turns argv into a typed command; every mistake becomes a UsageError with a message.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { checkServerUrl, isServerPath } from '@shared/server-url'
import type { FeedConfig } from '../electron/main/feed/feed-config'

export class UsageError extends Error {}

export type AnswerChoice = { kind: 'option-number'; number: number } | { kind: 'text'; text: string }

export type Command =
  | { name: 'help' }
  | { name: 'watch'; feed: FeedConfig; dataDir: string; verbose: boolean; answerPath?: string }
  | { name: 'list'; dataDir: string; json: boolean }
  | {
      name: 'answer'
      questionId: string
      choice: AnswerChoice
      feed: FeedConfig
      dataDir: string
      verbose: boolean
      answerPath?: string
    }

const FLAGS = {
  server: { type: 'string' },
  cookie: { type: 'string' },
  token: { type: 'string' },
  'stream-path': { type: 'string' },
  'answer-path': { type: 'string' },
  database: { type: 'string' },
  user: { type: 'string' },
  'data-dir': { type: 'string' },
  option: { type: 'string' },
  text: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

type FlagName = keyof typeof FLAGS
type FlagValues = Partial<Record<FlagName, string | boolean>>

/** The flags that choose and reach a server; watch and answer both connect. */
const CONNECTION_FLAGS: FlagName[] = [
  'server',
  'cookie',
  'token',
  'stream-path',
  'answer-path',
  'database',
  'user',
]

const ALLOWED: Record<Exclude<Command['name'], 'help'>, FlagName[]> = {
  watch: [...CONNECTION_FLAGS, 'data-dir', 'verbose'],
  list: ['data-dir', 'json'],
  answer: [...CONNECTION_FLAGS, 'data-dir', 'option', 'text', 'verbose'],
}

export function defaultDataDir(): string {
  return join(homedir(), '.scrum4me-notifier')
}

export function parseCommand(argv: readonly string[]): Command {
  let parsed: { values: FlagValues; positionals: string[] }
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help || positionals.length === 0) return { name: 'help' }
  const [command, ...rest] = positionals
  if (command !== 'watch' && command !== 'list' && command !== 'answer') {
    throw new UsageError(`unknown command "${command}"`)
  }
  for (const flag of Object.keys(values) as FlagName[]) {
    if (flag !== 'help' && !ALLOWED[command].includes(flag)) {
      throw new UsageError(`--${flag} does not go with "${command}"`)
    }
  }
  const dataDir = text(values, 'data-dir') ?? defaultDataDir()
  const verbose = values.verbose === true
  const answerPath = serverPath(values, 'answer-path')
  if (answerPath !== undefined && !answerPath.includes('{id}')) {
    throw new UsageError('--answer-path must contain {id}, e.g. /api/questions/{id}/answer')
  }
  const extras = { ...(answerPath !== undefined && { answerPath }) }

  switch (command) {
    case 'watch':
      expectPositionals(rest, 0)
      return { name: 'watch', feed: feedFromFlags(values), dataDir, verbose, ...extras }
    case 'list':
      expectPositionals(rest, 0)
      return { name: 'list', dataDir, json: values.json === true }
    case 'answer': {
      expectPositionals(rest, 1, 'answer needs the QUESTION_ID')
      const [questionId] = rest as [string]
      return {
        name: 'answer',
        questionId,
        choice: choiceFromFlags(values),
        feed: feedFromFlags(values),
        dataDir,
        verbose,
        ...extras,
      }
    }
  }
}

function expectPositionals(rest: string[], count: number, missing = ''): void {
  if (rest.length < count) throw new UsageError(missing)
  if (rest.length > count) throw new UsageError(`unexpected argument "${rest[count]}"`)
}

function text(values: FlagValues, name: FlagName): string | undefined {
  const value = values[name]
  if (typeof value !== 'string') return undefined
  if (value.trim() === '') throw new UsageError(`--${name} needs a value`)
  return value
}

/** The credentials go wherever the path leads, so it must stay on the server. */
function serverPath(values: FlagValues, name: 'stream-path' | 'answer-path'): string | undefined {
  const path = text(values, name)
  if (path !== undefined && !isServerPath(path))
    throw new UsageError(`--${name} must be a path on the server, starting with a single /`)
  return path
}

function choiceFromFlags(values: FlagValues): AnswerChoice {
  const option = text(values, 'option')
  const answer = text(values, 'text')
  if (Boolean(option) === Boolean(answer))
    throw new UsageError('answer needs exactly one of --option N or --text TEXT')
  if (answer !== undefined) return { kind: 'text', text: answer }
  const number = Number(option)
  if (!Number.isInteger(number) || number < 1 || number > 8) {
    throw new UsageError('--option takes the option number, 1 to 8, as shown by list')
  }
  return { kind: 'option-number', number }
}

function feedFromFlags(values: FlagValues): FeedConfig {
  const server = text(values, 'server')
  const database = text(values, 'database')
  if (server && database) throw new UsageError('give either --server or --database, not both')
  if (server) {
    const cookie = text(values, 'cookie')
    const token = text(values, 'token')
    if (Boolean(cookie) === Boolean(token))
      throw new UsageError('--server needs exactly one of --cookie or --token')
    if (cookie && !/^[^=\s;]+=[^;]*$/.test(cookie)) throw new UsageError('--cookie must look like NAME=VALUE')
    if (text(values, 'user')) throw new UsageError('--user goes with --database')
    try {
      checkServerUrl(server)
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
    const streamPath = serverPath(values, 'stream-path')
    return {
      kind: 'sse',
      serverUrl: server,
      auth: cookie ? { kind: 'cookie', cookie } : { kind: 'bearer', token: token as string },
      ...(streamPath && { streamPath }),
    }
  }
  if (database) {
    const userId = text(values, 'user')
    if (!userId) throw new UsageError('--database needs --user USER_ID')
    if (text(values, 'cookie') || text(values, 'token'))
      throw new UsageError('--cookie and --token go with --server')
    if (!/^postgres(ql)?:\/\//.test(database)) throw new UsageError('--database must be a postgres:// URL')
    return { kind: 'pg', connectionString: database, userId }
  }
  throw new UsageError('give a connection: --server URL (--cookie | --token) or --database URL --user ID')
}
