// Electron's half of a window's preload, for a page in plain Chromium: the built preload bundle
// (out/preload/<window>.cjs, made by electron-vite from electron/preload/) runs before the page's
// scripts, and its `require('electron')` gets a contextBridge that puts the API on `window` and an
// ipcRenderer whose invokes go to the Node side through an exposed binding. A change to a preload
// reaches the page as it reaches the app's windows.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { WindowName } from '@shared/ipc/contract'
import type { ContextBridge, IpcRenderer } from 'electron'

/** The exposed Node function the shim's `ipcRenderer.invoke` calls. */
export const INVOKE_BINDING = '__notifierInvoke'
/** The page function Node calls to deliver a push, as `webContents.send` would. */
export const PUSH_FUNCTION = '__notifierPush'

type PreloadModule = (
  require: (name: string) => unknown,
  module: { exports: unknown },
  exports: unknown,
) => void

type Listener = (event: unknown, payload: unknown) => void

/**
 * Runs in the page before its scripts, so it is serialised and can use nothing from this module;
 * the two names come in as arguments.
 */
function installElectronShim(invokeBinding: string, pushFunction: string, runPreload: PreloadModule): void {
  const page = window as unknown as Record<string, unknown>
  const listeners = new Map<string, Set<Listener>>()
  const ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'> = {
    invoke: (channel, request) =>
      (page[invokeBinding] as (channel: string, request: unknown) => Promise<unknown>)(channel, request),
    on: (channel, listener) => {
      const forChannel = listeners.get(channel) ?? new Set()
      forChannel.add(listener as Listener)
      listeners.set(channel, forChannel)
      return ipcRenderer as IpcRenderer
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener as Listener)
      return ipcRenderer as IpcRenderer
    },
  }
  const contextBridge: Pick<ContextBridge, 'exposeInMainWorld'> = {
    exposeInMainWorld: (key, api) => {
      Object.defineProperty(window, key, { value: api, enumerable: true })
    },
  }
  page[pushFunction] = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({}, payload)
  }
  const require = (name: string) => {
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require '${name}'`)
    return { contextBridge, ipcRenderer }
  }
  const module = { exports: {} }
  runPreload(require, module, module.exports)
}

/** The init script that gives a page `window`'s built preload: the shim wrapped around the bundle. */
export async function preloadInitScript(preloadDir: string, window: WindowName): Promise<string> {
  const bundle = await readFile(path.join(preloadDir, `${window}.cjs`), 'utf8')
  const names = JSON.stringify([INVOKE_BINDING, PUSH_FUNCTION]).slice(1, -1)
  return `(${installElectronShim.toString()})(${names}, function (require, module, exports) {\n${bundle}\n})`
}
