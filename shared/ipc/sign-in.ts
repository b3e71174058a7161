// How "Sign in with Scrum4Me" ended (electron/main/sign-in/): the views say it in plain words.
import type { SettingsState } from './settings-state'

export type SignInResult =
  /** Signed in: the session is in the keychain, the connection saved and the feed connecting. */
  | { outcome: 'signed-in'; settings: SettingsState }
  /** The user closed the sign-in window first. */
  | { outcome: 'cancelled' }
  /** No working session within the time limit. */
  | { outcome: 'timed-out' }
  /** Another sign-in window is open already (it was brought to the front). */
  | { outcome: 'busy' }
  /** The server address is unusable, or the window could not open; `detail` is one line, never a secret. */
  | { outcome: 'failed'; detail: string }
