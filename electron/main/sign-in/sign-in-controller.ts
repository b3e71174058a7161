// "Sign in with Scrum4Me": the server's own login page in a sign-in window, and main watching its
// cookies. After each cookie change or page load it sends the cookies a browser would send to the
// realtime route, with the app's own connection test; once the server accepts them it keeps the
// smallest set that works, stores it like a pasted cookie, and connects.
import type { SignInResult } from '@shared/ipc/sign-in'
import { checkServerUrl, resolveOnServer } from '@shared/server-url'
import type { ConnectionSettings } from '@shared/settings'
import { describeError } from '../common/describe-error'
import { DEFAULT_STREAM_PATH } from '../feed/sse/sse-transport'
import type { Logger } from '../log/logger'
import type { ConnectionTester, SettingsController } from '../settings/settings-controller'
import { cookieHeader, cookiesFor, earliestExpiry } from './cookie-header'
import type { OpenSignInWindow, SignInCookie, SignInCookieStore, SignInWindow } from './ports'
import { smallestCookieSet } from './smallest-cookie-set'

type SseConnection = Extract<ConnectionSettings, { kind: 'sse' }>

export interface SignInControllerOptions {
  openWindow: OpenSignInWindow
  cookies: SignInCookieStore
  /** The same test "Test connection" runs: up to the first `event: state`, then closed. */
  testConnection: ConnectionTester
  settings: Pick<SettingsController, 'settings' | 'save'>
  log: Logger
  /** How long the window waits for a working session before it gives up. */
  timeoutMs?: number
  /** Bounds the probes spent on finding the smallest cookie set after the first success. */
  maxReductionProbes?: number
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000
const DEFAULT_MAX_REDUCTION_PROBES = 24

export class SignInController {
  private open: SignInAttempt | null = null

  constructor(private readonly options: SignInControllerOptions) {}

  /** From setup or Settings → Connection: signs in at `serverUrl`. */
  signIn(serverUrl: string): Promise<SignInResult> {
    return this.run(() => {
      try {
        return this.connectionFor(checkServerUrl(serverUrl))
      } catch (error) {
        return (error as Error).message
      }
    })
  }

  /** From the signed-out banner or the settings: signs in again at the saved server. */
  signInAgain(): Promise<SignInResult> {
    return this.run(() => {
      const saved = this.options.settings.settings.connection
      if (saved?.kind !== 'sse') return 'no Scrum4Me server is set up'
      return this.connectionFor(new URL(saved.serverUrl))
    })
  }

  /** `target` is the connection to sign in for, or why there is none. */
  private async run(target: () => SseConnection | string): Promise<SignInResult> {
    if (this.open) {
      this.open.focus()
      return { outcome: 'busy' }
    }
    const connection = target()
    if (typeof connection === 'string') return { outcome: 'failed', detail: connection }
    const attempt = new SignInAttempt(connection, this.options)
    this.open = attempt
    try {
      return await attempt.result
    } finally {
      this.open = null
    }
  }

  /** A cookie connection to `server`; the saved one's paths stay when it is the same server. */
  private connectionFor(server: URL): SseConnection {
    const saved = this.options.settings.settings.connection
    const paths =
      saved?.kind === 'sse' && new URL(saved.serverUrl).origin === server.origin
        ? {
            ...(saved.streamPath && { streamPath: saved.streamPath }),
            ...(saved.answerPath && { answerPath: saved.answerPath }),
          }
        : {}
    return { kind: 'sse', serverUrl: server.href, authKind: 'cookie', ...paths }
  }
}

/** One sign-in window, from opening to its one result. */
class SignInAttempt {
  readonly result: Promise<SignInResult>
  private settle!: (result: SignInResult) => void
  private readonly window: SignInWindow | null = null
  private readonly timer: ReturnType<typeof setTimeout> | undefined
  private readonly streamUrl: URL
  private readonly log: Logger
  private finished = false
  /** A working session was found: the window's close or the timeout no longer cancel. */
  private committing = false
  private probing = false
  private probeAgain = false

  constructor(
    private readonly connection: SseConnection,
    private readonly options: SignInControllerOptions,
  ) {
    this.result = new Promise((resolve) => {
      this.settle = resolve
    })
    this.log = options.log.child('sign-in')
    const server = new URL(connection.serverUrl)
    this.streamUrl = resolveOnServer(connection.streamPath ?? DEFAULT_STREAM_PATH, server)
    try {
      this.window = options.openWindow(server, {
        navigated: () => this.check(),
        cookiesChanged: () => this.check(),
        closed: () => this.finish({ outcome: 'cancelled' }),
      })
    } catch (error) {
      this.finish({ outcome: 'failed', detail: `the sign-in window did not open (${describeError(error)})` })
      return
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.timer = setTimeout(() => this.finish({ outcome: 'timed-out' }), timeoutMs)
    this.log.info('window opened', { origin: server.origin })
  }

  focus(): void {
    this.window?.focus()
  }

  /** Probes are single-flight: a burst of cookie events while one runs makes one more, not many. */
  private check(): void {
    if (this.finished || this.committing) return
    if (this.probing) {
      this.probeAgain = true
      return
    }
    this.probing = true
    void this.probeUntilQuiet().finally(() => {
      this.probing = false
    })
  }

  private async probeUntilQuiet(): Promise<void> {
    do {
      this.probeAgain = false
      const sent = await this.cookiesSentToServer()
      if (sent.length === 0) continue
      if (await this.accepts(sent)) return this.commit(sent)
    } while (this.probeAgain && !this.finished)
  }

  private async cookiesSentToServer(): Promise<SignInCookie[]> {
    try {
      return cookiesFor(await this.options.cookies.all(), this.streamUrl)
    } catch (error) {
      this.log.warn('could not read the sign-in cookies; waiting for the next change', {
        error: describeError(error),
      })
      return []
    }
  }

  private async accepts(cookies: readonly SignInCookie[]): Promise<boolean> {
    const test = await this.options.testConnection({
      connection: this.connection,
      secret: cookieHeader(cookies),
    })
    if (!test.ok && !this.committing)
      this.log.info(`not signed in yet (${test.failure})`, { cookies: cookies.length })
    return test.ok
  }

  private async commit(working: SignInCookie[]): Promise<void> {
    if (this.finished) return
    this.committing = true
    try {
      const kept = await smallestCookieSet(
        working,
        (cookies) => this.accepts(cookies),
        this.options.maxReductionProbes ?? DEFAULT_MAX_REDUCTION_PROBES,
      )
      this.window?.close()
      const expiresAt = earliestExpiry(kept)
      const connection = {
        ...this.connection,
        ...(expiresAt && { sessionExpiresAt: expiresAt.toISOString() }),
      }
      // Tested just now: saved as it is, like a pasted cookie (the whole header, no cookie name).
      const saved = await this.options.settings.save({ connection, secret: cookieHeader(kept) }, true)
      if (!saved.saved) throw new Error('the connection was not saved')
      this.log.info('signed in; the session is in the keychain', {
        kept: kept.length,
        of: working.length,
        expiresAt: connection.sessionExpiresAt ?? 'with the browser session',
      })
      this.finish({ outcome: 'signed-in', settings: saved.settings })
    } catch (error) {
      this.finish({
        outcome: 'failed',
        detail: `signed in, but could not keep the session (${describeError(error)})`,
      })
    }
  }

  private finish(result: SignInResult): void {
    if (this.finished) return
    // The window's own close (ours, after success) comes back as `closed`: ignored while committing.
    if (this.committing && result.outcome !== 'signed-in' && result.outcome !== 'failed') return
    this.finished = true
    clearTimeout(this.timer)
    if (result.outcome !== 'signed-in') this.window?.close()
    if (result.outcome !== 'signed-in') this.log.info(`ended (${result.outcome})`)
    this.settle(result)
  }
}
