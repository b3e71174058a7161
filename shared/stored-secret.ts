// When the secret kept in the keychain may stand in for an empty secret field: only where it was
// given. Otherwise editing just the address would hand the token to another server, or join the
// database password to another host (which may ask for it in clear text). Main and the form share it.
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

/** Who the password is for, with pg's own fallbacks: `?host=` and `?user=` win over the URL's parts. */
function databaseEndpoint(connectionString: string): string | null {
  if (!URL.canParse(connectionString)) return null
  const url = new URL(connectionString)
  const params = url.searchParams
  return JSON.stringify([
    (params.get('host') || decodeURIComponent(url.hostname)).toLowerCase(),
    url.port || '5432',
    decodeURIComponent(url.pathname.slice(1)),
    params.get('user') || decodeURIComponent(url.username),
  ])
}
