// The panel's view of the preload API: derived from the preload itself, never written twice.
import type { NotifierApi } from '../../electron/preload'

declare global {
  interface Window {
    notifier: NotifierApi
  }
}

export type { NotifierApi }
