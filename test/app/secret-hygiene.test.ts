// The secret's whole life in the app: typed into setup, tested, saved, used to stream and to answer,
// then signed out. Afterwards the secret must be in none of the settings file, the SQLite cache, the
// log file or any IPC payload. Main's own registrars for the panel and the settings, its CoreHost
// and its IPC handlers are composed as lifecycle/startup.ts composes them; what is Electron or the
// OS (the windows, the tray, the theme, autostart, the shortcut) is a stand-in, and the toasts and
// the power and network watch are left out: they write no file and send no IPC payload.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AsyncEntry } from '@napi-rs/keyring'
import { type InvokeChannel, invokeChannelWindows, type PushChannel } from '@shared/ipc/contract'
import type { PanelState } from '@shared/ipc/panel-state'
import type { ConnectionDraft } from '@shared/setup'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CoreHost } from '../../electron/main/core/core-host'
import { NotifierCore } from '../../electron/main/core/notifier-core'
import { redactingSecretStore } from '../../electron/main/credentials/redacting-secret-store'
import { type KeychainEntryFactory, KeyringSecretStore } from '../../electron/main/credentials/secret-store'
import { DiagnosticsRecorder } from '../../electron/main/diagnostics/diagnostics-recorder'
import { pushToWindow } from '../../electron/main/ipc/push-to-window'
import { type InvokeHandlers, registerInvokeHandlers } from '../../electron/main/ipc/register-handlers'
import { fakeIpcMain } from '../../electron/main/ipc/testing/fake-ipc-main'
import { createFileLogger } from '../../electron/main/log/file-log'
import { Redactor } from '../../electron/main/log/redact'
import { NotificationPause } from '../../electron/main/notify/notification-pause'
import { registerPanel } from '../../electron/main/panel/register-panel'
import { registerSettings } from '../../electron/main/settings/register-settings'
import { SETTINGS_FILE } from '../../electron/main/settings/settings-file'
import { createSettingsHandlers } from '../../electron/main/settings/settings-handlers'
import { testConnection } from '../../electron/main/setup/connection-test'
import { registerSignIn } from '../../electron/main/sign-in/register-sign-in'
import { insertQuestion, seedWorld, type World } from '../support/fixtures'
import { startHeaderRecorder } from '../support/header-recorder'
import { HttpSignInBrowser } from '../support/http-sign-in-browser'
import { startLoginServer } from '../support/login-server'
import { startPasswordTrap } from '../support/password-trap'
import { withClient } from '../support/pg-client'
import { startTestPostgres, type TestPostgres } from '../support/postgres'
import { type SseTestServer, startSseTestServer } from '../support/sse-test-server'

const TOKEN = 'tok-Hygiene-7Rq2pX9vL4'
const DB_PASSWORD = 'pw-Hygiene-3Kd8sW1nZ6'
const testKeychain: KeychainEntryFactory = (account) =>
  new AsyncEntry('Scrum4Me Notifier hygiene tests', account)

let postgres: TestPostgres
let db: string
let world: World
let server: SseTestServer
const cleanups: (() => Promise<void> | void)[] = []

beforeAll(async () => {
  postgres = await startTestPostgres()
  db = await postgres.createDatabase()
  world = await seedWorld(db)
  await withClient(db, async (client) => {
    // The notifier's own role, as a DBA would set it up: read the tables, answer questions.
    await client.query(`CREATE ROLE s4m_hygiene LOGIN PASSWORD '${DB_PASSWORD}'`)
    await client.query('GRANT SELECT ON ALL TABLES IN SCHEMA public TO s4m_hygiene')
    await client.query('GRANT UPDATE ON claude_questions TO s4m_hygiene')
  })
  server = await startSseTestServer({ databaseUrl: db, credentials: { [TOKEN]: world.users.ann } })
})
afterAll(async () => {
  await server?.close()
  await postgres?.destroy()
})
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** The app's main-process wiring, minus Electron: every IPC response and push is recorded. */
function startApp(browser = new HttpSignInBrowser()) {
  const dataDir = mkdtempSync(join(tmpdir(), 's4m-hygiene-'))
  const logDir = join(dataDir, 'logs')
  const redactor = new Redactor()
  const stderr: string[] = []
  const { log, filePath: logFile } = createFileLogger({
    dir: logDir,
    redactor,
    echo: (line) => stderr.push(line),
  })
  const secrets = redactingSecretStore(new KeyringSecretStore(testKeychain), redactor)
  const recorder = new DiagnosticsRecorder({ dataDir, logFile, appVersion: 'test' })
  const ipcPayloads: string[] = []
  const push = {
    send: (channel: PushChannel, payload: unknown) =>
      void ipcPayloads.push(JSON.stringify({ channel, payload })),
    isDestroyed: () => false,
  }
  const pause = new NotificationPause()
  const panel = registerPanel({
    pause,
    locale: 'en',
    renderTray: () => {},
    pushState: (state) => pushToWindow(push, 'panel:state', state),
    shell: { openExternal: async () => {} },
    clipboard: { writeText: async () => {} },
    hidePanel: () => {},
    session: () => ({ canSignIn: true, expiresAt: null }),
    onSeen: (ids) => recorder.shown(ids),
    log,
  })
  const host: CoreHost = new CoreHost({
    dataDir,
    secrets,
    log,
    createCore: (feed) => new NotifierCore({ feed, dataDir, applicationName: 'hygiene-test', log }),
    attach: (core, feed) => {
      const stops = [panel.attach(core, feed), recorder.attach(core)]
      return () => {
        for (const stop of stops.reverse()) stop()
      }
    },
    changed: () => {
      panel.setProblem(host.problem)
      panel.changed()
    },
  })
  const settings = registerSettings({
    controller: {
      settingsPath: join(dataDir, SETTINGS_FILE),
      secrets,
      testConnection: (draft) => testConnection(draft, { applicationName: 'hygiene-setup', log }),
      applyConnection: (change) => host.apply(change),
      clearSignInSession: () => browser.clear(),
      systemLocale: 'en',
      appVersion: 'test',
      log,
    },
    effects: {
      setLocale: panel.setLocale,
      nativeTheme: { themeSource: 'system' },
      applyOpenAtLogin: () => {},
      setRetentionDays: (days) => host.core?.setRetentionDays(days),
      changed: panel.changed,
    },
    registerShortcut: () => ({ status: { state: 'none' }, unregister: () => {} }),
    pushState: (state) => pushToWindow(push, 'settings:state', state),
  })
  settings.applyAtStart()
  const { ipcMain, call, callers } = fakeIpcMain()
  registerInvokeHandlers(
    ipcMain,
    {
      ...panel.handlers,
      ...createSettingsHandlers({
        controller: settings.controller,
        diagnostics: () => recorder.snapshot(),
        openSettings: () => {},
        openLogs: async () => false,
        pause,
      }),
      ...registerSignIn({
        openWindow: browser.openWindow,
        cookies: browser,
        testConnection: (draft) => testConnection(draft, { applicationName: 'hygiene-sign-in', log }),
        settings: settings.controller,
        log,
      }).handlers,
    } satisfies InvokeHandlers,
    callers,
    log,
  )
  const invoke = async (channel: InvokeChannel, request?: unknown) => {
    // From a window the channel belongs to: which window may call what is register-handlers' test.
    const response = await call(channel, request, { window: invokeChannelWindows[channel][0] })
    ipcPayloads.push(JSON.stringify({ channel, response }))
    return response
  }
  cleanups.push(async () => {
    settings.dispose()
    await host.close()
    panel.dispose()
    pause.dispose()
    for (const name of ['api-token', 'database-password', 'session-cookie'] as const)
      await secrets.delete(name)
    rmSync(dataDir, { recursive: true, force: true })
  })
  return { dataDir, logFile, stderr, invoke, ipcPayloads, secrets, host }
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() - started > 15_000) throw new Error(`gave up waiting: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Every file under `dir`, as text (SQLite pages included: the bytes are what matter). */
function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      files.set(
        join(entry.parentPath, entry.name),
        readFileSync(join(entry.parentPath, entry.name), 'latin1'),
      )
  }
  return files
}

function expectNowhere(secret: string, files: Map<string, string>, payloads: string[]): void {
  for (const [file, text] of files) expect(text.includes(secret), `the secret is in ${file}`).toBe(false)
  const leaking = payloads.filter((payload) => payload.includes(secret))
  expect(leaking, 'IPC payloads carrying the secret').toEqual([])
}

const cases: Array<{ mode: string; secret: string; draft: () => ConnectionDraft }> = [
  {
    mode: 'Scrum4Me server (API token)',
    secret: TOKEN,
    draft: () => ({
      connection: { kind: 'sse', serverUrl: server.origin, authKind: 'bearer' },
      secret: TOKEN,
    }),
  },
  {
    mode: 'direct database (password typed into the connection string)',
    secret: DB_PASSWORD,
    draft: () => {
      const url = new URL(db)
      return {
        connection: {
          kind: 'pg',
          connectionString: `postgres://s4m_hygiene:${DB_PASSWORD}@127.0.0.1:${url.port}${url.pathname}`,
          userId: world.users.ann,
        },
        secret: '',
      }
    },
  },
]

describe('the secret after a full sign-in, answer and sign-out', () => {
  for (const { mode, secret, draft } of cases) {
    it(`is in no file and no IPC payload: ${mode}`, async () => {
      const app = startApp()
      const questionId = await insertQuestion(db, {
        productId: world.products.alpha,
        askedBy: world.users.bob,
      })

      expect(await app.invoke('connection:test', draft())).toMatchObject({ ok: true })
      expect(await app.invoke('connection:save', { ...draft(), insist: false })).toMatchObject({
        saved: true,
      })
      // The secret really is in use: in the keychain, and the feed is live with it.
      expect([await app.secrets.get('api-token'), await app.secrets.get('database-password')]).toContain(
        secret,
      )
      await until(
        async () => (await app.invoke('panel:get-state')) as PanelState,
        (state) => state.questions.some((entry) => entry.question.id === questionId),
      )
      expect(
        await app.invoke('question:answer', { questionId, answer: { kind: 'option', option: 'Ja' } }),
      ).toMatchObject({ kind: 'sent' })
      const answered = await withClient(db, (client) =>
        client.query<{ status: string }>('SELECT status FROM claude_questions WHERE id = $1', [questionId]),
      )
      expect(answered.rows[0]?.status).toBe('answered')
      await app.invoke('settings:get')
      await app.invoke('diagnostics:get')

      // While signed in the cache is on disk: it must not hold the secret either.
      const signedIn = filesUnder(app.dataDir)
      expect([...signedIn.keys()].some((file) => file.endsWith('.sqlite'))).toBe(true)
      expectNowhere(secret, signedIn, app.ipcPayloads)

      expect(await app.invoke('session:sign-out')).toMatchObject({
        secretStored: false,
        settings: { connection: null },
      })
      expect(await app.secrets.get('api-token')).toBeNull()
      expect(await app.secrets.get('database-password')).toBeNull()
      expect(app.host.core).toBeNull()

      const signedOut = filesUnder(app.dataDir)
      expect([...signedOut.keys()].some((file) => file.endsWith('.sqlite'))).toBe(false)
      expect(existsSync(app.logFile)).toBe(true)
      expect(readFileSync(app.logFile, 'utf8')).toMatch(/connection saved/)
      expectNowhere(secret, signedOut, app.ipcPayloads)
      expect(app.stderr.filter((line) => line.includes(secret))).toEqual([])
    })
  }
})

describe('the session cookie after "Sign in with Scrum4Me", an answer and sign-out', () => {
  it('is in no file, no log line and no IPC payload', async () => {
    const login = await startLoginServer({
      accounts: { ann: { password: 'pw-sign-in', userId: world.users.ann } },
    })
    const site = await startSseTestServer({ databaseUrl: db, credentials: {}, site: login })
    cleanups.push(async () => {
      await site.close()
      await login.close()
    })
    const browser = new HttpSignInBrowser()
    const app = startApp(browser)
    const questionId = await insertQuestion(db, { productId: world.products.alpha, askedBy: world.users.bob })

    const signingIn = app.invoke('session:sign-in', { serverUrl: site.origin })
    await browser.logIn('ann', 'pw-sign-in')
    expect(await signingIn).toMatchObject({ outcome: 'signed-in' })
    const captured = (await browser.all()).find((cookie) => cookie.name === login.sessionCookieName)?.value
    if (!captured) throw new Error('no session cookie in the browser')
    expect(await app.secrets.get('session-cookie')).toBe(`${login.sessionCookieName}=${captured}`)
    await until(
      async () => (await app.invoke('panel:get-state')) as PanelState,
      (state) => state.questions.some((entry) => entry.question.id === questionId),
    )
    expect(
      await app.invoke('question:answer', { questionId, answer: { kind: 'option', option: 'Nee' } }),
    ).toMatchObject({ kind: 'sent' })
    await app.invoke('settings:get')
    await app.invoke('diagnostics:get')
    expectNowhere(captured, filesUnder(app.dataDir), app.ipcPayloads)

    await app.invoke('session:sign-out')
    expect(await browser.all()).toEqual([])
    expect(readFileSync(app.logFile, 'utf8')).toMatch(/signed in; the session is in the keychain/)
    expectNowhere(captured, filesUnder(app.dataDir), app.ipcPayloads)
    expect(app.stderr.filter((line) => line.includes(captured))).toEqual([])
  })
})

describe('the secret after only the address changes', () => {
  it('is not sent to the new origin, on Test connection or once saved', async () => {
    const app = startApp()
    const signIn: ConnectionDraft = {
      connection: { kind: 'sse', serverUrl: server.origin, authKind: 'bearer' },
      secret: TOKEN,
    }
    expect(await app.invoke('connection:save', { ...signIn, insist: false })).toMatchObject({ saved: true })
    const elsewhere = await startHeaderRecorder()
    cleanups.push(() => elsewhere.close())
    const moved = { connection: { ...signIn.connection, serverUrl: elsewhere.origin }, secret: '' }

    const sentTo = () => JSON.stringify(elsewhere.requests.map((request) => request.headers))
    expect(await app.invoke('connection:test', moved)).toMatchObject({ ok: false })
    expect(sentTo()).not.toContain(TOKEN)
    // The recorder is reachable: a token typed for it does arrive there, and only that one.
    const retyped = { ...moved, secret: 'tok-typed-for-the-new-origin' }
    expect(await app.invoke('connection:test', retyped)).toMatchObject({ ok: false })
    expect(elsewhere.requests.length).toBeGreaterThan(0)
    expect(sentTo()).toContain('tok-typed-for-the-new-origin')
    expect(sentTo()).not.toContain(TOKEN)

    expect(await app.invoke('connection:save', { ...moved, insist: true })).toMatchObject({
      saved: true,
      settings: { secretStored: false },
    })
    expect(await app.secrets.get('api-token')).toBeNull()
    // The app runs on the new address and waits for a token instead of bringing the old one along.
    expect(app.host.core).toBeNull()
    expect(sentTo()).not.toContain(TOKEN)
    expectNowhere(TOKEN, filesUnder(app.dataDir), app.ipcPayloads)
  })

  it('does not hand the database password to another PostgreSQL, on Test connection', async () => {
    const app = startApp()
    const { port, pathname } = new URL(db)
    const signIn: ConnectionDraft = {
      connection: {
        kind: 'pg',
        connectionString: `postgres://s4m_hygiene:${DB_PASSWORD}@127.0.0.1:${port}${pathname}`,
        userId: world.users.ann,
      },
      secret: '',
    }
    expect(await app.invoke('connection:save', { ...signIn, insist: false })).toMatchObject({ saved: true })
    expect(await app.secrets.get('database-password')).toBe(DB_PASSWORD)
    const trap = await startPasswordTrap()
    cleanups.push(() => trap.close())
    const moved = (password: string) => ({
      connection: {
        ...signIn.connection,
        connectionString: `postgres://s4m_hygiene${password}@127.0.0.1:${trap.port}${pathname}`,
      },
      secret: '',
    })

    expect(await app.invoke('connection:test', moved(''))).toMatchObject({ ok: false })
    expect(trap.passwords).not.toContain(DB_PASSWORD)
    // The trap is reachable: a password typed for it does arrive there, and only that one.
    expect(await app.invoke('connection:test', moved(':pw-typed-for-the-trap'))).toMatchObject({ ok: false })
    expect(trap.connections).toBeGreaterThan(0)
    expect(trap.passwords).toContain('pw-typed-for-the-trap')
    expect(trap.passwords).not.toContain(DB_PASSWORD)
  })
})
