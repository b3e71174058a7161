// The panel is served from `app://panel/`, not file://: a file:// page could read any file the user
// can, and every file:// page would share one origin with ours.
import { resolve, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Net, Protocol } from 'electron'

const APP_SCHEME = 'app'
const APP_HOST = 'panel'
export const PANEL_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/**
 * The page's meta tag policy, also as a header, so a page without the tag gets it too. Only a
 * header can set frame-ancestors (a meta tag's is ignored): no other page may frame ours.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** Must run before `app` is ready: a standard, secure scheme gets a real origin and `fetch`. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/**
 * The file under `root` an `app://panel/…` URL names, or null. Decoding comes before
 * normalising, so neither `..` nor `%2e%2e` nor an encoded separator can climb out of `root`.
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  let url: URL
  let pathname: string
  try {
    url = new URL(requestUrl)
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || pathname.includes('\0')) return null
  const base = resolve(root)
  const file = resolve(base, `.${pathname === '/' ? '/index.html' : pathname}`)
  return file.startsWith(base + sep) ? file : null
}

/** True for our own page: the app:// panel, or the Vite dev server in development. */
export function isOwnPage(url: string, devServerUrl: string | null): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (devServerUrl) return parsed.origin === new URL(devServerUrl).origin
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
}

export function serveAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  net: Pick<Net, 'fetch'>,
  root: string,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? resolveAppFile(root, request.url) : null
    if (!file) return new Response('Not found', { status: 404 })
    const response = await net.fetch(pathToFileURL(file).href).catch(() => null)
    if (!response?.ok) return new Response('Not found', { status: 404 })
    const headers = new Headers(response.headers)
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    return new Response(response.body, { status: response.status, headers })
  })
}
