// "Sign in with Scrum4Me" for the app's lifetime: one controller over the sign-in window's ports,
// and its two IPC handlers (setup and Settings → Connection; "Sign in again" in the panel and settings).
import type { InvokeHandlers } from '../ipc/register-handlers'
import type { Logger } from '../log/logger'
import type { ConnectionTester, SettingsController } from '../settings/settings-controller'
import type { OpenSignInWindow, SignInCookieStore } from './ports'
import { SignInController } from './sign-in-controller'

export interface SignInPorts {
  openWindow: OpenSignInWindow
  cookies: SignInCookieStore
  testConnection: ConnectionTester
  settings: SettingsController
  log: Logger
}

export interface SignInRegistration {
  handlers: Pick<InvokeHandlers, 'session:sign-in' | 'session:sign-in-again'>
  /** The tray's and the signed-out notice's "Sign in again": the same window as the views'. */
  signInAgain(): void
}

export function registerSignIn(ports: SignInPorts): SignInRegistration {
  const controller = new SignInController(ports)
  return {
    handlers: {
      'session:sign-in': ({ serverUrl }) => controller.signIn(serverUrl),
      'session:sign-in-again': () => controller.signInAgain(),
    },
    signInAgain: () => {
      void controller.signInAgain().then((result) => {
        if (result.outcome === 'failed') ports.log.warn('sign in again failed', { detail: result.detail })
      })
    },
  }
}
