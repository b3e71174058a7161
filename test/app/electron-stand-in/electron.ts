// A typed stand-in for the 'electron' module, for booting the real built main process in plain Node
// (no Electron binary runs here). It implements only what electron/main/index.ts, the modules it
// wires and electron-updater call, records what they do, and takes commands from the test that
// forked it (see protocol.ts). inject.ts makes both `import 'electron'` and `require('electron')`
// land here, on one instance.
import { EventEmitter } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, extname, join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type {
  App,
  BrowserWindowConstructorOptions,
  Clipboard,
  Display,
  GlobalShortcut,
  HandlerDetails,
  IpcMain,
  IpcMainInvokeEvent,
  MenuItemConstructorOptions,
  NativeTheme,
  Net,
  NotificationConstructorOptions,
  Point,
  Protocol,
  Rectangle,
  Screen,
  Session,
  Shell,
  WebContentsWillNavigateEventParams,
  WebFrameMain,
  WindowOpenHandlerResponse,
} from 'electron'
import {
  type Command,
  type CommandMessage,
  type FetchedApp,
  type InvokeCaller,
  type MenuItemRecord,
  type ReplyMessage,
  STAND_IN_ENV,
  type StandInState,
  standInPaths,
  type WindowRecord,
} from './protocol'

const send = process.send?.bind(process)
if (!send) throw new Error('the Electron stand-in runs only in a child forked with an IPC channel')

const root = process.env[STAND_IN_ENV.root]
if (!root) throw new Error(`the Electron stand-in needs ${STAND_IN_ENV.root}`)
const paths: ReturnType<typeof standInPaths> & { sessionData: string } = {
  ...standInPaths(root),
  sessionData: join(root, 'userData'),
}
// Electron sets this; electron-updater reads it when it picks the Linux updater.
Object.assign(process, { resourcesPath: paths.resources })

/** Unpackaged, Electron's app path is the folder of the package.json above the main script. */
function findAppPath(): string {
  let dir = dirname(process.argv[1] ?? process.cwd())
  while (!existsSync(join(dir, 'package.json'))) {
    if (dirname(dir) === dir)
      throw new Error('the Electron stand-in found no package.json above the main script')
    dir = dirname(dir)
  }
  return dir
}
const appPath = findAppPath()
const appPackage = JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')) as {
  version: string
  name: string
  productName?: string
}

interface PreventableEvent {
  defaultPrevented: boolean
  preventDefault(): void
}

function preventable(): PreventableEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true
    },
  }
}

const record = {
  schemesRegisteredBeforeReady: [] as string[],
  protocols: new Map<string, (request: Request) => Response | Promise<Response>>(),
  permissionRequest: null as Parameters<Session['setPermissionRequestHandler']>[0],
  permissionCheck: null as Parameters<Session['setPermissionCheckHandler']>[0],
  notifications: [] as Notification[],
  pushes: [] as StandInState['pushes'],
  openedPaths: [] as string[],
  openedExternal: [] as string[],
  switches: new Map<string, string>(),
  switchesAppended: [] as StandInState['switchesAppended'],
  online: true,
}

// ---- app ----

type PathName = Parameters<App['getPath']>[0]

class StandInApp
  extends EventEmitter
  implements
    Pick<
      App,
      | 'requestSingleInstanceLock'
      | 'whenReady'
      | 'isReady'
      | 'quit'
      | 'exit'
      | 'getPath'
      | 'setPath'
      | 'setAppLogsPath'
      | 'getLocale'
      | 'getVersion'
      | 'getName'
      | 'getAppPath'
      | 'isPackaged'
      | 'focus'
      | 'setAppUserModelId'
      | 'setToastActivatorCLSID'
      | 'setLoginItemSettings'
      | 'relaunch'
    >
{
  readonly isPackaged = false
  /** Linux: no dock. */
  readonly dock = undefined
  /**
   * Started without switches, as `npm start` starts it. As in Chromium, a switch appended again
   * replaces its value; each append is recorded with whether it came before ready (when Chromium
   * has already read its features, so a later one does nothing).
   */
  readonly commandLine = {
    appendSwitch: (name: string, value = ''): void => {
      record.switches.set(name, value)
      record.switchesAppended.push({ name, value, beforeReady: !this.ready })
    },
    getSwitchValue: (name: string): string => record.switches.get(name) ?? '',
  } satisfies Pick<Electron.CommandLine, 'appendSwitch' | 'getSwitchValue'>
  private ready = false
  private readonly readyPromise: Promise<void>

  constructor() {
    super()
    // Electron is ready once the main script has run; the whole ES module graph evaluates in one go.
    this.readyPromise = new Promise((resolve) =>
      setImmediate(() => {
        this.ready = true
        this.emit('ready')
        resolve()
      }),
    )
  }

  requestSingleInstanceLock(): boolean {
    return true
  }

  whenReady(): Promise<void> {
    return this.readyPromise
  }

  isReady(): boolean {
    return this.ready
  }

  /** As Electron: before-quit, then every window is asked to close (any may refuse), will-quit, quit, exit. */
  quit(): void {
    const beforeQuit = preventable()
    this.emit('before-quit', beforeQuit)
    if (beforeQuit.defaultPrevented) return
    for (const window of BrowserWindow.getAllWindows()) window.close()
    if (BrowserWindow.getAllWindows().length > 0) return
    const willQuit = preventable()
    this.emit('will-quit', willQuit)
    if (willQuit.defaultPrevented) return
    this.emit('quit', preventable(), 0)
    this.exit(0)
  }

  exit(exitCode = 0): void {
    process.exit(exitCode)
  }

  /** As Electron: only before ready takes effect for sessionData, and the folder must exist. */
  setPath(name: string, path: string): void {
    if (!existsSync(path)) throw new Error(`Failed to set path: ${path} does not exist`)
    if (name !== 'userData' && name !== 'sessionData' && name !== 'logs')
      throw new Error(`setPath('${name}') is not in the Electron stand-in`)
    paths[name] = path
  }

  setAppLogsPath(path?: string): void {
    paths.logs = path ?? join(paths.userData, 'logs')
  }

  getPath(name: PathName): string {
    switch (name) {
      case 'userData':
      case 'sessionData':
      case 'logs':
      case 'home':
      case 'exe':
        return paths[name]
      case 'temp':
        return tmpdir()
      default:
        throw new Error(`Failed to get '${name}' path (not in the Electron stand-in)`)
    }
  }

  getLocale(): string {
    return process.env[STAND_IN_ENV.locale] ?? 'en-US'
  }

  getVersion(): string {
    return appPackage.version
  }

  getName(): string {
    return appPackage.productName ?? appPackage.name
  }

  getAppPath(): string {
    return appPath
  }

  focus(): void {}
  setAppUserModelId(): void {}
  setToastActivatorCLSID(): void {}
  setLoginItemSettings(): void {}
  relaunch(): void {}
}

export const app = new StandInApp()

// ---- protocol, net, session ----

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => {
    // Electron only accepts this before ready.
    if (app.isReady()) throw new Error('registerSchemesAsPrivileged must be called before the app is ready')
    record.schemesRegisteredBeforeReady.push(...schemes.map((scheme) => scheme.scheme))
  },
  handle: (scheme, handler) => {
    record.protocols.set(scheme, handler as (request: Request) => Response | Promise<Response>)
  },
} satisfies Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
}

export const net = {
  isOnline: () => record.online,
  // Electron's net.fetch reads file: URLs; Node's fetch does not.
  fetch: async (input, init) => {
    const url = typeof input === 'string' ? input : input.url
    if (!url.startsWith('file:')) return fetch(input, init)
    const file = fileURLToPath(url)
    try {
      const body = await readFile(file)
      return new Response(body, {
        headers: { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' },
      })
    } catch {
      throw new TypeError(`net::ERR_FILE_NOT_FOUND ${url}`)
    }
  },
} satisfies Pick<Net, 'isOnline' | 'fetch'>

const defaultSession = {
  setPermissionRequestHandler: (handler) => {
    record.permissionRequest = handler
  },
  setPermissionCheckHandler: (handler) => {
    record.permissionCheck = handler
  },
} satisfies Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>

/** A partition's session (the sign-in window's): no cookies are ever set here, nothing loads. */
class StandInSession
  extends EventEmitter
  implements Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'clearStorageData'>
{
  permissionRequest: Parameters<Session['setPermissionRequestHandler']>[0] = null
  permissionCheck: Parameters<Session['setPermissionCheckHandler']>[0] = null
  cleared = 0
  readonly cookies = Object.assign(new EventEmitter(), {
    get: async (): Promise<Electron.Cookie[]> => [],
  }) satisfies Pick<Electron.Cookies, 'get'> & Pick<EventEmitter, 'on' | 'removeListener'>

  setPermissionRequestHandler(handler: Parameters<Session['setPermissionRequestHandler']>[0]): void {
    this.permissionRequest = handler
  }

  setPermissionCheckHandler(handler: Parameters<Session['setPermissionCheckHandler']>[0]): void {
    this.permissionCheck = handler
  }

  async clearStorageData(): Promise<void> {
    this.cleared += 1
  }

  /** What a page's download gets: refused when a 'will-download' listener prevents it. */
  downloadRefused(): boolean {
    const event = preventable()
    this.emit('will-download', event, {}, {})
    return event.defaultPrevented
  }
}

const partitions = new Map<string, StandInSession>()

export const session = {
  defaultSession,
  fromPartition: (partition: string): StandInSession => {
    let found = partitions.get(partition)
    if (!found) {
      found = new StandInSession()
      partitions.set(partition, found)
    }
    return found
  },
}

// ---- tray and menu ----

export class Menu {
  private constructor(readonly template: MenuItemConstructorOptions[]) {}

  static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu {
    return new Menu(template)
  }
}

function findItem(items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions | null {
  for (const item of items) {
    if (item.id === id) return item
    const submenu = Array.isArray(item.submenu) ? findItem(item.submenu, id) : null
    if (submenu) return submenu
  }
  return null
}

function menuRecord(items: MenuItemConstructorOptions[]): MenuItemRecord[] {
  return items.map((item) => ({
    id: item.id ?? null,
    label: item.label ?? null,
    type: item.type ?? (item.submenu ? 'submenu' : 'normal'),
    enabled: item.enabled ?? true,
    submenu: Array.isArray(item.submenu) ? menuRecord(item.submenu) : [],
  }))
}

export class Tray
  extends EventEmitter
  implements Pick<Electron.Tray, 'setToolTip' | 'setTitle' | 'getBounds' | 'destroy' | 'isDestroyed'>
{
  static current: Tray | null = null
  image: string
  tooltip: string | null = null
  title: string | null = null
  menu: Menu | null = null
  private destroyed = false

  constructor(image: string) {
    super()
    this.image = image
    Tray.current = this
  }

  setImage(image: string): void {
    this.image = image
  }

  setToolTip(toolTip: string): void {
    this.tooltip = toolTip
  }

  setTitle(title: string): void {
    this.title = title
  }

  setContextMenu(menu: Menu | null): void {
    this.menu = menu
  }

  /** Like Wayland and many Linux trays: no bounds, so the popup goes by the cursor. */
  getBounds(): Rectangle {
    return { x: 0, y: 0, width: 0, height: 0 }
  }

  destroy(): void {
    this.destroyed = true
  }

  isDestroyed(): boolean {
    return this.destroyed
  }
}

// ---- notifications ----

export class Notification extends EventEmitter implements Pick<Electron.Notification, 'show' | 'close'> {
  shown = false
  closed = false

  static isSupported(): boolean {
    return true
  }

  constructor(readonly options: NotificationConstructorOptions = {}) {
    super()
    record.notifications.push(this)
  }

  show(): void {
    this.shown = true
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.emit('close', preventable())
  }
}

// ---- windows ----

let nextId = 1

class StandInWebContents
  extends EventEmitter
  implements
    Pick<
      Electron.WebContents,
      'id' | 'send' | 'isDestroyed' | 'isLoading' | 'setWindowOpenHandler' | 'focus' | 'loadURL'
    >
{
  readonly id = nextId++
  destroyed = false
  loading = false
  openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null
  /** The page's `beforeunload` asks to stay: Electron then cancels a close unless the app ignores it. */
  guardsUnload = false

  constructor(
    private readonly windowId: number,
    readonly session: StandInSession | typeof defaultSession,
    private readonly loadInWindow: (url: string) => Promise<void>,
  ) {
    super()
  }

  loadURL(url: string): Promise<void> {
    return this.loadInWindow(url)
  }

  /** A navigation of `kind` to `url`: whether the app let it go ahead. */
  navigationAllowed(kind: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    const details = { ...preventable(), url, isMainFrame: kind !== 'will-frame-navigate' }
    this.emit(kind, details as unknown as Electron.Event<WebContentsWillNavigateEventParams>, url)
    return !details.defaultPrevented
  }

  /** Whether the page may unload: its `beforeunload` guard holds unless a `will-prevent-unload` listener prevents it. */
  mayUnload(): boolean {
    if (!this.guardsUnload) return true
    const event = preventable()
    this.emit('will-prevent-unload', event)
    return event.defaultPrevented
  }

  /** Electron clones every payload (structured clone); one that cannot be cloned throws here too. */
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed')
    record.pushes.push({ windowId: this.windowId, channel, payload: structuredClone(args[0]) })
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  isLoading(): boolean {
    return this.loading
  }

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.openHandler = handler
  }

  focus(): void {}
}

export class BrowserWindow
  extends EventEmitter
  implements
    Pick<
      Electron.BrowserWindow,
      | 'loadURL'
      | 'show'
      | 'hide'
      | 'focus'
      | 'isVisible'
      | 'setPosition'
      | 'close'
      | 'destroy'
      | 'isDestroyed'
      | 'setTitle'
    >
{
  private static readonly all: BrowserWindow[] = []
  readonly id = nextId++
  readonly webContents: StandInWebContents
  readonly urls: string[] = []
  private visible: boolean
  private destroyed = false
  private windowOpen: 'allow' | 'deny' | null = null
  private title: string

  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.all.filter((window) => !window.destroyed)
  }

  static fromId(id: number): BrowserWindow | null {
    return BrowserWindow.getAllWindows().find((window) => window.id === id) ?? null
  }

  static records(): WindowRecord[] {
    return BrowserWindow.all.map((window) => window.toRecord())
  }

  constructor(readonly options: BrowserWindowConstructorOptions = {}) {
    super()
    this.visible = options.show ?? true
    this.title = options.title ?? ''
    const partition = options.webPreferences?.partition
    this.webContents = new StandInWebContents(
      this.id,
      partition ? session.fromPartition(partition) : defaultSession,
      (url) => this.loadURL(url),
    )
    BrowserWindow.all.push(this)
    app.emit('web-contents-created', preventable(), this.webContents)
  }

  async loadURL(url: string): Promise<void> {
    const first = this.urls.length === 0
    this.urls.push(url)
    this.webContents.loading = true
    await new Promise((resolve) => setImmediate(resolve))
    if (this.destroyed) return
    this.webContents.loading = false
    this.webContents.emit('did-finish-load')
    if (first) this.emit('ready-to-show')
  }

  show(): void {
    this.visible = true
  }

  hide(): void {
    this.visible = false
  }

  focus(): void {}
  setPosition(): void {}

  setTitle(title: string): void {
    this.title = title
  }

  isVisible(): boolean {
    return this.visible
  }

  close(): void {
    if (this.destroyed) return
    const event = preventable()
    this.emit('close', event)
    if (!event.defaultPrevented && this.webContents.mayUnload()) this.destroy()
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.visible = false
    this.webContents.destroyed = true
    this.webContents.emit('destroyed')
    this.emit('closed')
  }

  isDestroyed(): boolean {
    return this.destroyed
  }

  private toRecord(): WindowRecord {
    const handler = this.webContents.openHandler
    // Asked once per window: the app logs each refusal.
    this.windowOpen ??= handler
      ? handler({
          url: 'https://example.com/',
          frameName: '',
          features: '',
          disposition: 'foreground-tab',
          referrer: { url: '', policy: 'default' },
        }).action
      : null
    return {
      id: this.id,
      options: structuredClone(this.options) as Record<string, unknown>,
      urls: [...this.urls],
      visible: this.visible,
      destroyed: this.destroyed,
      windowOpen: this.windowOpen ?? 'no handler',
      title: this.title,
    }
  }
}

// ---- the rest of main's modules ----

// Electron fills in more of a Display; the popup uses the work area only.
const DISPLAY = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } } as Display

export const screen = {
  getCursorScreenPoint: (): Point => ({ x: 1800, y: 10 }),
  getDisplayNearestPoint: (): Display => DISPLAY,
} satisfies Pick<Screen, 'getCursorScreenPoint' | 'getDisplayNearestPoint'>

const shortcuts = new Map<string, () => void>()
export const globalShortcut = {
  register: (accelerator, callback) => {
    if (shortcuts.has(accelerator)) return false
    shortcuts.set(accelerator, callback)
    return true
  },
  unregister: (accelerator) => {
    shortcuts.delete(accelerator)
  },
  isRegistered: (accelerator) => shortcuts.has(accelerator),
  unregisterAll: () => shortcuts.clear(),
} satisfies Pick<GlobalShortcut, 'register' | 'unregister' | 'isRegistered' | 'unregisterAll'>

export const powerMonitor = new EventEmitter()

export const nativeTheme = {
  themeSource: 'system',
  shouldUseDarkColors: false,
} satisfies Pick<NativeTheme, 'themeSource' | 'shouldUseDarkColors'> as Pick<
  NativeTheme,
  'themeSource' | 'shouldUseDarkColors'
>

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown
const invokeHandlers = new Map<string, InvokeListener>()
export const ipcMain = {
  handle: (channel, listener) => {
    if (invokeHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    invokeHandlers.set(channel, listener)
  },
  removeHandler: (channel) => {
    invokeHandlers.delete(channel)
  },
} satisfies Pick<IpcMain, 'handle' | 'removeHandler'>

export const shell = {
  openExternal: async (url) => {
    record.openedExternal.push(url)
  },
  openPath: async (path) => {
    record.openedPaths.push(path)
    return ''
  },
} satisfies Pick<Shell, 'openExternal' | 'openPath'>

/** The copy of a typed answer is tested through the panel's bridge (renderer/answering.test.ts). */
export const clipboard = {
  writeText: async () => {},
} satisfies Pick<Clipboard, 'writeText'>

// ---- the test's side ----

function permissionsDenied({
  permissionRequest,
  permissionCheck,
}: Pick<StandInSession, 'permissionRequest' | 'permissionCheck'>): boolean {
  if (!permissionRequest || !permissionCheck) return false
  let granted: boolean | null = null
  const contents = {} as Electron.WebContents
  permissionRequest(
    contents,
    'notifications',
    (answer) => {
      granted = answer
    },
    { requestingUrl: 'app://panel/index.html', isMainFrame: true },
  )
  const checked = permissionCheck(contents, 'clipboard-read', 'app://panel', {
    isMainFrame: true,
    requestingUrl: 'app://panel/index.html',
    embeddingOrigin: '',
    securityOrigin: 'app://panel',
  })
  return granted === false && checked === false
}

function state(): StandInState {
  const tray = Tray.current
  const windows = BrowserWindow.records()
  return {
    ready: app.isReady(),
    schemesRegisteredBeforeReady: [...record.schemesRegisteredBeforeReady],
    protocolsHandled: [...record.protocols.keys()],
    permissionsDenied: permissionsDenied(record),
    partitions: Object.fromEntries(
      [...partitions].map(([name, partition]) => [
        name,
        {
          permissionsDenied: permissionsDenied(partition),
          downloadRefused: partition.downloadRefused(),
          cleared: partition.cleared,
        },
      ]),
    ),
    tray: tray && {
      image: tray.image,
      tooltip: tray.tooltip,
      title: tray.title,
      menu: tray.menu ? menuRecord(tray.menu.template) : [],
      destroyed: tray.isDestroyed(),
    },
    windows,
    notifications: record.notifications.map((notification) => ({
      title: notification.options.title ?? '',
      body: notification.options.body ?? '',
      silent: notification.options.silent ?? false,
      actions: (notification.options.actions ?? []).map((action) => action.text ?? ''),
      shown: notification.shown,
      closed: notification.closed,
    })),
    pushes: record.pushes,
    ipcChannels: [...invokeHandlers.keys()],
    shortcuts: [...shortcuts.keys()],
    themeSource: nativeTheme.themeSource,
    openedPaths: record.openedPaths,
    openedExternal: record.openedExternal,
    switchesAppended: record.switchesAppended,
    realElectronFiles: Object.keys(require.cache).filter((file) =>
      file.includes(`${sep}node_modules${sep}electron${sep}`),
    ),
  }
}

/** The page's main frame has no parent; an iframe's parent is the frame that holds it. */
function senderFrame(
  window: BrowserWindow,
  { frameUrl, subframe }: InvokeCaller,
): Pick<WebFrameMain, 'url' | 'parent'> {
  const mainFrame = { url: window.urls.at(-1) ?? '', parent: null }
  return subframe ? { url: frameUrl, parent: mainFrame as WebFrameMain } : { url: frameUrl, parent: null }
}

async function invoke(channel: string, request: unknown, from: InvokeCaller): Promise<unknown> {
  const handler = invokeHandlers.get(channel)
  if (!handler) throw new Error(`No handler registered for '${channel}'`)
  const window = BrowserWindow.fromId(from.windowId)
  if (!window) throw new Error(`no open window #${from.windowId} to invoke '${channel}' from`)
  const event = {
    sender: window.webContents,
    senderFrame: senderFrame(window, from),
    processId: 1,
    frameId: from.subframe ? 2 : 1,
  } as unknown as IpcMainInvokeEvent
  try {
    // Electron clones the result back to the page; what cannot be cloned fails the call.
    return structuredClone(await handler(event, request))
  } catch (error) {
    throw new Error(`Error invoking remote method '${channel}': ${String(error)}`)
  }
}

async function fetchApp(url: string): Promise<FetchedApp> {
  const handler = record.protocols.get(new URL(url).protocol.replace(/:$/, ''))
  if (!handler) throw new Error(`no protocol handler for ${url}`)
  const response = await handler(new Request(url))
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    contentSecurityPolicy: response.headers.get('content-security-policy'),
    bodyLength: (await response.arrayBuffer()).byteLength,
  }
}

async function run(command: Command): Promise<unknown> {
  switch (command.kind) {
    case 'state':
      return state()
    case 'invoke':
      return invoke(command.channel, command.request, command.from)
    case 'click-menu': {
      const item = Tray.current?.menu ? findItem(Tray.current.menu.template, command.itemId) : null
      if (!item?.click) throw new Error(`no clickable tray menu item '${command.itemId}'`)
      if (item.enabled === false) throw new Error(`tray menu item '${command.itemId}' is disabled`)
      item.click({} as Electron.MenuItem, undefined, {} as Electron.KeyboardEvent)
      return undefined
    }
    case 'click-notification': {
      const notification = record.notifications[command.index]
      if (!notification) throw new Error(`no notification #${command.index}`)
      notification.emit('click', preventable())
      return undefined
    }
    case 'power':
      powerMonitor.emit(command.event)
      return undefined
    case 'set-online':
      record.online = command.online
      return undefined
    case 'fetch-app':
      return fetchApp(command.url)
    case 'navigate': {
      const window = BrowserWindow.fromId(command.windowId)
      if (!window) throw new Error(`no open window #${command.windowId}`)
      return window.webContents.navigationAllowed(command.event, command.url)
    }
    case 'close-window':
      BrowserWindow.fromId(command.windowId)?.close()
      return undefined
    case 'guard-unload': {
      const window = BrowserWindow.fromId(command.windowId)
      if (!window) throw new Error(`no open window #${command.windowId}`)
      window.webContents.guardsUnload = true
      return undefined
    }
    case 'quit':
      // After the reply has gone out: quitting may end the process.
      setImmediate(() => app.quit())
      return undefined
  }
}

process.on('message', (message: CommandMessage) => {
  const reply = (answer: ReplyMessage) => send(answer)
  run(message.command).then(
    (value) => reply({ id: message.id, ok: true, value }),
    (error: unknown) =>
      reply({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  )
})
// The test went away: so does the app.
process.on('disconnect', () => process.exit(1))
