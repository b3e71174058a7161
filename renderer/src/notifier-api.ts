// The page's view of the preload APIs: derived from each window's preload, never written twice.
// The popup and the settings window load the same page with different preloads; `api.window`
// says which one this page got.
import type { PanelApi } from '../../electron/preload/panel-api'
import type { SettingsApi } from '../../electron/preload/settings-api'

export type NotifierApi = PanelApi | SettingsApi

declare global {
  interface Window {
    notifier: NotifierApi
  }
}

export type { PanelApi, SettingsApi }
