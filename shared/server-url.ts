// The Scrum4Me server address rule, shared by the settings schema, the feed and the CLI.
import { isLoopbackHost } from './loopback-host'

/**
 * The session cookie or token travels with every request, so plain HTTP is allowed only to
 * this machine (development and tests). Throws a message meant for the user, which never repeats
 * the input: a secret pasted into the address field would end up in the log.
 */
export function checkServerUrl(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error('the server address is not a URL; expected something like https://scrum4me.example.com')
  }
  if (url.protocol === 'https:') return url
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url
  throw new Error(
    'the server URL must use https://; http is only allowed to this machine (localhost, 127.x.x.x, [::1])',
  )
}

/** `//host/x` and `/\host/x` are paths only in appearance: URL resolution reads both as another host. */
const SINGLE_SLASH_PATH = /^\/(?![/\\])/

/**
 * The URL a request goes to: `path` on the server. Throws when it would leave the server's origin;
 * besides the leading slashes, URL parsing drops tabs and newlines, so only the resolved origin tells.
 */
export function resolveOnServer(path: string, server: URL): URL {
  const url = new URL(path, server)
  if (!SINGLE_SLASH_PATH.test(path) || url.origin !== server.origin)
    throw new Error('the path leaves the server; it must start with a single / and stay on the same address')
  return url
}

/** A stream or answer path that stays on whatever server it is resolved against. */
export function isServerPath(path: string): boolean {
  try {
    resolveOnServer(path, new URL('https://scrum4me.invalid'))
    return true
  } catch {
    return false
  }
}
