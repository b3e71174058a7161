// The `Cookie` header a browser would send to one URL, from the partition's cookies: RFC 6265
// domain, path, secure and expiry matching by tough-cookie, so the app never needs a cookie's name.
import { Cookie, CookieJar, MemoryCookieStore } from 'tough-cookie'
import type { SignInCookie } from './ports'

/** Printable ASCII without `;`: what one `name=value` of a Cookie header can be. */
const HEADER_SAFE = /^[\x20-\x3a\x3c-\x7e]*$/

/**
 * The cookies that go to `url`, in the order a browser sends them (longest path first). One that
 * a header cannot carry (a UTF-8 preference, say) is left out, so it cannot spoil the others.
 */
export function cookiesFor(cookies: readonly SignInCookie[], url: URL): SignInCookie[] {
  const sendable = cookies.filter((cookie) => HEADER_SAFE.test(`${cookie.name}=${cookie.value}`))
  // tough-cookie's store keeps one cookie per domain, path and name; a browser keeps a host-only
  // and a domain cookie of the same name apart, and sends both.
  const matching = [
    ...matchingIn(
      sendable.filter((cookie) => isDomainCookie(cookie)),
      url,
    ),
    ...matchingIn(
      sendable.filter((cookie) => !isDomainCookie(cookie)),
      url,
    ),
  ]
  return matching.sort((a, b) => (b.path || '/').length - (a.path || '/').length)
}

function matchingIn(cookies: readonly SignInCookie[], url: URL): SignInCookie[] {
  const store = new MemoryCookieStore()
  const byCookie = new Map<Cookie, SignInCookie>()
  for (const cookie of cookies) {
    const tough = toToughCookie(cookie)
    byCookie.set(tough, cookie)
    // The memory store is synchronous under its callback API.
    void store.putCookie(tough)
  }
  const matching = new CookieJar(store).getCookiesSync(url.href, { http: true })
  return matching.map((tough) => byCookie.get(tough)).filter((cookie) => cookie !== undefined)
}

export function cookieHeader(cookies: readonly SignInCookie[]): string {
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ')
}

/** The earliest expiry among `cookies`, or null when all of them last for the browser session. */
export function earliestExpiry(cookies: readonly SignInCookie[]): Date | null {
  const expiries = cookies.flatMap((cookie) =>
    cookie.expirationDate === undefined ? [] : [cookie.expirationDate * 1000],
  )
  return expiries.length === 0 ? null : new Date(Math.min(...expiries))
}

function isDomainCookie(cookie: SignInCookie): boolean {
  return cookie.hostOnly === false || (cookie.hostOnly === undefined && cookie.domain.startsWith('.'))
}

function toToughCookie(cookie: SignInCookie): Cookie {
  const domainCookie = isDomainCookie(cookie)
  return new Cookie({
    key: cookie.name,
    value: cookie.value,
    // Chromium writes an IPv6 host with brackets, tough-cookie without.
    domain: cookie.domain
      .replace(/^\./, '')
      .replace(/^\[(.*)\]$/, '$1')
      .toLowerCase(),
    hostOnly: !domainCookie,
    path: cookie.path || '/',
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    expires: cookie.expirationDate === undefined ? 'Infinity' : new Date(cookie.expirationDate * 1000),
  })
}
