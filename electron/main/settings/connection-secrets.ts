// The secret part of a connection lives in the keychain, the rest in settings.json. These split a
// connection into the two and put them back together.
import type { SecretName } from '../credentials/secret-store'
import { checkConnectionString, parsePostgresUrl } from '../feed/pg/connection-string'
import type { SseAuth } from '../feed/sse/sse-auth'

export const DATABASE_PASSWORD: SecretName = 'database-password'

export type SseAuthKind = SseAuth['kind']

export function sseSecretName(kind: SseAuthKind): SecretName {
  return kind === 'cookie' ? 'session-cookie' : 'api-token'
}

/**
 * A cookie secret is the cookie's value when the settings name the cookie, else the whole `Cookie`
 * header (several cookies, as copied from a browser).
 */
export function sseAuthOf(kind: SseAuthKind, secret: string, cookieName?: string): SseAuth {
  if (kind === 'bearer') return { kind, token: secret }
  return { kind, cookie: cookieName ? `${cookieName}=${secret}` : secret }
}

/** `postgres://u:p@h/db` → `postgres://u@h/db` and `p`; the password is null when there is none. */
export function splitConnectionString(raw: string): { connectionString: string; password: string | null } {
  const url = parsePostgresUrl(raw)
  const password = url.password === '' ? null : decodeURIComponent(url.password)
  url.password = ''
  return { connectionString: url.href, password }
}

export function joinConnectionString(connectionString: string, password: string | null): string {
  const url = parsePostgresUrl(connectionString)
  if (password !== null) url.password = encodeURIComponent(password)
  return url.href
}

/**
 * The feed's connection string rules, applied when the user saves: `sslmode=verify-full` is written out for every
 * host that is not this machine, and plaintext to one is refused. Throws a message meant for the
 * user, without the password.
 */
export function secureConnectionString(raw: string): string {
  // The stored setting must mean the same on every start, whatever PGSSLMODE says then.
  return checkConnectionString(raw, {}).href
}
