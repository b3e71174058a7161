// What pg will really use from a postgres:// URL. pg-connection-string copies every query parameter
// over the URL's own parts, the last of a repeated one winning, so any check that reads the first
// (`searchParams.get`) could approve one host while pg connects to another.

/** Who a connection is for, as pg resolves it: `?host=`, `?port=`, `?user=` win over the URL's parts. */
export interface PgEndpoint {
  host: string
  port: string
  database: string
  user: string
}

/** True when a query parameter appears more than once: such a URL is refused, never guessed at. */
export function hasRepeatedQueryParameter(url: URL): boolean {
  const names = [...url.searchParams.keys()]
  return new Set(names).size !== names.length
}

/** Null for a URL with a repeated parameter or a malformed percent escape: it fits nothing. */
export function pgEndpoint(url: URL): PgEndpoint | null {
  if (hasRepeatedQueryParameter(url)) return null
  const params = url.searchParams
  const host = params.get('host') || safeDecode(url.hostname.replace(/^\[(.+)\]$/, '$1'), decodeURIComponent)
  const database = safeDecode(url.pathname.slice(1), decodeURI)
  const user = params.get('user') || safeDecode(url.username, decodeURIComponent)
  if (host === null || database === null || user === null) return null
  return { host: host.toLowerCase(), port: params.get('port') || url.port || '5432', database, user }
}

function safeDecode(text: string, decode: (text: string) => string): string | null {
  try {
    return decode(text)
  } catch {
    return null
  }
}
