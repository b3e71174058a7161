// The Scrum4Me server address rule, shared by the settings schema, the feed and the CLI.

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The session cookie or token travels with every request, so plain HTTP is allowed only to
 * this machine (development and tests). Throws a message meant for the user.
 */
export function checkServerUrl(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(`"${raw}" is not a URL; expected something like https://scrum4me.example.com`)
  }
  if (url.protocol === 'https:') return url
  if (url.protocol === 'http:' && (LOOPBACK_HOSTS.has(url.hostname) || url.hostname.startsWith('127.')))
    return url
  throw new Error(
    `the server URL must use https:// (got ${url.protocol}//${url.host}); http is only allowed to localhost`,
  )
}
