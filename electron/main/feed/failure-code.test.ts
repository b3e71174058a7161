// The codes are read from the errors' `code` (and pg's error class), never from their wording.
import pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import { attemptFailure, failureCodeOf } from './failure-code'
import { pgFailureCode } from './pg/pg-failure-code'
import { pgModule } from './pg/pg-module'

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })

function databaseError(message: string, code: string): pg.DatabaseError {
  const error = new pg.DatabaseError(message, message.length, 'error')
  error.code = code
  return error
}

describe('failureCodeOf', () => {
  it('reads the code property and ignores what the message says', () => {
    const refused = withCode('HTTPS ERROR while connecting: getaddrinfo ENOTFOUND x', 'ECONNREFUSED')
    expect(failureCodeOf(refused)).toEqual({ type: 'refused', system: 'ECONNREFUSED' })
    expect(failureCodeOf(withCode('certificate', 'ERR_TLS_CERT_ALTNAME_INVALID'))).toEqual({
      type: 'tls',
      system: 'ERR_TLS_CERT_ALTNAME_INVALID',
    })
    expect(failureCodeOf(withCode('other side closed', 'UND_ERR_SOCKET'))).toEqual({
      type: 'reset',
      system: 'UND_ERR_SOCKET',
    })
    expect(failureCodeOf(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toEqual({ type: 'unknown' })
    expect(failureCodeOf(withCode('no such file', 'ENOENT'))).toEqual({ type: 'unknown', system: 'ENOENT' })
    expect(failureCodeOf('a string')).toEqual({ type: 'unknown' })
  })

  it('codes an attempt we gave up on as aborted, with the abort as its reason', () => {
    const controller = new AbortController()
    controller.abort(new Error('no connection within 500 ms'))
    expect(attemptFailure(withCode('aborted', 'ECONNRESET'), controller.signal)).toEqual({
      kind: 'failure',
      code: { type: 'aborted' },
      reason: 'no connection within 500 ms',
    })
  })
})

describe('pgFailureCode', () => {
  // As in the app, where only a pg loaded through pgModule can raise a pg error.
  beforeAll(() => pgModule.load())

  it('takes the SQLSTATE of a server error, with the statement it answered', () => {
    const error = databaseError('cannot execute LISTEN during recovery', '25006')
    expect(pgFailureCode(error, 'listen')).toEqual({ type: 'sqlstate', sqlstate: '25006', during: 'listen' })
    // A server can send anything as its code: only an SQLSTATE's shape is taken for one.
    expect(pgFailureCode(databaseError('odd', 'x'.repeat(300)), 'connect')).toEqual({ type: 'unknown' })
  })

  it('reads Node codes first, and pg’s own codeless errors by their fixed messages', () => {
    expect(pgFailureCode(withCode('connect ECONNREFUSED', 'ECONNREFUSED'), 'connect')).toMatchObject({
      type: 'refused',
    })
    expect(pgFailureCode(new Error('Connection terminated due to connection timeout'), 'connect')).toEqual({
      type: 'timeout',
    })
    expect(pgFailureCode(new Error('Query read timeout'), 'query')).toEqual({ type: 'timeout' })
    expect(pgFailureCode(new Error('Connection terminated unexpectedly'), 'listen')).toEqual({
      type: 'reset',
    })
    expect(pgFailureCode(new Error('The server does not support SSL connections'), 'connect')).toEqual({
      type: 'tls',
    })
    expect(pgFailureCode(new Error('something else'), 'query')).toEqual({ type: 'unknown' })
  })
})
