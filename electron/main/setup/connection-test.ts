// "Test connection" in the setup view: one real attempt with the app's own transports, up to the
// first snapshot or the first failure, and then everything it opened is closed again.
import { formatDuration } from '@shared/duration'
import type { FailureCode } from '@shared/failure-code'
import type { ConnectionSettings } from '@shared/settings'
import { typedConnectionSchema } from '@shared/settings'
import type { ConnectionFailure, ConnectionTestResult, FailedConnectionTest } from '@shared/setup'
import { describeError } from '../common/describe-error'
import { createTransport } from '../feed/create-feed'
import { failureCodeOf } from '../feed/failure-code'
import type { FeedConfig } from '../feed/feed-config'
import { ConnectFailed, type FailedEnd, type FeedConnection, type FeedTransport } from '../feed/transport'
import type { Logger } from '../log/logger'
import { redactSecrets } from '../log/redact'
import { buildFeedConfig } from '../settings/feed-config-of'
import { classifyFailure } from './classify-failure'
import { checkPgAccess } from './pg-access-check'

export interface ConnectionTestDraft {
  connection: ConnectionSettings
  /** The cookie, token or database password; null or empty for none. */
  secret: string | null
}

export interface ConnectionTestOptions {
  /** `application_name` of the test's database sessions, so a DBA can tell them apart. */
  applicationName: string
  log: Logger
  /** For the whole test: connect, first snapshot and (pg) the access check. */
  timeoutMs?: number
}

/** A failed test as main knows it: with the code of the failure, when a transport reported one. */
type Failure = FailedConnectionTest & { code?: FailureCode }
type Outcome = Extract<ConnectionTestResult, { ok: true }> | Failure

const DEFAULT_TIMEOUT_MS = 10_000
const MAX_DETAIL_CHARS = 500

/** Never throws. The secret never reaches `detail` or the log. */
export async function testConnection(
  draft: ConnectionTestDraft,
  options: ConnectionTestOptions,
): Promise<ConnectionTestResult> {
  const log = options.log.child('setup')
  const secret = draft.secret || null
  let result: Outcome
  try {
    result = await runTest(draft.connection, secret, {
      applicationName: options.applicationName,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      log,
    })
  } catch (error) {
    // Only a bug gets here; the view still gets an answer it can show.
    result = failed('unreachable', describeError(error))
  }
  if (result.ok) {
    log.info(`connection test: ok, ${result.openQuestions} open question(s)`)
    return result
  }
  // The code is for the log; the view explains the class.
  const { code, ...failure } = result
  const safe: FailedConnectionTest = { ...failure, detail: scrub(failure.detail, secret) }
  log.warn(`connection test: failed (${safe.failure})`, { detail: safe.detail, code })
  return safe
}

interface RunOptions {
  applicationName: string
  timeoutMs: number
  log: Logger
}

async function runTest(connection: unknown, secret: string | null, options: RunOptions): Promise<Outcome> {
  // The draft comes from the renderer: check it here too, so a bad one is "invalid", not a crash.
  const parsed = typedConnectionSchema.safeParse(connection)
  if (!parsed.success) {
    return failed('invalid', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
  }
  const built = buildFeedConfig(parsed.data, secret)
  if (!built.ok) return failed('invalid', built.problem)
  const feed = built.feed
  let transport: FeedTransport
  try {
    transport = createTransport(feed, {
      applicationName: options.applicationName,
      connectTimeoutMs: options.timeoutMs,
    })
  } catch (error) {
    return failed('invalid', describeError(error))
  }
  options.log.info(`connection test: connecting (${feed.kind})`)

  const deadline = new AbortController()
  const timer = setTimeout(
    () => deadline.abort(new Error(`no answer within ${formatDuration(options.timeoutMs)}`)),
    options.timeoutMs,
  )
  try {
    const opened = await openOnce(transport, deadline.signal, options.log)
    if (!opened.ok) {
      if (deadline.signal.aborted) return failed('timeout', describeError(deadline.signal.reason))
      return failedWith(opened.end)
    }
    // SSE cannot tell whether the user may see any product; an empty stream is a working one.
    if (feed.kind === 'sse') return { ok: true, openQuestions: opened.openQuestions }
    return await checkAccess(feed, opened.openQuestions, deadline.signal, options)
  } finally {
    clearTimeout(timer)
  }
}

type Opened = { ok: true; openQuestions: number } | { ok: false; end: FailedEnd }

/** One attempt up to the first snapshot; the connection is closed before this returns. */
async function openOnce(transport: FeedTransport, signal: AbortSignal, log: Logger): Promise<Opened> {
  let openQuestions = 0
  let connection: FeedConnection
  try {
    connection = await transport.connect({
      signal,
      deliver: (update) => {
        if (update.kind === 'snapshot') openQuestions = update.questions.length
      },
      setRetryBase: () => {},
      // The test closes the connection once the snapshot is in: nothing to replace.
      replaceSoon: () => {},
      log,
    })
  } catch (error) {
    // On a failed attempt the transport has already released its sockets.
    return { ok: false, end: endOf(error) }
  }
  await connection.close()
  return { ok: true, openQuestions }
}

/** pg only: an empty open set may mean an unknown user or one who may see no product. */
async function checkAccess(
  feed: Extract<FeedConfig, { kind: 'pg' }>,
  openQuestions: number,
  signal: AbortSignal,
  options: RunOptions,
): Promise<Outcome> {
  try {
    const access = await checkPgAccess(feed.connectionString, feed.userId, {
      applicationName: options.applicationName,
      signal,
      timeoutMs: options.timeoutMs,
    })
    // The id is not repeated: what was typed may be a secret pasted into the wrong field.
    if (!access.userExists) return failed('unknown-user', 'the database has no user with that id')
    if (access.products === 0) {
      return failed(
        'no-products',
        'that user owns no active product and is a member of none, so no question can reach them',
      )
    }
    return { ok: true, openQuestions }
  } catch (error) {
    if (signal.aborted) return failed('timeout', describeError(signal.reason))
    return failedWith(endOf(error))
  }
}

/** A transport's or the access check's failure carries its code; anything else is a bug, coded by its error. */
function endOf(error: unknown): FailedEnd {
  if (error instanceof ConnectFailed) return error.end
  return { kind: 'failure', code: failureCodeOf(error), reason: describeError(error) }
}

function failedWith(end: FailedEnd): Failure {
  return { ...failed(classifyFailure(end), end.reason), code: end.code }
}

function failed(failure: ConnectionFailure, detail: string): FailedConnectionTest {
  return { ok: false, failure, detail }
}

/** One line, without the secret in any form we sent it, and without URL passwords or tokens. */
function scrub(text: string, secret: string | null): string {
  let clean = text
  if (secret) {
    for (const form of new Set([secret, encodeURIComponent(secret)])) clean = clean.split(form).join('***')
  }
  return redactSecrets(clean).replace(/\s+/g, ' ').trim().slice(0, MAX_DETAIL_CHARS)
}
