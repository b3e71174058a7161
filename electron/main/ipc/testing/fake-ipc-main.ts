// A typed stand-in for Electron's ipcMain (which cannot run here): it records the registered
// handlers so a test can call them as a page would, from a frame with the given URL.
import type { IpcMain, IpcMainInvokeEvent } from 'electron'

type Handler = (event: IpcMainInvokeEvent, request: unknown) => unknown

export function fakeIpcMain(defaultUrl = 'app://panel/index.html') {
  const handlers = new Map<string, Handler>()
  const ipcMain = {
    handle: (channel: string, listener: Handler) => {
      handlers.set(channel, listener)
    },
    removeHandler: (channel: string) => {
      handlers.delete(channel)
    },
  } satisfies Pick<IpcMain, 'handle' | 'removeHandler'>
  const call = (channel: string, request?: unknown, url = defaultUrl) => {
    const handler = handlers.get(channel)
    if (!handler) throw new Error(`no handler for ${channel}`)
    return handler({ senderFrame: { url } } as IpcMainInvokeEvent, request)
  }
  return { ipcMain, handlers, call }
}
