// The renderer's only door to the main process: a few purpose-named functions, never ipcRenderer.
import { contextBridge } from 'electron'

const api = {
  platform: process.platform,
}

export type NotifierApi = typeof api

contextBridge.exposeInMainWorld('notifier', api)
