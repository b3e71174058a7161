// Turns argv into a typed command; every mistake becomes a UsageError with a message.
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { checkServerUrl, isServerPath } from '@shared/server-url'
import { type FeedConfig, secretsOf } from '../electron/main/feed/feed-config'
import { checkConnectionString } from '../electron/main/feed/pg/connection-string'
import type { SseAuth } from '../electron/main/feed/sse/sse-auth'

export class UsageError extends Error {}

/** `ask`: neither --option nor --text; asked for on a terminal, a usage error elsewhere. */
export type AnswerChoice =
  | { kind: 'option-number'; number: number }
  | { kind: 'text'; text: string }
  | { kind: 'ask' }

export type Command =
  | { name: 'help' }
  | {
      name: 'watch'
      feed: FeedConfig
      dataDir: string
      verbose: boolean
      /** JSON lines also on a terminal. */
      json: boolean
      answerPath?: string
    }
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
  'cookie-file': { type: 'string' },
  'token-file': { type: 'string' },
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
  'cookie-file',
  'token-file',
  'stream-path',
  'answer-path',
  'database',
  'user',
]

const ALLOWED: Record<Exclude<Command['name'], 'help'>, FlagName[]> = {
  watch: [...CONNECTION_FLAGS, 'data-dir', 'verbose', 'json'],
  list: ['data-dir', 'json'],
  answer: [...CONNECTION_FLAGS, 'data-dir', 'option', 'text', 'verbose'],
}

/** Where a credential can come from besides the flags; tests pass their own. */
export interface SecretSources {
  env: NodeJS.ProcessEnv
  /** Reads a --token-file or --cookie-file; `-` is standard input. */
  readFile(path: string): string
}

const TOKEN_ENV = 'SCRUM4ME_TOKEN'
const COOKIE_ENV = 'SCRUM4ME_COOKIE'
/** The flags that carry an SSE credential, and what kind each one carries. */
const CREDENTIAL_FLAGS = {
  cookie: 'cookie',
  'cookie-file': 'cookie',
  token: 'bearer',
  'token-file': 'bearer',
} as const satisfies Partial<Record<FlagName, SseAuth['kind']>>
type CredentialFlag = keyof typeof CREDENTIAL_FLAGS

const processSources: SecretSources = {
  env: process.env,
  readFile: (path) => readFileSync(path === '-' ? 0 : path, 'utf8'),
}

/**
 * Every secret the process holds, for the redactor: the credential (from a flag, SCRUM4ME_TOKEN,
 * SCRUM4ME_COOKIE or a file) and the database password, from the URL or PGPASSWORD. A ~/.pgpass
 * password is read by pg itself and never passes through our code.
 */
export function secretsHeld(feed: FeedConfig, env: NodeJS.ProcessEnv = process.env): string[] {
  const envPassword = feed.kind === 'pg' ? env.PGPASSWORD : undefined
  return [...secretsOf(feed), ...(envPassword ? [envPassword] : [])]
}

function defaultDataDir(): string {
  return join(homedir(), '.scrum4me-notifier')
}

/**
 * node's messages quote what was typed, and an unknown "option" may be a pasted secret. A value
 * error is only raised for our own flags, so the flag it names is one of ours.
 */
function describeParseArgsError(error: unknown): string {
  const code = (error as { code?: unknown }).code
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const message = (error as Error).message
    const flag = Object.keys(FLAGS).find((name) => new RegExp(`'--${name}[ ']`).test(message))
    if (flag) return `--${flag} is missing its value, or takes none`
  }
  return 'unknown option (see --help)'
}

export function parseCommand(argv: readonly string[], sources: SecretSources = processSources): Command {
  let parsed: { values: FlagValues; positionals: string[] }
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError(describeParseArgsError(error))
  }
  const { values, positionals } = parsed
  if (values.help || positionals.length === 0) return { name: 'help' }
  const [command, ...rest] = positionals
  if (command !== 'watch' && command !== 'list' && command !== 'answer') {
    // Not repeated: a stray word may be a secret typed without its flag.
    throw new UsageError('unknown command (expected watch, list or answer)')
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
      return {
        name: 'watch',
        feed: feedFromFlags(values, sources),
        dataDir,
        verbose,
        json: values.json === true,
        ...extras,
      }
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
        feed: feedFromFlags(values, sources),
        dataDir,
        verbose,
        ...extras,
      }
    }
  }
}

function expectPositionals(rest: string[], count: number, missing = ''): void {
  if (rest.length < count) throw new UsageError(missing)
  // Not repeated, for the same reason as an unknown command.
  if (rest.length > count) throw new UsageError('unexpected extra argument')
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

export const ONE_CHOICE = 'answer needs exactly one of --option N or --text TEXT'

function choiceFromFlags(values: FlagValues): AnswerChoice {
  const option = text(values, 'option')
  const answer = text(values, 'text')
  if (option && answer) throw new UsageError(ONE_CHOICE)
  if (!option && !answer) return { kind: 'ask' }
  if (answer !== undefined) return { kind: 'text', text: answer }
  const number = Number(option)
  if (!Number.isInteger(number) || number < 1 || number > 8) {
    throw new UsageError('--option takes the option number, 1 to 8, as shown by list')
  }
  return { kind: 'option-number', number }
}

function feedFromFlags(values: FlagValues, sources: SecretSources): FeedConfig {
  const server = text(values, 'server')
  const database = text(values, 'database')
  if (server && database) throw new UsageError('give either --server or --database, not both')
  if (server) {
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
      auth: authFrom(values, sources),
      ...(streamPath && { streamPath }),
    }
  }
  if (database) {
    const userId = text(values, 'user')
    if (!userId) throw new UsageError('--database needs --user USER_ID')
    const stray = credentialFlagsGiven(values)[0]
    if (stray) throw new UsageError(`--${stray} goes with --server`)
    if (!/^postgres(ql)?:\/\//.test(database)) throw new UsageError('--database must be a postgres:// URL')
    try {
      // The TLS rules of every connection, settled now: a refused URL is a usage error, not a retry loop.
      return { kind: 'pg', connectionString: checkConnectionString(database, sources.env).href, userId }
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
  }
  throw new UsageError(
    `give a connection: --server URL with ${TOKEN_ENV} or --token-file (or a cookie), or --database URL --user ID`,
  )
}

function credentialFlagsGiven(values: FlagValues): CredentialFlag[] {
  return (Object.keys(CREDENTIAL_FLAGS) as CredentialFlag[]).filter((flag) => values[flag] !== undefined)
}

/** One credential: from a flag, else from SCRUM4ME_TOKEN or SCRUM4ME_COOKIE. */
function authFrom(values: FlagValues, sources: SecretSources): SseAuth {
  const flags = credentialFlagsGiven(values)
  if (flags.length > 1)
    throw new UsageError(`give one credential, not ${flags.map((f) => `--${f}`).join(' and ')}`)
  const [flag] = flags
  if (flag) return authOf(CREDENTIAL_FLAGS[flag], credentialFromFlag(values, flag, sources), `--${flag}`)
  const token = sources.env[TOKEN_ENV]?.trim() || undefined
  const cookie = sources.env[COOKIE_ENV]?.trim() || undefined
  if (token && cookie) throw new UsageError(`set only one of ${TOKEN_ENV} and ${COOKIE_ENV}`)
  if (token) return authOf('bearer', token, TOKEN_ENV)
  if (cookie) return authOf('cookie', cookie, COOKIE_ENV)
  throw new UsageError(
    `--server needs a credential: ${TOKEN_ENV}, ${COOKIE_ENV}, --token-file or --cookie-file`,
  )
}

function credentialFromFlag(values: FlagValues, flag: CredentialFlag, sources: SecretSources): string {
  if (flag === 'cookie' || flag === 'token') return text(values, flag) as string
  const path = text(values, flag) as string
  const where = path === '-' ? 'standard input' : path
  let content: string
  try {
    content = sources.readFile(path)
  } catch (error) {
    throw new UsageError(
      `--${flag}: cannot read ${where} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    )
  }
  // A file ends with a newline; a credential never starts or ends with white space.
  const secret = content.trim()
  if (secret === '') throw new UsageError(`--${flag}: ${where} is empty`)
  return secret
}

function authOf(kind: SseAuth['kind'], secret: string, source: string): SseAuth {
  if (kind === 'bearer') return { kind, token: secret }
  if (!/^[^=\s;]+=[^;]*$/.test(secret)) throw new UsageError(`${source} must look like NAME=VALUE`)
  return { kind, cookie: secret }
}
