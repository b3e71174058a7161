import type { Locale } from '../i18n/messages'
import type { Settings } from '../settings'

/** Everything the settings and setup views render. Never a secret, only whether one is stored. */
export interface SettingsState {
  settings: Settings
  /** The current connection's secret is in the keychain (or, without one, in memory). */
  secretStored: boolean
  /** 'memory': no OS keychain here; the secret is asked for again at every launch. */
  keychain: 'os' | 'memory'
  /** The accelerator that is registered, which may be a fallback of the chosen one; null if none. */
  activeShortcut: string | null
  /** The language in use: the chosen one, or the system's. */
  locale: Locale
  appVersion: string
}
