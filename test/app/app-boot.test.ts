// Boots the real built main process (out/main/index.js: index.ts and all that lifecycle/startup.ts
// wires) in Node, with only Electron's own module replaced (electron-stand-in/), against embedded
// PostgreSQL and the SSE test server, and checks what a user would see: tray, toasts, windows,
// IPC answers, settings.json, the log file, and a clean exit.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { PanelState } from '@shared/ipc/panel-state'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DATA_DIR_ENV } from '../../electron/main/lifecycle/data-dir-override'
import { cacheFileIn } from '../../electron/main/store/cache-files'
import { insertQuestion, seedWorld, type World } from '../support/fixtures'
import { setUpSeededDatabase } from '../support/seeded-database'
import { type SseTestServer, startSseTestServer } from '../support/sse-test-server'
import { AppProcess } from './app-process'
import type { MenuItemRecord, StandInState } from './electron-stand-in/protocol'

const TOKEN = 'tok-Boot-5Vx8qN2mR7'
const PANEL = 'app://panel/index.html'
const LOG_FILE = 'scrum4me-notifier.log'
const AUTOSTART = join('.config', 'autostart', 'com.scrum4me.notifier.desktop')

const seeded = setUpSeededDatabase()
type Cleanups = (() => Promise<void> | void)[]
const cleanups: Cleanups = []
afterEach(() => runCleanups(cleanups))

async function runCleanups(list: Cleanups): Promise<void> {
  for (const cleanup of list.splice(0).reverse()) await cleanup()
}

/**
 * The app keeps its token under the keychain's real service name. scripts/test.sh gives it a
 * private session bus with a throwaway gnome-keyring, so there the app finds a keychain; a
 * developer's own login bus (/run/user/…) is never handed over: there it finds none.
 */
const PRIVATE_BUS = process.env.DBUS_SESSION_BUS_ADDRESS?.includes('/run/user/')
  ? undefined
  : process.env.DBUS_SESSION_BUS_ADDRESS
/** Whether the app under test should find an OS keychain: decided by the environment, not by the app. */
const KEYCHAIN_EXPECTED = PRIVATE_BUS !== undefined

function keychainBus(root: string): string {
  return PRIVATE_BUS ?? noBus(root)
}

/** A bus address that leads nowhere: the app finds no keychain, as on a desktop without one. */
const noBus = (root: string) => `unix:path=${join(root, 'no-bus')}`

function startApp(
  settings?: Record<string, unknown>,
  { owner = cleanups, bus = keychainBus }: { owner?: Cleanups; bus?: (root: string) => string } = {},
): AppProcess {
  const root = mkdtempSync(join(tmpdir(), 's4m-boot-'))
  owner.push(() => rmSync(root, { recursive: true, force: true }))
  if (settings) {
    mkdirSync(join(root, 'userData'), { recursive: true })
    writeFileSync(join(root, 'userData', 'settings.json'), JSON.stringify(settings))
  }
  const app = new AppProcess({ root, dbusAddress: bus(root) })
  owner.push(() => app.kill())
  return app
}

async function startServer(
  database: { url: string; world: World } = seeded,
  owner = cleanups,
): Promise<SseTestServer> {
  const server = await startSseTestServer({
    databaseUrl: database.url,
    credentials: { [TOKEN]: database.world.users.ann },
  })
  owner.push(() => server.close())
  return server
}

/** Polls `done` until it holds. Generous by default: a loaded machine is slow, never wrong. */
async function until(done: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const started = Date.now()
  while (!(await done())) {
    if (Date.now() - started > ms) throw new Error(`gave up after ${ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const menuIds = (menu: MenuItemRecord[]) => menu.flatMap((item) => (item.id ? [item.id] : []))
const menuLabel = (state: StandInState, id: string) => state.tray?.menu.find((item) => item.id === id)?.label
const settingsWindows = (state: StandInState) =>
  state.windows.filter((window) => !window.destroyed && window.options.title === 'Scrum4Me Notifier')
/** The sign-in window is the one with a session partition of its own. */
const isSignInWindow = (window: StandInState['windows'][number]) =>
  (window.options.webPreferences as { partition?: string } | undefined)?.partition !== undefined
const settingsFile = (app: AppProcess) =>
  JSON.parse(readFileSync(join(app.paths.userData, 'settings.json'), 'utf8')) as Record<string, unknown>

describe('the built main process, booted with an Electron stand-in', () => {
  // One boot for the whole session: a boot costs 2 s on an idle machine and 5–10 s on a loaded one,
  // and most behaviours need the state the earlier ones leave. So the `it`s below run in file order
  // and each starts where the previous one left the app: connected with 2 questions → a third question
  // toasted and the popup open on it → asleep, offline and reconnected → settings open and in Dutch →
  // signed out → signed in again and quit. A failure early on fails the later ones too; read the first.
  describe('one configured app, from its first start to Quit', () => {
    const owned: Cleanups = []
    let database: { url: string; world: World }
    let server: SseTestServer
    let app: AppProcess
    let seededIds: string[]
    let newId: string
    let popupId: number
    let settingsId: number
    const connection = { kind: 'sse', serverUrl: '', authKind: 'bearer' }
    const fromPopup = () => ({ windowId: popupId })
    const fromSettings = () => ({ windowId: settingsId })
    const ask = (storyId: string, question: string) =>
      insertQuestion(database.url, {
        productId: database.world.products.alpha,
        askedBy: database.world.users.bob,
        storyId,
        question,
      })

    beforeAll(async () => {
      // Its own database: the per-test one of setUpSeededDatabase would change under the running app.
      const url = await seeded.postgres.createDatabase()
      database = { url, world: await seedWorld(url) }
      const { stories } = database.world
      seededIds = [
        await ask(stories.st102, 'Mag de reset-link 24 uur geldig blijven?'),
        await ask(stories.st102, 'Sturen we ook een SMS?'),
      ]
      server = await startServer(database, owned)
      connection.serverUrl = server.origin
      // A settings file from a version that had an update URL setting still loads.
      app = startApp(
        { connection, secret: TOKEN, updateUrl: 'https://updates.evil.example/' },
        { owner: owned },
      )
    })
    afterAll(() => runCleanups(owned))

    it('starts connected, with the seeded questions in the tray and the Electron surface locked down', async () => {
      const state = await app.until(
        (s) =>
          /^2 open questions · longest waiting since \d\d:\d\d$/.test(s.tray?.tooltip ?? '') &&
          s.tray?.image?.endsWith('tray-connected-2.png') === true,
        'the connected tray with 2 questions',
      )
      expect(state.realElectronFiles).toEqual([])
      expect(state.schemesRegisteredBeforeReady).toEqual(['app'])
      expect(state.permissionsDenied).toBe(true)
      expect(state.shortcuts).toEqual(['CommandOrControl+Shift+Space'])
      await until(() => server.openStreams() === 1, 'one open stream')
    })

    it('moves the token from settings.json into the keychain, where there is one', () => {
      // The environment decides which outcome is right; the no-keychain case also has its own test below.
      expect(app.log).toMatch(
        KEYCHAIN_EXPECTED ? /moved "secret" into the keychain/ : /no usable OS keychain/,
      )
      expect(settingsFile(app)).toMatchObject({ connection })
      expect('secret' in settingsFile(app)).toBe(!KEYCHAIN_EXPECTED)
    })

    it('leaves open at login to the installed app', () => {
      // Open at login is on, but this is an unpackaged run: it must not write (or replace) the installed
      // app's autostart entry. The packaged cases are in electron/main/lifecycle/open-at-login.test.ts.
      expect(existsSync(join(app.paths.home, AUTOSTART))).toBe(false)
      expect(app.log).toContain('login: open at login is left to the installed app')
    })

    it('loads its own page into a locked-down popup, served from out/renderer', async () => {
      const state = await app.state()
      expect(state.windows.map((window) => window.urls[0])).toEqual([PANEL])
      expect(state.windows.every((window) => window.windowOpen === 'deny')).toBe(true)
      expect(await app.send({ kind: 'fetch-app', url: PANEL })).toMatchObject({
        status: 200,
        contentType: 'text/html',
        contentSecurityPolicy: expect.stringContaining("default-src 'none'"),
      })
      expect(await app.send({ kind: 'fetch-app', url: 'app://panel/%2e%2e/main/index.js' })).toMatchObject({
        status: 404,
      })
    })

    it('toasts the backlog once, then each new question; a click opens the popup on it', async () => {
      // The backlog found at start is one summary toast; a question asked now is one toast of its own.
      let state = await app.until((s) => s.notifications.length > 0, 'the backlog toast')
      expect(state.notifications.map((toast) => toast.title)).toEqual(['2 new questions'])
      newId = await ask(database.world.stories.st101, 'Welke aanpak kies je voor de migratie?')
      state = await app.until(
        (s) =>
          s.notifications.length > 1 &&
          /^3 open questions · longest waiting since \d\d:\d\d$/.test(s.tray?.tooltip ?? ''),
        'the toast for the new question',
      )
      expect(state.notifications.slice(1)).toEqual([
        expect.objectContaining({
          title: 'Alpha · ST-101',
          body: 'Welke aanpak kies je voor de migratie?',
          shown: true,
        }),
      ])
      await app.send({ kind: 'click-notification', index: 1 })
      state = await app.until(
        (s) => s.pushes.some((push) => push.channel === 'panel:focus-question'),
        'the popup focusing the question',
      )
      const popup = state.windows.find((window) => window.options.frame === false)
      expect(popup?.visible).toBe(true)
      popupId = popup?.id ?? -1
      expect(state.pushes.filter((push) => push.channel === 'panel:focus-question')).toEqual([
        { windowId: popupId, channel: 'panel:focus-question', payload: { questionId: newId } },
      ])
    })

    it('lets the stream go on sleep, shows offline after waking offline, and reconnects once online', async () => {
      // Sleep lets the stream go at once; waking reads the network state again: offline is in the tray.
      await app.send({ kind: 'power', event: 'suspend' })
      await until(() => server.openStreams() === 0, 'the stream to close on suspend')
      await app.send({ kind: 'set-online', online: false })
      await app.send({ kind: 'power', event: 'resume' })
      await app.until((s) => s.tray?.image?.endsWith('tray-offlineTemplate.png') === true, 'the offline tray')
      // Online again: one reconnect (nudges are rate-limited to one attempt per 5 s).
      await app.send({ kind: 'set-online', online: true })
      await app.send({ kind: 'power', event: 'resume' })
      // 'Connecting' shows the same icon; only the tooltip tells it from 'connected'.
      const state = await app.until(
        (s) =>
          s.tray?.image?.endsWith('tray-connected-3.png') === true &&
          /^3 open questions · longest waiting since \d\d:\d\d$/.test(s.tray.tooltip ?? ''),
        'the reconnected tray',
      )
      await until(() => server.openStreams() === 1, 'one open stream again')
      // The fresh snapshot after reconnecting toasts nothing again.
      expect(state.notifications).toHaveLength(2)
    })

    it("answers the panel's calls from its own page only, and refuses it the settings' calls", async () => {
      // Waited for, not sampled: the tray can show 'connected' a moment before a slow machine's
      // stream cycles once more (a refresh or a rate-limited nudge ends in 'connecting' for a while).
      let panel: PanelState | undefined
      await until(async () => {
        panel = (await app.invoke('panel:get-state', undefined, fromPopup())) as PanelState
        return panel.feed.state === 'connected'
      }, 'the panel to report the feed connected')
      expect(panel?.questions.map((entry) => entry.question.id).sort()).toEqual([...seededIds, newId].sort())
      await expect(
        app.invoke('panel:get-state', undefined, { ...fromPopup(), frameUrl: 'https://evil.example/' }),
      ).rejects.toThrow(/not allowed from this page/)
      // The popup shows untrusted text: it has its own preload, and main refuses it the settings' calls.
      const popup = (await app.state()).windows.find((window) => window.id === popupId)
      expect(popup?.options.webPreferences).toMatchObject({
        preload: expect.stringMatching(/[/\\]panel\.cjs$/),
      })
      const draft = { connection, secret: TOKEN }
      for (const [channel, request] of [
        ['connection:save', { ...draft, insist: false }],
        ['connection:test', draft],
        ['settings:update', { language: 'nl' }],
        ['session:sign-out', undefined],
      ] as const)
        await expect(app.invoke(channel, request, fromPopup())).rejects.toThrow(/not allowed from this page/)
      // Neither saved nor signed out.
      expect(settingsFile(app)).toMatchObject({ connection })
    })

    it('opens Settings from the tray menu, with its own preload, answering its own page only', async () => {
      let state = await app.state()
      expect(menuIds(state.tray?.menu ?? [])).toEqual([
        'open',
        'reconnect',
        'pause',
        'settings',
        'logs',
        'quit',
      ])
      await app.send({ kind: 'click-menu', itemId: 'settings' })
      state = await app.until(
        (s) => settingsWindows(s).some((window) => window.visible),
        'the settings window',
      )
      expect(settingsWindows(state)).toHaveLength(1)
      expect(settingsWindows(state)[0]?.urls.at(-1)).toBe(`${PANEL}#settings/general`)
      settingsId = settingsWindows(state)[0]?.id ?? -1
      expect(settingsWindows(state)[0]?.options.webPreferences).toMatchObject({
        preload: expect.stringMatching(/[/\\]settings\.cjs$/),
      })
      // Only the window's own page may call, not a frame inside it.
      await expect(
        app.invoke('settings:get', undefined, { ...fromSettings(), subframe: true }),
      ).rejects.toThrow(/not allowed from this page/)
    })

    it('follows a language change at once, saves it, and takes no update feed from a window', async () => {
      // Language: the tray menu follows at once, and the choice is saved.
      await app.invoke('settings:update', { language: 'nl' }, fromSettings())
      let state = await app.until((s) => menuLabel(s, 'settings') === 'Instellingen…', 'the Dutch tray menu')
      expect(menuLabel(state, 'quit')).toBe('Afsluiten')
      expect(state.tray?.tooltip).toMatch(/^3 open vragen · langst wachtend sinds \d\d:\d\d$/)
      expect(settingsFile(app)).toMatchObject({ language: 'nl' })
      // The update feed is not a setting: no window can point the updater at another server.
      await expect(
        app.invoke('settings:update', { updateUrl: 'https://updates.evil.example/' }, fromSettings()),
      ).rejects.toThrow()
      expect(settingsFile(app)).not.toHaveProperty('updateUrl')
      expect(app.log).toMatch(/"updateUrl" is no longer a setting/)
      expect(app.log).toMatch(/this build has no update feed; automatic updates off/)
      // The settings state goes to the settings window only, never to the popup.
      state = await app.until(
        (s) => s.pushes.some((push) => push.channel === 'settings:state'),
        'the settings window hearing the new settings',
      )
      const settingsPushes = state.pushes.filter((push) => push.channel === 'settings:state')
      expect(new Set(settingsPushes.map((push) => push.windowId))).toEqual(new Set([settingsId]))
    })

    it('signs out: the stream is closed and the cache is gone', async () => {
      const cache = cacheFileIn(app.paths.userData)
      expect(existsSync(cache)).toBe(true)
      expect(await app.invoke('session:sign-out', undefined, fromSettings())).toMatchObject({
        settings: { connection: null },
      })
      await until(() => server.openStreams() === 0, 'the stream to close')
      expect(existsSync(cache)).toBe(false)
      await app.until((s) => s.tray?.image?.endsWith('tray-failed.png') === true, 'the signed-out tray')
    })

    it('signs in again through setup, then quits cleanly from the tray', async () => {
      // Exit code 0, the stream released, and a cache with no -wal/-shm beside it, so the core was
      // closed before the exit.
      expect(
        await app.invoke('connection:save', { connection, secret: TOKEN, insist: false }, fromSettings()),
      ).toMatchObject({ saved: true })
      await until(() => server.openStreams() === 1, 'the stream to reopen')
      await app.send({ kind: 'click-menu', itemId: 'quit' })
      expect(await app.exit()).toBe(0)
      await until(() => server.openStreams() === 0, 'the server to release the stream')
      const cacheName = basename(cacheFileIn(app.paths.userData))
      expect(readdirSync(app.paths.userData).filter((file) => file.startsWith(cacheName))).toEqual([
        cacheName,
      ])

      const log = readFileSync(join(app.paths.logs, LOG_FILE), 'utf8')
      // One scope per line: the controller's own lines already say "settings:".
      expect(log).toMatch(/Z info settings: signed out; secret and cache removed\n/)
      expect(log).toMatch(/Z info setup: connection test: ok, 3 open question\(s\)\n/)
      expect(log.includes(TOKEN)).toBe(false)
      expect(app.log.includes(TOKEN)).toBe(false)
    })
  })

  it('keeps the token in settings.json when there is no keychain, connected all the same', async () => {
    const server = await startServer()
    const connection = { kind: 'sse', serverUrl: server.origin, authKind: 'bearer' }
    const app = startApp({ connection, secret: TOKEN }, { bus: noBus })
    await app.until((s) => s.tray?.tooltip === 'No open questions', 'the connected tray')
    expect(app.log).toMatch(/no usable OS keychain/)
    expect(app.log).not.toMatch(/moved "secret" into the keychain/)
    expect(settingsFile(app)).toMatchObject({ connection, secret: TOKEN })

    await app.send({ kind: 'quit' })
    expect(await app.exit()).toBe(0)
  })

  it('signed out by the server: the tray says so and offers "Sign in again…", and one notice says it', async () => {
    const server = await startServer()
    const connection = { kind: 'sse', serverUrl: server.origin, authKind: 'bearer' }
    const app = startApp({ connection, secret: 'tok-revoked-0000' }, { bus: noBus })
    let state = await app.until(
      (s) => s.tray?.tooltip === 'No open questions · Signed out' && s.notifications.length > 0,
      'the signed-out tray and notice',
    )
    expect(state.tray?.image?.endsWith('tray-failed.png')).toBe(true)
    expect(menuLabel(state, 'sign-in-again')).toBe('Sign in again…')
    expect(state.notifications.map((notice) => notice.title)).toEqual([
      'Signed out of Scrum4Me — sign in again',
    ])
    // The notice opens the sign-in window on the saved server's own page.
    await app.send({ kind: 'click-notification', index: 0 })
    state = await app.until((s) => s.windows.some(isSignInWindow), 'the sign-in window')
    // The first page it loads (the stand-in then asks its window-open handler once, for another page).
    expect(state.windows.find(isSignInWindow)?.urls[0]).toBe(`${server.origin}/`)

    await app.send({ kind: 'quit' })
    expect(await app.exit()).toBe(0)
  })

  it('opens setup on the first start, with the tray saying it is not set up', async () => {
    const app = startApp()
    const state = await app.until(
      (s) =>
        settingsWindows(s).some((window) => window.visible) &&
        s.tray?.image?.endsWith('tray-failed.png') === true,
      'the setup window and the not-set-up tray',
    )
    expect(settingsWindows(state)[0]?.urls).toEqual([`${PANEL}#setup`])
    expect(state.tray?.tooltip).toBe('No open questions · Not set up yet')
    expect(existsSync(join(app.paths.userData, 'settings.json'))).toBe(false)

    await app.send({ kind: 'quit' })
    expect(await app.exit()).toBe(0)
  })

  it('opens "Sign in with Scrum4Me" in a locked-down window of its own, and cancels when it is closed', async () => {
    const app = startApp()
    const setup = await app.until((s) => settingsWindows(s).some((window) => window.visible), 'setup')
    const settingsId = settingsWindows(setup)[0]?.id ?? -1
    const signingIn = app.invoke(
      'session:sign-in',
      { serverUrl: 'https://scrum4me.example.com' },
      { windowId: settingsId },
    )
    const state = await app.until((s) => s.windows.some(isSignInWindow), 'the sign-in window')
    const signIn = state.windows.find(isSignInWindow)
    if (!signIn) throw new Error('no sign-in window')
    const preferences = signIn.options.webPreferences as Record<string, unknown>
    expect(preferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    })
    expect(preferences).not.toHaveProperty('preload')
    // No `persist:` prefix: Electron keeps the partition in memory.
    const partition = String(preferences.partition)
    expect(partition).not.toMatch(/^persist:/)
    expect(state.partitions[partition]).toEqual({
      permissionsDenied: true,
      downloadRefused: true,
      cleared: 0,
    })
    expect(signIn.title).toBe('Sign in — https://scrum4me.example.com')
    // A new window is refused, and an https one opens in this window instead.
    expect(signIn.windowOpen).toBe('deny')
    expect(signIn.urls).toEqual(['https://scrum4me.example.com/', 'https://example.com/'])
    const allowed = (event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string) =>
      app.send({ kind: 'navigate', windowId: signIn.id, event, url })
    // Single sign-on through another https origin, and http only to this machine.
    expect(await allowed('will-navigate', 'https://login.example.org/authorize')).toBe(true)
    expect(await allowed('will-redirect', 'https://scrum4me.example.com/sso/callback')).toBe(true)
    expect(await allowed('will-navigate', 'http://127.0.0.1:3000/')).toBe(true)
    expect(await allowed('will-navigate', 'http://scrum4me.example.com/')).toBe(false)
    expect(await allowed('will-redirect', 'http://evil.example/')).toBe(false)
    expect(await allowed('will-frame-navigate', 'file:///etc/passwd')).toBe(false)
    // The app's own pages stay locked down as before.
    expect(
      await app.send({
        kind: 'navigate',
        windowId: settingsId,
        event: 'will-navigate',
        url: 'https://example.com/',
      }),
    ).toBe(false)

    expect(
      await app.invoke(
        'session:sign-in',
        { serverUrl: 'https://scrum4me.example.com' },
        { windowId: settingsId },
      ),
    ).toEqual({ outcome: 'busy' })
    await app.send({ kind: 'close-window', windowId: signIn.id })
    expect(await signingIn).toEqual({ outcome: 'cancelled' })

    // Sign-out also empties the sign-in partition.
    await app.invoke('session:sign-out', undefined, { windowId: settingsId })
    expect((await app.state()).partitions[partition]?.cleared).toBe(1)
    await app.send({ kind: 'quit' })
    expect(await app.exit()).toBe(0)
  })

  it("titles the sign-in window in the app's language, and closes it even when the page asks to stay", async () => {
    const app = startApp({ language: 'nl' })
    const setup = await app.until((s) => settingsWindows(s).some((window) => window.visible), 'setup')
    const signingIn = app.invoke(
      'session:sign-in',
      { serverUrl: 'https://scrum4me.example.com' },
      { windowId: settingsWindows(setup)[0]?.id ?? -1 },
    )
    const state = await app.until((s) => s.windows.some(isSignInWindow), 'the sign-in window')
    const signIn = state.windows.find(isSignInWindow)
    expect(signIn?.title).toBe('Aanmelden — https://scrum4me.example.com')
    // A login page's "leave this page?" guard would otherwise cancel the close without a word.
    await app.send({ kind: 'guard-unload', windowId: signIn?.id ?? -1 })
    await app.send({ kind: 'close-window', windowId: signIn?.id ?? -1 })
    expect(await signingIn).toEqual({ outcome: 'cancelled' })
    await app.send({ kind: 'quit' })
    expect(await app.exit()).toBe(0)
  })

  it("shows the signed-in session's expiry in the diagnostics", async () => {
    const sessionExpiresAt = '2030-06-01T12:00:00.000Z'
    const connection = {
      kind: 'sse',
      serverUrl: 'https://scrum4me.example.com/',
      authKind: 'cookie',
      sessionExpiresAt,
    }
    const app = startApp({ connection })
    // No cookie in the keychain: the app opens Settings → Connection.
    const state = await app.until((s) => settingsWindows(s).some((window) => window.visible), 'the settings')
    const diagnostics = await app.invoke('diagnostics:get', undefined, {
      windowId: settingsWindows(state)[0]?.id ?? -1,
    })
    expect(diagnostics).toMatchObject({ sessionExpiresAt })
    await app.send({ kind: 'quit' })
    expect(await app.exit()).toBe(0)
  })

  it('runs on the folder SCRUM4ME_NOTIFIER_DATA_DIR names, connected, and never asks the keychain', async () => {
    const server = await startServer()
    const root = mkdtempSync(join(tmpdir(), 's4m-boot-'))
    cleanups.push(() => rmSync(root, { recursive: true, force: true }))
    const dataDir = join(root, 'demo-data')
    mkdirSync(dataDir)
    const connection = { kind: 'sse', serverUrl: server.origin, authKind: 'bearer' }
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ connection, secret: TOKEN }))
    const app = new AppProcess({ root, dbusAddress: keychainBus(root), env: { [DATA_DIR_ENV]: dataDir } })
    cleanups.push(() => app.kill())

    await app.until((s) => s.tray?.tooltip === 'No open questions', 'the connected tray')
    await until(() => server.openStreams() === 1, 'one open stream')
    // Not even probed: the OS keychain is shared by every data folder, and its entries are the real app's.
    expect(app.log).not.toMatch(/no usable OS keychain/)
    expect(app.log).not.toMatch(/moved "secret" into the keychain/)
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ secret: TOKEN })
    expect(existsSync(cacheFileIn(dataDir))).toBe(true)
    expect(existsSync(join(dataDir, 'logs', LOG_FILE))).toBe(true)
    // The app's usual folder stays untouched.
    expect(existsSync(app.paths.userData)).toBe(false)

    await app.send({ kind: 'quit' })
    expect(await app.exit()).toBe(0)
  })
})
