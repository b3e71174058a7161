// "Open in Scrum4Me": a URL on the configured Scrum4Me server, nothing else. Links written in
// questions follow their own rule (shared/openable-link.ts) and open only on a click.

/** True only for an http(s) URL on exactly `allowedOrigin`, without credentials in it. */
export function isAllowedExternalUrl(raw: string, allowedOrigin: string | null): boolean {
  if (!allowedOrigin) return false
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false
  if (url.username || url.password) return false
  return url.origin === allowedOrigin
}
