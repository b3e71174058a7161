// Turns how a test connection ended into the class the setup view explains in plain words. It
// reads the end's code only: the reason beside it is for people, and rewording it changes nothing here.
import type { FailureCode } from '@shared/failure-code'
import type { ConnectionFailure } from '@shared/setup'
import type { FailedEnd } from '../feed/transport'

/** PostgreSQL codes with one obvious meaning for the user. */
const SQLSTATE_CLASSES: Record<string, ConnectionFailure> = {
  // invalid_password, invalid_authorization_specification (no pg_hba entry, no such role)
  '28P01': 'db-auth',
  '28000': 'db-auth',
  // insufficient_privilege: the role may log in but not read the Scrum4Me tables
  '42501': 'db-auth',
  // read_only_sql_transaction: "cannot execute LISTEN during recovery" on a hot standby
  '25006': 'listen-denied',
  // no such database, not a Scrum4Me schema: the connection string points at the wrong place
  '3D000': 'invalid',
  '42P01': 'invalid',
  '42703': 'invalid',
  // the statement, lock, idle-session or idle-in-transaction timeout of the session
  '57014': 'timeout',
  '55P03': 'timeout',
  '57P05': 'timeout',
  '25P03': 'timeout',
}

export function classifyFailure(end: FailedEnd): ConnectionFailure {
  return classOf(end.code)
}

function classOf(code: FailureCode): ConnectionFailure {
  switch (code.type) {
    case 'dns':
    case 'tls':
    case 'timeout':
      return code.type
    case 'refused':
    case 'unreachable':
    case 'reset':
      return 'unreachable'
    case 'http':
      return httpClass(code.status)
    // 200 with HTML or JSON, or a redirect: a proxy or login page, not the realtime route.
    case 'not-event-stream':
    case 'redirect':
      return 'not-found'
    // The SSE server accepted us and then failed in its own way.
    case 'no-body':
    case 'server-error-event':
    case 'ended-before-snapshot':
    case 'invalid-snapshot':
    case 'event-too-large':
      return 'server-error'
    case 'sqlstate':
      // A pooler or proxy may refuse LISTEN with a code of its own; any other SQLSTATE is the
      // database answering with an error of its own (too many connections, starting up).
      return SQLSTATE_CLASSES[code.sqlstate] ?? (code.during === 'listen' ? 'listen-denied' : 'server-error')
    case 'listen-lost':
      return 'listen-denied'
    case 'settings':
      return 'invalid'
    case 'ended-early':
    case 'idle':
    case 'closed':
    case 'aborted':
    case 'unknown':
      return 'unreachable'
  }
}

function httpClass(status: number): ConnectionFailure {
  if (status === 401 || status === 403) return 'unauthorized'
  if (status === 204) return 'disabled'
  if (status === 429 || status >= 500) return 'server-error'
  // Any other 4xx: no realtime route at that address.
  return 'not-found'
}
