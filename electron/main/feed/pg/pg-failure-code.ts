// The failure code of an error from node-postgres: the server's SQLSTATE, Node's system code, or,
// for pg's own errors that carry no code at all, what pg's fixed messages say.
import type { FailureCode, PgStep } from '@shared/failure-code'
import { failureCodeOf } from '../failure-code'
import { pgModule } from './pg-module'

/** The server sends the SQLSTATE; anything not shaped like one is not taken for one. */
const SQLSTATE = /^[0-9A-Z]{5}$/
/** pg's own messages when the server will not do TLS at all; never fall back to plaintext. */
const TLS_REFUSED = /server does not support SSL|error establishing an SSL connection/i
/** pg's connect timeout ("… due to connection timeout") and query timeout ("Query read timeout"). */
const PG_TIMEOUT = /timeout/i
/** pg's "Connection terminated unexpectedly": the socket closed under a pending call. */
const PG_TERMINATED = /^Connection terminated/

export function pgFailureCode(error: unknown, during: PgStep): FailureCode {
  // Only a loaded pg can have raised one of its errors.
  const pg = pgModule.loaded()
  if (pg && error instanceof pg.DatabaseError) {
    // Its code is the server's text: only an SQLSTATE's shape is taken, and never as a system code.
    const sqlstate = error.code
    return sqlstate && SQLSTATE.test(sqlstate) ? { type: 'sqlstate', sqlstate, during } : { type: 'unknown' }
  }
  const code = failureCodeOf(error)
  if (code.type !== 'unknown' || code.system !== undefined || !(error instanceof Error)) return code
  if (TLS_REFUSED.test(error.message)) return { type: 'tls' }
  if (PG_TIMEOUT.test(error.message)) return { type: 'timeout' }
  if (PG_TERMINATED.test(error.message)) return { type: 'reset' }
  return code
}
