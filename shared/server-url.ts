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
