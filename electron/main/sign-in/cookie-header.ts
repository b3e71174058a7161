// The `Cookie` header a browser would send to one URL, from the partition's cookies: RFC 6265
// domain, path, secure and expiry matching by tough-cookie, so the app never needs a cookie's name.
import { Cookie, CookieJar, MemoryCookieStore } from 'tough-cookie'
import type { SignInCookie } from './ports'

/** The cookies that go to `url`, in the order a browser sends them (longest path first). */
export function cookiesFor(cookies: readonly SignInCookie[], url: URL): SignInCookie[] {
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

function toToughCookie(cookie: SignInCookie): Cookie {
  const domainCookie =
    cookie.hostOnly === false || (cookie.hostOnly === undefined && cookie.domain.startsWith('.'))
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
