import type { Locale } from '../i18n/messages'
import type { Settings } from '../settings'

/** Everything the settings and setup views render. Never a secret, only whether one is stored. */
export interface SettingsState {
  settings: Settings
  /** The current connection's secret is in the keychain (or, without one, in memory). */
  secretStored: boolean
  /** 'memory': no OS keychain here; the secret is asked for again at every launch. */
  keychain: 'os' | 'memory'
  /** What became of the open-panel shortcut. */
  shortcut: ShortcutStatus
  /** The language in use: the chosen one, or the system's. */
  locale: Locale
  appVersion: string
}

/** The open-panel shortcut as registered (electron/main/lifecycle/open-shortcut.ts). */
export type ShortcutStatus =
  /** Registered and confirmed by the system; may be a fallback of the chosen one. */
  | { state: 'active'; accelerator: string }
  /** Asked for, but the system does not confirm it (on Wayland the desktop portal decides). */
  | { state: 'unconfirmed'; accelerator: string }
  /** The chosen one and every fallback were taken. */
  | { state: 'none' }
