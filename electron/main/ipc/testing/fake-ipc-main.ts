// A typed stand-in for Electron's ipcMain (which cannot run here): it records the registered
// handlers so a test can call them as a page would, from one of our windows (or none), from its
// main frame or an iframe, at a given URL.
import type { WindowName } from '@shared/ipc/contract'
import { isOwnPage, PANEL_URL } from '../../window/app-protocol'
import type { CallerCheck } from '../register-handlers'

type Handler = (event: Electron.IpcMainInvokeEvent, request: unknown) => unknown

export interface FakeCaller {
  /** Null is a webContents that is none of our windows. */
  window: WindowName | null
  url: string
  subframe: boolean
}

export function fakeIpcMain(defaults: Partial<FakeCaller> = {}) {
  const handlers = new Map<string, Handler>()
  const ipcMain = {
    handle: (channel: string, listener: Handler) => {
      handlers.set(channel, listener)
    },
    removeHandler: (channel: string) => {
      handlers.delete(channel)
    },
  } satisfies Pick<Electron.IpcMain, 'handle' | 'removeHandler'>
  // Only their identity matters: main tells its windows apart by their webContents.
  const contents = { panel: { id: 1 }, settings: { id: 2 }, other: { id: 3 } } as Record<
    WindowName | 'other',
    Electron.WebContents
  >
  /** The production rule for our page, and each webContents for its window. */
  const callers: CallerCheck = {
    isOwnPage: (url) => isOwnPage(url, null),
    windowOf: (sender) => (['panel', 'settings'] as const).find((name) => contents[name] === sender) ?? null,
  }
  const call = (channel: string, request?: unknown, from: Partial<FakeCaller> = {}) => {
    const handler = handlers.get(channel)
    if (!handler) throw new Error(`no handler for ${channel}`)
    const { window, url, subframe }: FakeCaller = {
      window: 'panel',
      url: PANEL_URL,
      subframe: false,
      ...defaults,
      ...from,
    }
    const mainFrame = { url: PANEL_URL, parent: null } as Electron.WebFrameMain
    const senderFrame = subframe ? { url, parent: mainFrame } : { url, parent: null }
    const event = { sender: contents[window ?? 'other'], senderFrame } as Electron.IpcMainInvokeEvent
    return handler(event, request)
  }
  return { ipcMain, handlers, callers, call }
}
