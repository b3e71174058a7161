// What the sign-in controller needs from the sign-in window and its session partition. The app
// implements these with Electron (window/sign-in-window.ts); tests with a real HTTP client or a
// Chromium browser context, so the same controller runs against a real login page either way.

/** One cookie of the sign-in partition, as Electron's `session.cookies.get({})` reports it. */
export interface SignInCookie {
  name: string
  value: string
  /** With a leading dot for a domain cookie; bare for a host-only one (see `hostOnly`). */
  domain: string
  /** True when the cookie goes to exactly `domain` and not to its subdomains. */
  hostOnly?: boolean
  path: string
  secure: boolean
  httpOnly: boolean
  /** Seconds since the UNIX epoch; absent for a session cookie. */
  expirationDate?: number
  sameSite: 'unspecified' | 'no_restriction' | 'lax' | 'strict'
}

/** The sign-in window's own cookie jar. */
export interface SignInCookieStore {
  all(): Promise<SignInCookie[]>
  /** Forgets every cookie and all other storage of the partition (sign-out). */
  clear(): Promise<void>
}

/** What the window reports; each may fire any number of times, `closed` once. */
export interface SignInWindowEvents {
  /** A page (or an in-page anchor) finished loading at `url`. */
  navigated(url: string): void
  /** A cookie of the partition was set, changed or removed. */
  cookiesChanged(): void
  /** The window is gone, closed by the user or by `close()`. */
  closed(): void
}

export interface SignInWindow {
  /** Brings the window to the front (a second "Sign in" while it is open). */
  focus(): void
  close(): void
}

/** Opens `url` in a new sign-in window; its title always shows the origin it is on. */
export type OpenSignInWindow = (url: URL, events: SignInWindowEvents) => SignInWindow
