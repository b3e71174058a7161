// What the Electron stand-in and the test that forks it say to each other over the child's IPC
// channel (advanced serialization, i.e. structured clone, as Electron's own IPC).
import { join } from 'node:path'

/** Where the stand-in's `app.getPath` points, all under one temporary folder. */
export function standInPaths(root: string) {
  return {
    userData: join(root, 'userData'),
    logs: join(root, 'userData', 'logs'),
    home: join(root, 'home'),
    exe: join(root, 'bin', 'scrum4me-notifier'),
    resources: join(root, 'resources'),
  }
}

/** The environment variables the stand-in reads. */
export const STAND_IN_ENV = { root: 'ELECTRON_STAND_IN_ROOT', locale: 'ELECTRON_STAND_IN_LOCALE' } as const

export interface MenuItemRecord {
  id: string | null
  label: string | null
  type: string
  enabled: boolean
  submenu: MenuItemRecord[]
}

export interface WindowRecord {
  id: number
  /** The constructor's options, without functions. */
  options: Record<string, unknown>
  /** Every URL loadURL was given, in order. */
  urls: string[]
  visible: boolean
  destroyed: boolean
  /** What the window-open handler (installed on web-contents-created) says to a foreign page. */
  windowOpen: 'allow' | 'deny' | 'no handler'
  title: string
}

export interface NotificationRecord {
  title: string
  body: string
  silent: boolean
  actions: string[]
  shown: boolean
  closed: boolean
}

export interface PushRecord {
  windowId: number
  channel: string
  payload: unknown
}

export interface StandInState {
  ready: boolean
  schemesRegisteredBeforeReady: string[]
  protocolsHandled: string[]
  /** A permission request and a permission check from the page, both refused. */
  permissionsDenied: boolean
  /** Each session made with session.fromPartition, by partition name. */
  partitions: Record<string, { permissionsDenied: boolean; downloadRefused: boolean; cleared: number }>
  tray: {
    image: string | null
    tooltip: string | null
    title: string | null
    menu: MenuItemRecord[]
    destroyed: boolean
  } | null
  windows: WindowRecord[]
  notifications: NotificationRecord[]
  pushes: PushRecord[]
  ipcChannels: string[]
  shortcuts: string[]
  themeSource: string
  openedPaths: string[]
  openedExternal: string[]
  /** Every app.commandLine.appendSwitch, in order. */
  switchesAppended: { name: string; value: string; beforeReady: boolean }[]
  /** Files of node_modules/electron the process loaded: must stay empty (its index.js downloads). */
  realElectronFiles: string[]
}

/** Where an ipcRenderer.invoke comes from: a frame at `frameUrl` in the window `windowId`. */
export interface InvokeCaller {
  windowId: number
  frameUrl: string
  /** An iframe of that window's page rather than the page itself. */
  subframe: boolean
}

export type Command =
  | { kind: 'state' }
  | { kind: 'invoke'; channel: string; request?: unknown; from: InvokeCaller }
  | { kind: 'click-menu'; itemId: string }
  | { kind: 'click-notification'; index: number }
  | { kind: 'power'; event: 'suspend' | 'resume' | 'unlock-screen' | 'lock-screen' }
  | { kind: 'set-online'; online: boolean }
  | { kind: 'fetch-app'; url: string }
  /** A page of window `windowId` starts a navigation: answers whether the app let it go ahead. */
  | {
      kind: 'navigate'
      windowId: number
      event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate'
      url: string
    }
  /** The user closes window `windowId`. */
  | { kind: 'close-window'; windowId: number }
  /** The page in window `windowId` sets a `beforeunload` handler that asks to stay ("leave this page?"). */
  | { kind: 'guard-unload'; windowId: number }
  | { kind: 'quit' }

export interface FetchedApp {
  status: number
  contentType: string | null
  contentSecurityPolicy: string | null
  bodyLength: number
}

/** Parent → child. */
export interface CommandMessage {
  id: number
  command: Command
}

/** Child → parent: the answer to one command, or what a call threw (as Electron's invoke rejects). */
export type ReplyMessage = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string }
