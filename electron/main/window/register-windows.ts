// The app's two windows as one place to ask: which window a caller is, where settings opens, what
// each window is sent, and a second launch showing the running app. The windows themselves are
// made by the caller (they need Electron), so this runs, and is tested, without it.
import type { SettingsSection, WindowName } from '@shared/ipc/contract'
import type { PanelState } from '@shared/ipc/panel-state'
import type { SettingsState } from '@shared/ipc/settings-state'
import { pushToWindow } from '../ipc/push-to-window'
import type { PopupWindow } from './popup-window'
import type { SettingsWindow } from './settings-window'

export interface WindowsPorts {
  popup: Pick<PopupWindow, 'show' | 'hide' | 'contents' | 'destroy'>
  settingsWindow: Pick<SettingsWindow, 'open' | 'contents' | 'destroy'>
  /** macOS: brings the menu-bar app forward; null elsewhere. */
  activateApp: (() => void) | null
  /** A running core or a saved connection: settings opens on its sections, otherwise on setup. */
  hasConnection: () => boolean
  app: SecondInstancePort
}

/** The part of Electron's app we use: a second launch of the app. */
export interface SecondInstancePort {
  on(event: 'second-instance', listener: () => void): unknown
  removeListener(event: 'second-instance', listener: () => void): unknown
}

export interface Windows {
  showPanel: PopupWindow['show']
  hidePanel(): void
  openSettings(section: SettingsSection): void
  openSetup(): void
  windowOf(sender: Electron.WebContents): WindowName | null
  pushPanelState(state: PanelState): void
  pushSettingsState(state: SettingsState): void
  dispose(): void
}

export function registerWindows({
  popup,
  settingsWindow,
  activateApp,
  hasConnection,
  app,
}: WindowsPorts): Windows {
  // A menu-bar-only app (LSUIElement) is not active; without this its window opens behind others.
  const openOnTop = (route: Parameters<SettingsWindow['open']>[0]) => {
    activateApp?.()
    settingsWindow.open(route)
  }
  const showPanel = () => popup.show()
  app.on('second-instance', showPanel)
  return {
    showPanel: (focus) => popup.show(focus),
    hidePanel: () => popup.hide(),
    openSettings: (section) => {
      popup.hide()
      openOnTop(hasConnection() ? { view: 'settings', section } : { view: 'setup' })
    },
    openSetup: () => openOnTop({ view: 'setup' }),
    windowOf: (sender) =>
      sender === popup.contents ? 'panel' : sender === settingsWindow.contents ? 'settings' : null,
    // The settings window lists the products of the current questions, for muting.
    pushPanelState: (state) => {
      for (const contents of [popup.contents, settingsWindow.contents])
        pushToWindow(contents, 'panel:state', state)
    },
    pushSettingsState: (state) => pushToWindow(settingsWindow.contents, 'settings:state', state),
    dispose: () => {
      app.removeListener('second-instance', showPanel)
      settingsWindow.destroy()
      popup.destroy()
    },
  }
}
