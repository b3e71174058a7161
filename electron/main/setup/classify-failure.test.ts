// The classification alone, on the reason lines the transports actually write (sse-transport.ts,
// pg-transport.ts, describeError); connection-test.test.ts checks the same against real servers.
import { describe, expect, it } from 'vitest'
import { classifyFailure, codeIn, type FailedEnd } from './classify-failure'

const failure = (reason: string): FailedEnd => ({ kind: 'failure', reason })

describe('classifyFailure in SSE mode', () => {
  it.each([
    [
      { kind: 'fatal', failure: 'auth', reason: 'signed out: the server refused the credentials (HTTP 401)' },
      'unauthorized',
    ],
    [{ kind: 'fatal', failure: 'disabled', reason: 'the server asked us to stop (HTTP 204)' }, 'disabled'],
    [
      {
        kind: 'fatal',
        failure: 'tls',
        reason: "the server's certificate was refused (DEPTH_ZERO_SELF_SIGNED_CERT)",
      },
      'tls',
    ],
    [{ kind: 'fatal', failure: 'config', reason: 'the stream URL is wrong or gone (HTTP 404)' }, 'not-found'],
    [
      { kind: 'fatal', failure: 'config', reason: 'the server redirected the stream; not following it' },
      'not-found',
    ],
    [{ kind: 'fatal', failure: 'not-configured', reason: 'no connection is set up' }, 'invalid'],
  ] satisfies Array<[FailedEnd, string]>)('fatal %j is %s', (end, expected) => {
    expect(classifyFailure('sse', end)).toBe(expected)
  })

  it.each([
    ['the server answered HTTP 503', 'server-error'],
    ['the server answered HTTP 500', 'server-error'],
    ['the server answered HTTP 429', 'server-error'],
    ['the server reported an error: pg connect failed', 'server-error'],
    // The server's own words must not pass for a network code of ours.
    ['the server reported an error: connect ECONNREFUSED 10.0.0.5:5432', 'server-error'],
    ['the stream ended before the state snapshot', 'server-error'],
    ['the state snapshot was not valid', 'server-error'],
    ['the response has no body', 'server-error'],
    ['unexpected content type "text/html; charset=utf-8" (captive portal?)', 'not-found'],
    ['getaddrinfo ENOTFOUND scrum4me.invalid', 'dns'],
    ['getaddrinfo EAI_AGAIN scrum4me.example.com', 'dns'],
    ['connect ECONNREFUSED 127.0.0.1:3000', 'unreachable'],
    ['connect EHOSTUNREACH 10.1.2.3:443', 'unreachable'],
    ['read ECONNRESET', 'unreachable'],
    ['other side closed (UND_ERR_SOCKET)', 'unreachable'],
    [
      'Connect Timeout Error (attempted address: example.com:443, timeout: 10000ms) (UND_ERR_CONNECT_TIMEOUT)',
      'timeout',
    ],
    ['Headers Timeout Error (UND_ERR_HEADERS_TIMEOUT)', 'timeout'],
    [
      'Client network socket disconnected before secure TLS connection was established (ECONNRESET)',
      'unreachable',
    ],
    [
      'write EPROTO 1234:error:0A00010B:SSL routines::wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)',
      'tls',
    ],
    ['something nobody foresaw', 'unreachable'],
  ])('%s is %s', (reason, expected) => {
    expect(classifyFailure('sse', failure(reason))).toBe(expected)
  })
})

describe('classifyFailure in pg mode', () => {
  it.each([
    [
      {
        kind: 'fatal',
        failure: 'auth',
        reason: 'the database refused the login: password authentication failed for user "n" (28P01)',
      },
      'db-auth',
    ],
    [
      {
        kind: 'fatal',
        failure: 'auth',
        reason: 'the database refused the login: no pg_hba.conf entry for host "1.2.3.4" (28000)',
      },
      'db-auth',
    ],
    [
      {
        kind: 'fatal',
        failure: 'tls',
        reason: 'no TLS connection to the database: The server does not support SSL connections',
      },
      'tls',
    ],
    [
      {
        kind: 'fatal',
        failure: 'config',
        reason: 'the database is not usable: database "x" does not exist (3D000)',
      },
      'invalid',
    ],
    [
      {
        kind: 'fatal',
        failure: 'config',
        reason: 'the database is not usable: relation "claude_questions" does not exist (42P01)',
      },
      'invalid',
    ],
    [
      {
        kind: 'fatal',
        failure: 'config',
        reason: 'the database is not usable: permission denied for table claude_questions (42501)',
      },
      'db-auth',
    ],
    [
      {
        kind: 'fatal',
        failure: 'config',
        reason: 'the database settings cannot be used: ENOENT: no such file, open /x/root.crt',
      },
      'invalid',
    ],
  ] satisfies Array<[FailedEnd, string]>)('fatal %j is %s', (end, expected) => {
    expect(classifyFailure('pg', end)).toBe(expected)
  })

  it.each([
    ['cannot execute LISTEN during recovery (25006)', 'listen-denied'],
    ['LISTEN is not supported in transaction pooling mode', 'listen-denied'],
    ['getaddrinfo ENOTFOUND db.scrum4me.invalid', 'dns'],
    ['connect ECONNREFUSED 127.0.0.1:5432', 'unreachable'],
    ['Connection terminated unexpectedly', 'unreachable'],
    ['Connection terminated due to connection timeout', 'timeout'],
    ['connect ETIMEDOUT 10.0.0.9:5432', 'timeout'],
    ['sorry, too many clients already (53300)', 'server-error'],
    ['the database system is starting up (57P03)', 'server-error'],
    ['password authentication failed for user "n" (28P01)', 'db-auth'],
  ])('%s is %s', (reason, expected) => {
    expect(classifyFailure('pg', failure(reason))).toBe(expected)
  })
})

describe('codeIn', () => {
  it('finds the first known code and skips words that only look like one', () => {
    expect(codeIn('HTTPS ERROR while connecting: connect ECONNREFUSED 127.0.0.1:1')).toBe('ECONNREFUSED')
    expect(codeIn('password authentication failed (28P01)')).toBe('28P01')
    expect(codeIn('certificate (ERR_TLS_CERT_ALTNAME_INVALID)')).toBe('ERR_TLS_CERT_ALTNAME_INVALID')
    expect(codeIn('the server answered HTTP 503')).toBeUndefined()
  })
})
