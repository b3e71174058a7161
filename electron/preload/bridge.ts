// What both preloads are made of: an invoke and a subscribe that the compiler limits to the
// channels of one window (shared/ipc/contract.ts), and the one global they expose.
import type { PushPayloads, WindowName } from '@shared/ipc/contract'
import { contextBridge, ipcRenderer } from 'electron'
import type { WindowBridge } from './window-bridge'

/** The IPC of window `W`; the window name only picks the channels, main checks them again. */
export function windowBridge<W extends WindowName>(): WindowBridge<W> {
  return {
    invoke: (channel, request) => ipcRenderer.invoke(channel, request),
    subscribe: (channel, listener) => {
      const forward = (_event: Electron.IpcRendererEvent, payload: PushPayloads[typeof channel]) =>
        listener(payload)
      ipcRenderer.on(channel, forward)
      return () => {
        ipcRenderer.removeListener(channel, forward)
      }
    },
  }
}

/** The page's only door to main: a few purpose-named functions, never ipcRenderer itself. */
export function exposeApi<A extends { window: WindowName }>(api: A): void {
  contextBridge.exposeInMainWorld('notifier', api)
}
