// The built preloads (out/preload/*.cjs, as each window loads them), run in a bare VM context
// whose `require` knows only a recording stand-in for Electron's contextBridge and ipcRenderer:
// each exposes one API, and every function of it reaches only that window's channels.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { invokeChannelWindows, type WindowName } from '@shared/ipc/contract'
import type { ContextBridge, IpcRenderer } from 'electron'
import { describe, expect, it } from 'vitest'
import { REPO } from './app-process'

interface Recorded {
  exposed: Map<string, unknown>
  invoked: Set<string>
  subscribed: Set<string>
  unsubscribed: Set<string>
}

/** Runs one bundle as a sandboxed preload would, with nothing but 'electron' to require. */
function loadPreload(window: WindowName): Recorded {
  const recorded: Recorded = {
    exposed: new Map(),
    invoked: new Set(),
    subscribed: new Set(),
    unsubscribed: new Set(),
  }
  const contextBridge: Pick<ContextBridge, 'exposeInMainWorld'> = {
    exposeInMainWorld: (key, api) => void recorded.exposed.set(key, api),
  }
  const ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'> = {
    invoke: async (channel) => void recorded.invoked.add(channel),
    on: (channel) => {
      recorded.subscribed.add(channel)
      return ipcRenderer as IpcRenderer
    },
    removeListener: (channel) => {
      recorded.unsubscribed.add(channel)
      return ipcRenderer as IpcRenderer
    },
  }
  const require = (name: string) => {
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require '${name}'`)
    return { contextBridge, ipcRenderer }
  }
  const code = readFileSync(join(REPO, 'out', 'preload', `${window}.cjs`), 'utf8')
  const module = { exports: {} }
  runInNewContext(code, { require, module, exports: module.exports })
  return recorded
}

/** Calls every function of the API once, as the page might; subscriptions are undone again. */
async function callEverything(api: Record<string, unknown>): Promise<void> {
  for (const value of Object.values(api)) {
    if (typeof value !== 'function') continue
    const result: unknown = value(() => {}, false)
    if (typeof result === 'function') result()
    else await result
  }
}

const channelsOf = (window: WindowName) =>
  Object.entries(invokeChannelWindows)
    .filter(([, windows]) => (windows as readonly WindowName[]).includes(window))
    .map(([channel]) => channel)
    .sort()

describe('the built preloads', () => {
  it.each([
    [
      'panel',
      [
        'answer',
        'getState',
        'hide',
        'markSeen',
        'onFocusQuestion',
        'onState',
        'openInWebApp',
        'openLink',
        'openSettings',
        'reconnectNow',
        'signInAgain',
        'window',
      ],
      ['panel:focus-question', 'panel:state'],
    ],
    [
      'settings',
      [
        'getDiagnostics',
        'getSettings',
        'getState',
        'onSettings',
        'onState',
        'openLogs',
        'openSettings',
        'pauseNotifications',
        'saveConnection',
        'signIn',
        'signInAgain',
        'signOut',
        'testConnection',
        'updateSettings',
        'window',
      ],
      ['panel:state', 'settings:state'],
    ],
  ] as const)(
    'the %s window gets its own API and reaches only its own channels',
    async (window, functions, pushes) => {
      const recorded = loadPreload(window)
      expect([...recorded.exposed.keys()]).toEqual(['notifier'])
      const api = recorded.exposed.get('notifier') as Record<string, unknown>
      expect(Object.keys(api).sort()).toEqual(functions)
      expect(api.window).toBe(window)

      await callEverything(api)
      expect([...recorded.invoked].sort()).toEqual(channelsOf(window))
      expect([...recorded.subscribed].sort()).toEqual(pushes)
      expect([...recorded.unsubscribed].sort()).toEqual(pushes)
    },
  )

  it('keeps the connection, the settings and the sign-out out of the popup, which shows untrusted text', async () => {
    const recorded = loadPreload('panel')
    await callEverything(recorded.exposed.get('notifier') as Record<string, unknown>)
    expect(recorded.invoked.size).toBeGreaterThan(0)
    for (const channel of [
      'connection:save',
      'connection:test',
      'settings:update',
      'session:sign-out',
      // A new server address comes only from the settings window; the panel signs in again at the saved one.
      'session:sign-in',
    ])
      expect(recorded.invoked).not.toContain(channel)
  })
})
