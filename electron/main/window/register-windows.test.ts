import { EventEmitter } from 'node:events'
import type { PushChannel } from '@shared/ipc/contract'
import type { PanelState } from '@shared/ipc/panel-state'
import type { SettingsState } from '@shared/ipc/settings-state'
import type { SettingsRoute } from '@shared/route'
import { describe, expect, it } from 'vitest'
import type { PushTarget } from '../ipc/push-to-window'
import { registerWindows, type SecondInstancePort, type WindowsPorts } from './register-windows'

/** A window's webContents: told apart by identity, and it records what it was sent. */
function fakeContents(name: string, sent: string[]): Electron.WebContents {
  const target: PushTarget = {
    send: (channel: PushChannel) => sent.push(`${name} ${channel}`),
    isDestroyed: () => false,
  }
  // Only send and isDestroyed are ever called; the rest of WebContents is never reached.
  return target as Electron.WebContents
}

function setup({ connected = true, darwin = false } = {}) {
  const calls: string[] = []
  const sent: string[] = []
  const panelContents = fakeContents('panel', sent)
  const settingsContents = fakeContents('settings', sent)
  const app = new EventEmitter() satisfies SecondInstancePort
  const popup = {
    show: () => calls.push('popup show'),
    hide: () => calls.push('popup hide'),
    contents: panelContents,
    destroy: () => calls.push('popup destroy'),
  } satisfies WindowsPorts['popup']
  const settingsWindow = {
    open: (route: SettingsRoute) => calls.push(`settings open ${JSON.stringify(route)}`),
    contents: settingsContents,
    destroy: () => calls.push('settings destroy'),
  } satisfies WindowsPorts['settingsWindow']
  const windows = registerWindows({
    popup,
    settingsWindow,
    activateApp: darwin ? () => calls.push('activate') : null,
    hasConnection: () => connected,
    app,
  })
  return { windows, calls, sent, app, panelContents, settingsContents }
}

describe('registerWindows', () => {
  it('opens settings on its section over a hidden panel, with a connection', () => {
    const { windows, calls } = setup()
    windows.openSettings('general')
    expect(calls).toEqual(['popup hide', 'settings open {"view":"settings","section":"general"}'])
  })

  it('opens setup instead while there is no connection', () => {
    const { windows, calls } = setup({ connected: false })
    windows.openSettings('connection')
    expect(calls).toEqual(['popup hide', 'settings open {"view":"setup"}'])
  })

  it('brings the app forward first on macOS, for settings and setup alike', () => {
    const { windows, calls } = setup({ darwin: true })
    windows.openSetup()
    windows.openSettings('general')
    expect(calls).toEqual([
      'activate',
      'settings open {"view":"setup"}',
      'popup hide',
      'activate',
      'settings open {"view":"settings","section":"general"}',
    ])
  })

  it('tells the windows apart by their webContents', () => {
    const { windows, panelContents, settingsContents } = setup()
    expect(windows.windowOf(panelContents)).toBe('panel')
    expect(windows.windowOf(settingsContents)).toBe('settings')
    expect(windows.windowOf(fakeContents('other', []))).toBeNull()
  })

  it('sends the panel state to both windows and the settings state to settings only', () => {
    const { windows, sent } = setup()
    windows.pushPanelState({} as PanelState)
    windows.pushSettingsState({} as SettingsState)
    expect(sent).toEqual(['panel panel:state', 'settings panel:state', 'settings settings:state'])
  })

  it('shows the panel on a second launch until disposed, then destroys both windows', () => {
    const { windows, calls, app } = setup()
    app.emit('second-instance')
    windows.dispose()
    app.emit('second-instance')
    expect(calls).toEqual(['popup show', 'settings destroy', 'popup destroy'])
  })
})
