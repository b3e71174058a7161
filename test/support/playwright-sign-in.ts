// The sign-in ports over a real Chromium (playwright-core): a page of one browser context is the
// sign-in window, and the context's cookie jar is the partition. The controller reads Chromium's
// cookies through the same port that reads Electron's session cookies in the app.
import type { BrowserContext, Cookie, Page } from 'playwright-core'
import type { OpenSignInWindow, SignInCookie, SignInCookieStore } from '../../electron/main/sign-in/ports'

export interface PlaywrightSignIn {
  openWindow: OpenSignInWindow
  cookies: SignInCookieStore
  /** The page the controller opened, once it has. */
  page(): Promise<Page>
}

export function playwrightSignIn(context: BrowserContext): PlaywrightSignIn {
  let opened: (page: Page) => void = () => {}
  const pageOpened = new Promise<Page>((resolve) => {
    opened = resolve
  })
  const openWindow: OpenSignInWindow = (url, events) => {
    const page = context.newPage()
    void page.then((page) => {
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) events.navigated(frame.url())
      })
      // Chromium has no cookie-change event for Playwright: a response that sets cookies is one.
      page.on('response', (response) => {
        void response
          .headerValue('set-cookie')
          .then((header) => {
            if (header) events.cookiesChanged()
          })
          .catch(() => {})
      })
      page.on('close', () => events.closed())
      opened(page)
      return page.goto(url.href)
    })
    return {
      focus: () => void page.then((page) => page.bringToFront()),
      close: () => void page.then((page) => page.close()),
    }
  }
  return {
    openWindow,
    cookies: {
      all: async () => (await context.cookies()).map(toSignInCookie),
      clear: () => context.clearCookies(),
    },
    page: () => pageOpened,
  }
}

function toSignInCookie(cookie: Cookie): SignInCookie {
  return {
    name: cookie.name,
    value: cookie.value,
    // Playwright writes a domain cookie with a leading dot and a host-only one without.
    domain: cookie.domain,
    path: cookie.path,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    ...(cookie.expires > 0 && { expirationDate: cookie.expires }),
    sameSite: cookie.sameSite === 'Strict' ? 'strict' : cookie.sameSite === 'Lax' ? 'lax' : 'no_restriction',
  }
}
