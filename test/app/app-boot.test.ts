// Boots the real built main process (out/main/index.js, so electron/main/index.ts's wiring) in
// Node, with only Electron's own module replaced (electron-stand-in/), against embedded
// PostgreSQL and the SSE test server, and checks what a user would see: tray, toasts, windows,
// IPC answers, settings.json, the log file, and a clean exit.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PanelState } from '@shared/ipc/panel-state'
import { afterEach, describe, expect, it } from 'vitest'
import { DATA_DIR_ENV } from '../../electron/main/lifecycle/data-dir-override'
import { insertQuestion } from '../support/fixtures'
import { setUpSeededDatabase } from '../support/seeded-database'
import { type SseTestServer, startSseTestServer } from '../support/sse-test-server'
import { AppProcess } from './app-process'
import type { MenuItemRecord, StandInState } from './electron-stand-in/protocol'

const TOKEN = 'tok-Boot-5Vx8qN2mR7'
const PANEL = 'app://panel/index.html'
const LOG_FILE = 'scrum4me-notifier.log'
const CACHE_FILE = 'scrum4me-notifier.sqlite'
const AUTOSTART = join('.config', 'autostart', 'com.scrum4me.notifier.desktop')

const seeded = setUpSeededDatabase()
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/**
 * The app keeps its token under the keychain's real service name. scripts/test.sh gives it a
 * private session bus with a throwaway gnome-keyring; a developer's own login bus (/run/user/…)
 * is never handed over: there the app finds no keychain and keeps the token in memory.
 */
function keychainBus(root: string): string {
  const bus = process.env.DBUS_SESSION_BUS_ADDRESS
  return bus && !bus.includes('/run/user/') ? bus : `unix:path=${join(root, 'no-bus')}`
}

function startApp(settings?: Record<string, unknown>): AppProcess {
  const root = mkdtempSync(join(tmpdir(), 's4m-boot-'))
  cleanups.push(() => rmSync(root, { recursive: true, force: true }))
  if (settings) {
    mkdirSync(join(root, 'userData'), { recursive: true })
    writeFileSync(join(root, 'userData', 'settings.json'), JSON.stringify(settings))
  }
  const app = new AppProcess({ root, dbusAddress: keychainBus(root) })
  cleanups.push(() => app.kill())
  return app
}

async function startServer(): Promise<SseTestServer> {
  const server = await startSseTestServer({
    databaseUrl: seeded.url,
    credentials: { [TOKEN]: seeded.world.users.ann },
  })
  cleanups.push(() => server.close())
  return server
}

async function until(done: () => boolean, what: string, ms = 5_000): Promise<void> {
  const started = Date.now()
  while (!done()) {
    if (Date.now() - started > ms) throw new Error(`gave up after ${ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const menuIds = (menu: MenuItemRecord[]) => menu.flatMap((item) => (item.id ? [item.id] : []))
const menuLabel = (state: StandInState, id: string) => state.tray?.menu.find((item) => item.id === id)?.label
const settingsWindows = (state: StandInState) =>
  state.windows.filter((window) => !window.destroyed && window.options.title === 'Scrum4Me Notifier')
const settingsFile = (app: AppProcess) =>
  JSON.parse(readFileSync(join(app.paths.userData, 'settings.json'), 'utf8')) as Record<string, unknown>

describe('the built main process, booted with an Electron stand-in', () => {
  it('connects, notifies, answers its pages, follows settings, signs out and quits cleanly', async () => {
    const { world } = seeded
    const ask = (storyId: string, question: string) =>
      insertQuestion(seeded.url, {
        productId: world.products.alpha,
        askedBy: world.users.bob,
        storyId,
        question,
      })
    const seededIds = [
      await ask(world.stories.st102, 'Mag de reset-link 24 uur geldig blijven?'),
      await ask(world.stories.st102, 'Sturen we ook een SMS?'),
    ]
    const server = await startServer()
    const connection = { kind: 'sse', serverUrl: server.origin, authKind: 'bearer' }
    // A settings file from a version that had an update URL setting still loads.
    const app = startApp({ connection, secret: TOKEN, updateUrl: 'https://updates.evil.example/' })

    // Started: connected, the seeded questions counted in the tooltip and drawn into the icon.
    let state = await app.until(
      (s) =>
        s.tray?.tooltip === '2 open questions' && s.tray.image?.endsWith('tray-connected-2.png') === true,
      'the connected tray with 2 questions',
    )
    expect(state.realElectronFiles).toEqual([])
    expect(state.schemesRegisteredBeforeReady).toEqual(['app'])
    expect(state.permissionsDenied).toBe(true)
    expect(state.shortcuts).toEqual(['CommandOrControl+Shift+Space'])
    expect(server.openStreams()).toBe(1)
    // The token moved from settings.json into the keychain, or, with no keychain, stayed there.
    const movedToKeychain = /moved "secret" into the keychain/.test(app.log)
    expect(movedToKeychain || /no usable OS keychain/.test(app.log)).toBe(true)
    expect(settingsFile(app)).toMatchObject({ connection })
    expect('secret' in settingsFile(app)).toBe(!movedToKeychain)
    // Open at login is on, but this is an unpackaged run: it must not write (or replace) the installed
    // app's autostart entry. The packaged cases are in electron/main/lifecycle/open-at-login.test.ts.
    expect(existsSync(join(app.paths.home, AUTOSTART))).toBe(false)
    expect(app.log).toContain('login: open at login is left to the installed app')

    // The popup loads our page, locked down; the page itself is served from out/renderer.
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

    // The backlog found at start is one summary toast; a question asked now is one toast of its own.
    state = await app.until((s) => s.notifications.length > 0, 'the backlog toast')
    expect(state.notifications.map((toast) => toast.title)).toEqual(['2 new questions'])
    const newId = await ask(world.stories.st101, 'Welke aanpak kies je voor de migratie?')
    state = await app.until(
      (s) => s.notifications.length > 1 && s.tray?.tooltip === '3 open questions',
      'the toast for the new question',
    )
    expect(state.notifications.slice(1)).toEqual([
      expect.objectContaining({
        title: 'Alpha · ST-101',
        body: 'Welke aanpak kies je voor de migratie?',
        shown: true,
      }),
    ])
    // Clicking it opens the popup on that question.
    await app.send({ kind: 'click-notification', index: 1 })
    state = await app.until(
      (s) => s.pushes.some((push) => push.channel === 'panel:focus-question'),
      'the popup focusing the question',
    )
    const popup = state.windows.find((window) => window.options.frame === false)
    expect(popup?.visible).toBe(true)
    expect(state.pushes.filter((push) => push.channel === 'panel:focus-question')).toEqual([
      { windowId: popup?.id, channel: 'panel:focus-question', payload: { questionId: newId } },
    ])

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
    state = await app.until(
      (s) =>
        s.tray?.image?.endsWith('tray-connected-3.png') === true && s.tray.tooltip === '3 open questions',
      'the reconnected tray',
    )
    expect(server.openStreams()).toBe(1)
    // The fresh snapshot after reconnecting toasts nothing again.
    expect(state.notifications).toHaveLength(2)

    // The panel's IPC answers our own page only.
    const fromPopup = { windowId: popup?.id ?? -1 }
    const panel = (await app.invoke('panel:get-state', undefined, fromPopup)) as PanelState
    expect(panel.feed.state).toBe('connected')
    expect(panel.questions.map((entry) => entry.question.id).sort()).toEqual([...seededIds, newId].sort())
    await expect(
      app.invoke('panel:get-state', undefined, { ...fromPopup, frameUrl: 'https://evil.example/' }),
    ).rejects.toThrow(/not allowed from this page/)
    // The popup shows untrusted text: it has its own preload, and main refuses it the settings' calls.
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
      await expect(app.invoke(channel, request, fromPopup)).rejects.toThrow(/not allowed from this page/)
    // Neither saved nor signed out.
    expect(settingsFile(app)).toMatchObject({ connection })

    // The tray menu, and Settings… from it.
    expect(menuIds(state.tray?.menu ?? [])).toEqual([
      'open',
      'reconnect',
      'pause',
      'settings',
      'logs',
      'quit',
    ])
    await app.send({ kind: 'click-menu', itemId: 'settings' })
    state = await app.until((s) => settingsWindows(s).some((window) => window.visible), 'the settings window')
    expect(settingsWindows(state)).toHaveLength(1)
    expect(settingsWindows(state)[0]?.urls.at(-1)).toBe(`${PANEL}#settings/general`)
    const settingsId = settingsWindows(state)[0]?.id ?? -1
    const fromSettings = { windowId: settingsId }
    expect(settingsWindows(state)[0]?.options.webPreferences).toMatchObject({
      preload: expect.stringMatching(/[/\\]settings\.cjs$/),
    })
    // Only the window's own page may call, not a frame inside it.
    await expect(app.invoke('settings:get', undefined, { ...fromSettings, subframe: true })).rejects.toThrow(
      /not allowed from this page/,
    )

    // Language: the tray menu follows at once, and the choice is saved.
    await app.invoke('settings:update', { language: 'nl' }, fromSettings)
    state = await app.until((s) => menuLabel(s, 'settings') === 'Instellingen…', 'the Dutch tray menu')
    expect(menuLabel(state, 'quit')).toBe('Afsluiten')
    expect(state.tray?.tooltip).toBe('3 open vragen')
    expect(settingsFile(app)).toMatchObject({ language: 'nl' })
    // The update feed is not a setting: no window can point the updater at another server.
    await expect(
      app.invoke('settings:update', { updateUrl: 'https://updates.evil.example/' }, fromSettings),
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

    // Sign-out: the stream is closed and the cache is gone.
    const cache = join(app.paths.userData, CACHE_FILE)
    expect(existsSync(cache)).toBe(true)
    expect(await app.invoke('session:sign-out', undefined, fromSettings)).toMatchObject({
      settings: { connection: null },
    })
    await until(() => server.openStreams() === 0, 'the stream to close')
    expect(existsSync(cache)).toBe(false)
    await app.until((s) => s.tray?.image?.endsWith('tray-failed.png') === true, 'the signed-out tray')

    // Signed in again through the setup call, then Quit from the tray: exit code 0, the stream
    // released, and a cache with no -wal/-shm beside it, so the core was closed before the exit.
    expect(
      await app.invoke('connection:save', { connection, secret: TOKEN, insist: false }, fromSettings),
    ).toMatchObject({ saved: true })
    await until(() => server.openStreams() === 1, 'the stream to reopen')
    await app.send({ kind: 'click-menu', itemId: 'quit' })
    expect(await app.exit()).toBe(0)
    await until(() => server.openStreams() === 0, 'the server to release the stream', 2_000)
    expect(readdirSync(app.paths.userData).filter((file) => file.startsWith(CACHE_FILE))).toEqual([
      CACHE_FILE,
    ])

    const log = readFileSync(join(app.paths.logs, LOG_FILE), 'utf8')
    // One scope per line: the controller's own lines already say "settings:".
    expect(log).toMatch(/Z info settings: signed out; secret and cache removed\n/)
    expect(log).toMatch(/Z info setup: connection test: ok, 3 open question\(s\)\n/)
    expect(log.includes(TOKEN)).toBe(false)
    expect(app.log.includes(TOKEN)).toBe(false)
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
    expect(server.openStreams()).toBe(1)
    // Not even probed: the OS keychain is shared by every data folder, and its entries are the real app's.
    expect(app.log).not.toMatch(/no usable OS keychain/)
    expect(app.log).not.toMatch(/moved "secret" into the keychain/)
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ secret: TOKEN })
    expect(existsSync(join(dataDir, CACHE_FILE))).toBe(true)
    expect(existsSync(join(dataDir, 'logs', LOG_FILE))).toBe(true)
    // The app's usual folder stays untouched.
    expect(existsSync(app.paths.userData)).toBe(false)

    await app.send({ kind: 'quit' })
    expect(await app.exit()).toBe(0)
  })
})
