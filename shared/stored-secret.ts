// When the secret kept in the keychain may stand in for an empty secret field: only where it was
// given. Otherwise editing just the address would hand the token to another server, or join the
// database password to another host (which may ask for it in clear text). Main and the form share it.
import { pgEndpoint } from './pg-url'
import type { ConnectionSettings, TypedConnection } from './settings'

/** Same origin and kind of login (SSE), or same host, port, database and user (PostgreSQL). */
export function storedSecretFits(saved: ConnectionSettings, next: TypedConnection): boolean {
  if (saved.kind === 'sse' && next.kind === 'sse')
    return saved.authKind === next.authKind && originOf(saved.serverUrl) === originOf(next.serverUrl)
  if (saved.kind === 'pg' && next.kind === 'pg') {
    const endpoint = databaseEndpoint(saved.connectionString)
    return endpoint !== null && endpoint === databaseEndpoint(next.connectionString)
  }
  return false
}

function originOf(serverUrl: string): string | null {
  return URL.canParse(serverUrl) ? new URL(serverUrl).origin : null
}

/** Who the password is for, as pg resolves it; null (fits nothing) when that is unclear. */
function databaseEndpoint(connectionString: string): string | null {
  if (!URL.canParse(connectionString)) return null
  const endpoint = pgEndpoint(new URL(connectionString))
  return endpoint && JSON.stringify([endpoint.host, endpoint.port, endpoint.database, endpoint.user])
}
