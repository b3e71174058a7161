// Turns how a test connection ended into the class the setup view explains in plain words.
// The transports report a kind (fatal auth/tls/config/…) and one line of text; `describeError`
// puts the system code (ENOTFOUND, 28P01, …) into that line, so the code is read back from it.
import type { ConnectionFailure } from '@shared/setup'
import { isTlsErrorCode } from '../feed/tls-errors'
import type { ConnectFailed } from '../feed/transport'

export type FailedEnd = ConnectFailed['end']

/** Node, undici and PostgreSQL (SQLSTATE) codes with one obvious meaning for the user. */
const CODE_CLASSES: Record<string, ConnectionFailure> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  EAI_NODATA: 'dns',
  ECONNREFUSED: 'unreachable',
  ECONNRESET: 'unreachable',
  ECONNABORTED: 'unreachable',
  EHOSTUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  ENETUNREACH: 'unreachable',
  ENETDOWN: 'unreachable',
  EADDRNOTAVAIL: 'unreachable',
  EPIPE: 'unreachable',
  UND_ERR_SOCKET: 'unreachable',
  UND_ERR_CLOSED: 'unreachable',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
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
}

/** Ways the SSE server itself failed after it accepted us; its text may quote anything, so they go first. */
const SSE_SERVER_TROUBLE =
  /the server reported an error|ended before the state snapshot|snapshot was not valid|has no body|exceeded the size limit/i

/** The first code in a reason line, as `describeError` writes it ("… ECONNREFUSED …", "… (28P01)"). */
export function codeIn(reason: string): string | undefined {
  return reason.match(/[A-Z0-9_]{5,}/g)?.find((token) => token in CODE_CLASSES || isTlsErrorCode(token))
}

export function classifyFailure(kind: 'sse' | 'pg', end: FailedEnd): ConnectionFailure {
  if (end.kind === 'fatal') {
    switch (end.failure) {
      case 'auth':
        return kind === 'sse' ? 'unauthorized' : 'db-auth'
      case 'tls':
        return 'tls'
      case 'disabled':
        return 'disabled'
      case 'config':
        // SSE: a 4xx other than 401/403, or a redirect: no realtime route at that address.
        if (kind === 'sse') return 'not-found'
        return classifyByCode(end.reason) ?? 'invalid'
      case 'not-configured':
        return 'invalid'
    }
  }
  return kind === 'sse' ? classifySseReason(end.reason) : classifyPgReason(end.reason)
}

function classifyByCode(reason: string): ConnectionFailure | undefined {
  const code = codeIn(reason)
  if (code === undefined) return undefined
  return isTlsErrorCode(code) ? 'tls' : CODE_CLASSES[code]
}

function classifySseReason(reason: string): ConnectionFailure {
  const status = /\bHTTP (\d{3})\b/.exec(reason)?.[1]
  if (status !== undefined && (Number(status) >= 500 || status === '429')) return 'server-error'
  if (SSE_SERVER_TROUBLE.test(reason)) return 'server-error'
  // 200 with HTML or JSON: a proxy or login page, not the realtime route.
  if (/content type/i.test(reason)) return 'not-found'
  return classifyByCode(reason) ?? 'unreachable'
}

function classifyPgReason(reason: string): ConnectionFailure {
  const byCode = classifyByCode(reason)
  if (byCode) return byCode
  // A pooler or proxy may refuse LISTEN with a code of its own.
  if (/\bLISTEN\b/.test(reason)) return 'listen-denied'
  // pg's own connect timeout: "Connection terminated due to connection timeout".
  if (/timeout|timed out/i.test(reason)) return 'timeout'
  // Any other SQLSTATE: the database answered, with an error of its own (too many connections, starting up).
  if (/\([0-9A-Z]{5}\)/.test(reason)) return 'server-error'
  return 'unreachable'
}
