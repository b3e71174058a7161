// The sign-in window: the Scrum4Me server's own login page, which is remote content. So no preload,
// a sandboxed, context-isolated renderer, and its own in-memory partition (no `persist:` prefix:
// nothing of it reaches the disk) with every permission and download refused. Only https pages
// (and http to this machine) may load, new windows open in the same window, and the title always
// names the origin the user types their password into. Implements electron/main/sign-in/ports.ts.
import { isLoopbackHost } from '@shared/loopback-host'
import { BrowserWindow, type Cookie, type Session, session as sessions, type WebContents } from 'electron'
import type { Logger } from '../log/logger'
import type { OpenSignInWindow, SignInCookie, SignInCookieStore } from '../sign-in/ports'
import { denyAllPermissions } from './web-security'

/** Without `persist:`, Electron keeps this partition in memory only. */
export const SIGN_IN_PARTITION = 'scrum4me-sign-in'

export interface SignInWindowDeps {
  /** The window title for the page's origin, e.g. "Sign in — https://scrum4me.example.com". */
  titleFor: (origin: string) => string
  log: Logger
}

export interface SignInWindowPorts {
  openWindow: OpenSignInWindow
  cookies: SignInCookieStore
  /** The sign-in window's contents, which follow these rules instead of the app pages' lock-down. */
  isSignInContents: (contents: WebContents) => boolean
}

/** May a page of the sign-in window load `raw`? */
export function isAllowedSignInUrl(raw: string): boolean {
  if (raw === 'about:blank') return true
  if (!URL.canParse(raw)) return false
  const url = new URL(raw)
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))
}

export function signInWindowPorts(deps: SignInWindowDeps): SignInWindowPorts {
  let locked: Session | null = null
  // Made on first use (Electron makes sessions only once the app is ready), locked down once.
  const partition = (): Session => {
    if (locked) return locked
    const session = sessions.fromPartition(SIGN_IN_PARTITION)
    denyAllPermissions(session)
    session.on('will-download', (event) => {
      event.preventDefault()
      deps.log.warn('sign-in: refused a download')
    })
    locked = session
    return session
  }
  return {
    openWindow: (url, events) => {
      const session = partition()
      const window = createSignInWindow(deps.titleFor(url.origin))
      guardNavigation(window.webContents, deps.log)
      const showOrigin = (at: string) => {
        if (!window.isDestroyed() && URL.canParse(at)) window.setTitle(deps.titleFor(new URL(at).origin))
      }
      // The page's own title could pretend to be another site.
      window.on('page-title-updated', (event) => event.preventDefault())
      // A login page's "leave this page?" guard would cancel every close, the user's and ours, silently.
      window.webContents.on('will-prevent-unload', (event) => event.preventDefault())
      window.webContents.on('did-navigate', (_event, at) => {
        showOrigin(at)
        events.navigated(at)
      })
      window.webContents.on('did-navigate-in-page', (_event, at, isMainFrame) => {
        if (!isMainFrame) return
        showOrigin(at)
        events.navigated(at)
      })
      const cookiesChanged = () => events.cookiesChanged()
      session.cookies.on('changed', cookiesChanged)
      window.on('closed', () => {
        session.cookies.removeListener('changed', cookiesChanged)
        events.closed()
      })
      window.loadURL(url.href).catch((error: unknown) => {
        // A page that fails to load shows Chromium's error page; the user can close the window.
        deps.log.warn('sign-in: the page did not load', { origin: url.origin, error: String(error) })
      })
      return {
        focus: () => {
          if (window.isDestroyed()) return
          window.show()
          window.focus()
        },
        close: () => {
          if (!window.isDestroyed()) window.close()
        },
      }
    },
    cookies: {
      all: async () => (await partition().cookies.get({})).map(toSignInCookie),
      clear: () => partition().clearStorageData(),
    },
    isSignInContents: (contents) => locked !== null && contents.session === locked,
  }
}

function createSignInWindow(title: string): BrowserWindow {
  return new BrowserWindow({
    width: 520,
    height: 720,
    title,
    autoHideMenuBar: true,
    // Written out here, not built elsewhere, so reviewers and Electronegativity see every flag.
    webPreferences: {
      partition: SIGN_IN_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click must not open links in a new window either.
      disableBlinkFeatures: 'Auxclick',
    },
  })
}

/** https everywhere (http only to this machine), also for redirects and frames; new windows stay in this one. */
function guardNavigation(contents: WebContents, log: Logger): void {
  const refuse = (what: string) => (event: { url: string; preventDefault(): void }) => {
    if (isAllowedSignInUrl(event.url)) return
    event.preventDefault()
    log.warn(`sign-in: refused ${what} to a page that is not https`, { url: event.url })
  }
  contents.on('will-navigate', refuse('a navigation'))
  contents.on('will-redirect', refuse('a redirect'))
  contents.on('will-frame-navigate', refuse('a frame navigation'))
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    // A login page that opens its identity provider in a popup gets it in this window instead.
    if (isAllowedSignInUrl(url)) void contents.loadURL(url).catch(() => {})
    else log.warn('sign-in: refused to open a window that is not https', { url })
    return { action: 'deny' }
  })
}

function toSignInCookie(cookie: Cookie): SignInCookie {
  return {
    name: cookie.name,
    value: cookie.value,
    domain: cookie.domain ?? '',
    ...(cookie.hostOnly !== undefined && { hostOnly: cookie.hostOnly }),
    path: cookie.path ?? '/',
    secure: cookie.secure ?? false,
    httpOnly: cookie.httpOnly ?? false,
    ...(cookie.expirationDate !== undefined && { expirationDate: cookie.expirationDate }),
    sameSite: cookie.sameSite,
  }
}
