// The classification alone, on the codes the transports actually report (sse-transport.ts,
// pg-transport.ts, failure-code.ts); connection-test.test.ts checks the same against real servers.
// Each end keeps the reason line its transport writes beside the code, but only the code counts.
import type { FailureCode } from '@shared/failure-code'
import type { ConnectionFailure } from '@shared/setup'
import { describe, expect, it } from 'vitest'
import type { FailedEnd } from '../feed/transport'
import { classifyFailure } from './classify-failure'

const failure = (code: FailureCode, reason: string): FailedEnd => ({ kind: 'failure', code, reason })
const system = <T extends 'dns' | 'refused' | 'unreachable' | 'reset' | 'timeout'>(type: T, name: string) =>
  ({ type, system: name }) as const
const sqlstate = (code: string, during: 'connect' | 'listen' | 'query' = 'connect') =>
  ({ type: 'sqlstate', sqlstate: code, during }) as const

type Case = [FailedEnd, ConnectionFailure]

const SSE_FATAL: Case[] = [
  [
    {
      kind: 'fatal',
      failure: 'auth',
      code: { type: 'http', status: 401 },
      reason: 'signed out: the server refused the credentials (HTTP 401)',
    },
    'unauthorized',
  ],
  [
    {
      kind: 'fatal',
      failure: 'disabled',
      code: { type: 'http', status: 204 },
      reason: 'the server asked us to stop (HTTP 204)',
    },
    'disabled',
  ],
  [
    {
      kind: 'fatal',
      failure: 'tls',
      code: { type: 'tls', system: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
      reason: "the server's certificate was refused (DEPTH_ZERO_SELF_SIGNED_CERT)",
    },
    'tls',
  ],
  [
    {
      kind: 'fatal',
      failure: 'config',
      code: { type: 'http', status: 404 },
      reason: 'the stream URL is wrong or gone (HTTP 404)',
    },
    'not-found',
  ],
  [
    {
      kind: 'fatal',
      failure: 'config',
      code: { type: 'redirect' },
      reason: 'the server redirected the stream; not following it',
    },
    'not-found',
  ],
  [
    {
      kind: 'fatal',
      failure: 'not-configured',
      code: { type: 'settings' },
      reason: 'no connection is set up',
    },
    'invalid',
  ],
]

const SSE_FAILURES: Case[] = [
  [failure({ type: 'http', status: 503 }, 'the server answered HTTP 503'), 'server-error'],
  [failure({ type: 'http', status: 500 }, 'the server answered HTTP 500'), 'server-error'],
  [failure({ type: 'http', status: 429 }, 'the server answered HTTP 429'), 'server-error'],
  [
    failure({ type: 'server-error-event' }, 'the server reported an error: pg connect failed'),
    'server-error',
  ],
  // The server's own words must not pass for a network code of ours.
  [
    failure(
      { type: 'server-error-event' },
      'the server reported an error: connect ECONNREFUSED 10.0.0.5:5432',
    ),
    'server-error',
  ],
  [failure({ type: 'ended-before-snapshot' }, 'the stream ended before the state snapshot'), 'server-error'],
  [failure({ type: 'invalid-snapshot' }, 'the state snapshot was not valid'), 'server-error'],
  [failure({ type: 'no-body' }, 'the response has no body'), 'server-error'],
  [
    failure(
      { type: 'not-event-stream' },
      'unexpected content type "text/html; charset=utf-8" (captive portal?)',
    ),
    'not-found',
  ],
  [failure(system('dns', 'ENOTFOUND'), 'getaddrinfo ENOTFOUND scrum4me.invalid'), 'dns'],
  [failure(system('dns', 'EAI_AGAIN'), 'getaddrinfo EAI_AGAIN scrum4me.example.com'), 'dns'],
  [failure(system('refused', 'ECONNREFUSED'), 'connect ECONNREFUSED 127.0.0.1:3000'), 'unreachable'],
  [failure(system('unreachable', 'EHOSTUNREACH'), 'connect EHOSTUNREACH 10.1.2.3:443'), 'unreachable'],
  [failure(system('reset', 'ECONNRESET'), 'read ECONNRESET'), 'unreachable'],
  [failure(system('reset', 'UND_ERR_SOCKET'), 'other side closed (UND_ERR_SOCKET)'), 'unreachable'],
  [
    failure(
      system('timeout', 'UND_ERR_CONNECT_TIMEOUT'),
      'Connect Timeout Error (attempted address: example.com:443, timeout: 10000ms) (UND_ERR_CONNECT_TIMEOUT)',
    ),
    'timeout',
  ],
  [
    failure(system('timeout', 'UND_ERR_HEADERS_TIMEOUT'), 'Headers Timeout Error (UND_ERR_HEADERS_TIMEOUT)'),
    'timeout',
  ],
  [
    failure(
      system('reset', 'ECONNRESET'),
      'Client network socket disconnected before secure TLS connection was established (ECONNRESET)',
    ),
    'unreachable',
  ],
  [
    failure(
      { type: 'tls', system: 'ERR_SSL_WRONG_VERSION_NUMBER' },
      'write EPROTO 1234:error:0A00010B:SSL routines::wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)',
    ),
    'tls',
  ],
  [failure({ type: 'unknown' }, 'something nobody foresaw'), 'unreachable'],
]

const PG_FATAL: Case[] = [
  [
    {
      kind: 'fatal',
      failure: 'auth',
      code: sqlstate('28P01'),
      reason: 'the database refused the login: password authentication failed for user "n" (28P01)',
    },
    'db-auth',
  ],
  [
    {
      kind: 'fatal',
      failure: 'auth',
      code: sqlstate('28000'),
      reason: 'the database refused the login: no pg_hba.conf entry for host "1.2.3.4" (28000)',
    },
    'db-auth',
  ],
  [
    {
      kind: 'fatal',
      failure: 'tls',
      code: { type: 'tls' },
      reason: 'no TLS connection to the database: The server does not support SSL connections',
    },
    'tls',
  ],
  [
    {
      kind: 'fatal',
      failure: 'config',
      code: sqlstate('3D000'),
      reason: 'the database is not usable: database "x" does not exist (3D000)',
    },
    'invalid',
  ],
  [
    {
      kind: 'fatal',
      failure: 'config',
      code: sqlstate('42P01', 'query'),
      reason: 'the database is not usable: relation "claude_questions" does not exist (42P01)',
    },
    'invalid',
  ],
  [
    {
      kind: 'fatal',
      failure: 'config',
      code: sqlstate('42501', 'query'),
      reason: 'the database is not usable: permission denied for table claude_questions (42501)',
    },
    'db-auth',
  ],
  [
    {
      kind: 'fatal',
      failure: 'config',
      code: { type: 'settings' },
      reason: 'the database settings cannot be used: ENOENT: no such file, open /x/root.crt',
    },
    'invalid',
  ],
]

const PG_FAILURES: Case[] = [
  [failure(sqlstate('25006', 'listen'), 'cannot execute LISTEN during recovery (25006)'), 'listen-denied'],
  // A pooler refusing LISTEN with a code of its own.
  [
    failure(sqlstate('0A000', 'listen'), 'LISTEN is not supported in transaction pooling mode (0A000)'),
    'listen-denied',
  ],
  [failure(system('dns', 'ENOTFOUND'), 'getaddrinfo ENOTFOUND db.scrum4me.invalid'), 'dns'],
  [failure(system('refused', 'ECONNREFUSED'), 'connect ECONNREFUSED 127.0.0.1:5432'), 'unreachable'],
  [failure({ type: 'reset' }, 'Connection terminated unexpectedly'), 'unreachable'],
  [failure({ type: 'timeout' }, 'Connection terminated due to connection timeout'), 'timeout'],
  [failure(system('timeout', 'ETIMEDOUT'), 'connect ETIMEDOUT 10.0.0.9:5432'), 'timeout'],
  [failure(sqlstate('53300'), 'sorry, too many clients already (53300)'), 'server-error'],
  [failure(sqlstate('57P03'), 'the database system is starting up (57P03)'), 'server-error'],
  [failure(sqlstate('28P01', 'query'), 'password authentication failed for user "n" (28P01)'), 'db-auth'],
  [failure(sqlstate('57014', 'query'), 'canceling statement due to statement timeout (57014)'), 'timeout'],
]

describe('classifyFailure in SSE mode', () => {
  it.each(SSE_FATAL)('fatal %j is %s', (end, expected) => {
    expect(classifyFailure(end)).toBe(expected)
  })
  it.each(SSE_FAILURES)('%j is %s', (end, expected) => {
    expect(classifyFailure(end)).toBe(expected)
  })
})

describe('classifyFailure in pg mode', () => {
  it.each(PG_FATAL)('fatal %j is %s', (end, expected) => {
    expect(classifyFailure(end)).toBe(expected)
  })
  it.each(PG_FAILURES)('%j is %s', (end, expected) => {
    expect(classifyFailure(end)).toBe(expected)
  })
})

describe('classifyFailure and the reason text', () => {
  /** Reason lines that name other failures, or say nothing at all. */
  const REWORDINGS = [
    '',
    'the server answered HTTP 503',
    'connect ECONNREFUSED 127.0.0.1:1 (ENOTFOUND) timeout',
    'cannot execute LISTEN during recovery (25006) (28P01) (DEPTH_ZERO_SELF_SIGNED_CERT)',
    'unexpected content type "text/html" (captive portal?)',
  ]

  it.each([...SSE_FATAL, ...SSE_FAILURES, ...PG_FATAL, ...PG_FAILURES])(
    'rewording the reason of %j keeps it %s',
    (end, expected) => {
      for (const reason of REWORDINGS) expect(classifyFailure({ ...end, reason })).toBe(expected)
    },
  )
})
