// A very small browser for the sign-in tests: real HTTP requests, redirects followed, cookies kept
// in an RFC 6265 jar and forms submitted. It implements the sign-in window and cookie-store ports
// (electron/main/sign-in/ports.ts), so the controller watches a real login the way it watches the
// Electron window: through cookie changes and page loads.
import { type Cookie, CookieJar } from 'tough-cookie'
import type {
  OpenSignInWindow,
  SignInCookie,
  SignInCookieStore,
  SignInWindowEvents,
} from '../../electron/main/sign-in/ports'

const MAX_REDIRECTS = 10

export class HttpSignInBrowser implements SignInCookieStore {
  readonly jar = new CookieJar()
  /** How often a second sign-in brought the window forward. */
  focused = 0
  opened = 0
  private events: SignInWindowEvents | null = null
  private page: { url: URL; html: string } | null = null
  private loaded: Promise<void> = Promise.resolve()

  /** The sign-in window port: opening it loads the page. */
  readonly openWindow: OpenSignInWindow = (url, events) => {
    this.events = events
    this.opened += 1
    this.loaded = this.navigate(url)
    // A page still loading when the test ends and its server closes is no failure of the test.
    this.loaded.catch(() => {})
    return {
      focus: () => {
        this.focused += 1
      },
      close: () => this.userCloses(),
    }
  }

  get isOpen(): boolean {
    return this.events !== null
  }

  /** The page the window shows now. */
  async currentPage(): Promise<{ url: URL; html: string }> {
    await this.loaded
    if (!this.page) throw new Error('no page loaded')
    return this.page
  }

  /** Fills in the page's form and submits it, as a user would. */
  async logIn(username: string, password: string): Promise<void> {
    const { url, html } = await this.currentPage()
    const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1]
    if (action === undefined) throw new Error(`no form on ${url.href}`)
    const target = new URL(action.replace(/&amp;/g, '&').replace(/&quot;/g, '"'), url)
    this.loaded = this.navigate(target, new URLSearchParams({ username, password }))
    await this.loaded
  }

  /** A script on the page sets a cookie (`document.cookie = header`). */
  pageSetsCookie(header: string): void {
    if (!this.page) throw new Error('no page loaded')
    this.jar.setCookieSync(header, this.page.url.href)
    this.events?.cookiesChanged()
  }

  /** The user closes the window (and so does the controller's `close()`). */
  userCloses(): void {
    const events = this.events
    this.events = null
    events?.closed()
  }

  async all(): Promise<SignInCookie[]> {
    const cookies = await this.jar.store.getAllCookies()
    return cookies.map(toSignInCookie)
  }

  async clear(): Promise<void> {
    await this.jar.removeAllCookies()
  }

  private async navigate(start: URL, form?: URLSearchParams): Promise<void> {
    let url = start
    let body = form
    for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
      const response = await fetch(url, {
        method: body ? 'POST' : 'GET',
        headers: {
          cookie: await this.jar.getCookieString(url.href),
          ...(body && { 'content-type': 'application/x-www-form-urlencoded' }),
        },
        ...(body && { body: body.toString() }),
        redirect: 'manual',
      })
      await this.storeCookies(response, url)
      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel()
        url = new URL(location, url)
        body = undefined
        continue
      }
      this.page = { url, html: await response.text() }
      this.events?.navigated(url.href)
      return
    }
    throw new Error('too many redirects')
  }

  private async storeCookies(response: Response, url: URL): Promise<void> {
    const setCookies = response.headers.getSetCookie()
    for (const header of setCookies) await this.jar.setCookie(header, url.href)
    if (setCookies.length > 0) this.events?.cookiesChanged()
  }
}

function toSignInCookie(cookie: Cookie): SignInCookie {
  const expires = cookie.expiryTime()
  const sameSite = cookie.sameSite?.toLowerCase()
  return {
    name: cookie.key,
    value: cookie.value,
    domain: cookie.hostOnly ? (cookie.domain ?? '') : `.${cookie.domain}`,
    hostOnly: cookie.hostOnly ?? true,
    path: cookie.path ?? '/',
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    ...(expires !== undefined && Number.isFinite(expires) && { expirationDate: expires / 1000 }),
    sameSite:
      sameSite === 'lax' || sameSite === 'strict'
        ? sameSite
        : sameSite === 'none'
          ? 'no_restriction'
          : 'unspecified',
  }
}
