// The settings window's page in Chromium, wired the way lifecycle/startup.ts wires it: main's
// settings registrar over a settings file in a temp folder and a memory-only secret store, the real
// connection test, its effects reaching the bridge's panel registrar, and a CoreHost that runs a real
// NotifierCore on whatever connection is saved, attached to the panel and the real diagnostics
// recorder. The theme, autostart and the global shortcut (the OS) are stood in for.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Locale } from '@shared/i18n/messages'
import type { ShortcutStatus } from '@shared/ipc/settings-state'
import type { Settings } from '@shared/settings'
import type { Browser, Page } from 'playwright-core'
import { CoreHost } from '../../electron/main/core/core-host'
import { NotifierCore } from '../../electron/main/core/notifier-core'
import { SessionSecretStore } from '../../electron/main/credentials/secret-store'
import { DiagnosticsRecorder } from '../../electron/main/diagnostics/diagnostics-recorder'
import { createLineLogger, silentLogger } from '../../electron/main/log/logger'
import { registerSettings } from '../../electron/main/settings/register-settings'
import type { SettingsController } from '../../electron/main/settings/settings-controller'
import { SETTINGS_FILE } from '../../electron/main/settings/settings-file'
import { testConnection } from '../../electron/main/setup/connection-test'
import { openTestPage } from './chromium'
import { NotifierBridge } from './notifier-bridge'
import type { RendererSuite } from './renderer-suite'

export const SETTINGS_WINDOW_SIZE = { width: 760, height: 620 }
export const APP_VERSION = '0.1.0-test'

export interface SettingsSessionOptions {
  browser: Browser
  baseUrl: string
  /** The built preloads. */
  preloadDir: string
  /** The hash route, e.g. '#setup' or '#settings/general'; '' is the panel. */
  route: string
  /** Written to settings.json before the app "starts"; a `secret` goes to the secret store. */
  file?: Partial<Settings>
  secret?: { name: 'session-cookie' | 'api-token' | 'database-password'; value: string }
  systemLocale?: Locale
  colorScheme?: 'light' | 'dark'
  viewport?: { width: number; height: number }
  /** What main reports for the open-panel shortcut; by default the chosen one is active. */
  shortcut?: ShortcutStatus
}

export interface SettingsSession {
  page: Page
  bridge: NotifierBridge
  controller: SettingsController
  secrets: SessionSecretStore
  recorder: DiagnosticsRecorder
  host: CoreHost
  /** settings.json as it is on disk now. */
  readFile(): Promise<string>
  errors: string[]
  close(): Promise<void>
}

const log = process.env.DEBUG_CORE
  ? createLineLogger((line) => process.stderr.write(`${line}\n`))
  : silentLogger

/** A settings window in the suite's browser and pages, closed after the test. */
export async function openSuiteSettings(
  suite: RendererSuite,
  options: Omit<SettingsSessionOptions, 'browser' | 'baseUrl' | 'preloadDir'>,
): Promise<SettingsSession> {
  const session = await openSettingsWindow({
    ...options,
    browser: suite.browser,
    baseUrl: suite.baseUrl,
    preloadDir: suite.preloadDir,
  })
  suite.afterThisTest(session.close)
  return session
}

export async function openSettingsWindow(options: SettingsSessionOptions): Promise<SettingsSession> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 's4m-settings-'))
  const settingsPath = path.join(dataDir, SETTINGS_FILE)
  if (options.file) await writeFile(settingsPath, JSON.stringify(options.file))
  const secrets = new SessionSecretStore()
  if (options.secret) await secrets.set(options.secret.name, options.secret.value)

  const { context, page, errors } = await openTestPage(options.browser, {
    viewport: options.viewport ?? SETTINGS_WINDOW_SIZE,
    colorScheme: options.colorScheme ?? 'light',
  })
  const bridge = await NotifierBridge.attach(page, {
    // The panel route ('') is the popup's page, with the popup's preload.
    window: options.route === '' ? 'panel' : 'settings',
    preloadDir: options.preloadDir,
    locale: options.systemLocale ?? 'en',
  })
  const recorder = new DiagnosticsRecorder({ dataDir, logFile: null, appVersion: APP_VERSION })
  const host = new CoreHost({
    dataDir,
    secrets,
    log,
    createCore: (feed) =>
      new NotifierCore({
        feed,
        dataDir,
        applicationName: 's4m-settings-test',
        log,
        timing: { policy: { nudgeMinIntervalMs: 0 } },
      }),
    attach: (core, feed) => {
      const stops = [bridge.serveCore(core, feed), recorder.attach(core)]
      return () => {
        for (const stop of stops.reverse()) stop()
      }
    },
    changed: () => bridge.setProblem(host.problem),
  })
  const settings = registerSettings({
    controller: {
      settingsPath,
      secrets,
      testConnection: (draft) =>
        testConnection(draft, { applicationName: 's4m-settings-test/setup', log, timeoutMs: 5_000 }),
      applyConnection: (change) => host.apply(change),
      systemLocale: options.systemLocale ?? 'en',
      appVersion: APP_VERSION,
      log,
    },
    effects: {
      setLocale: bridge.panel.setLocale,
      nativeTheme: { themeSource: 'system' },
      applyOpenAtLogin: () => {},
      setRetentionDays: (days) => host.core?.setRetentionDays(days),
      changed: bridge.panel.changed,
    },
    // What main reports for the open-panel shortcut; by default the chosen one is active.
    registerShortcut: (preferred) => ({
      status: options.shortcut ?? { state: 'active', accelerator: preferred },
      unregister: () => {},
    }),
    pushState: bridge.pushSettingsState,
  })
  const { controller } = settings
  bridge.serveSettings(controller, recorder)
  settings.applyAtStart()
  // As at app start: a saved connection runs at once.
  if (controller.settings.connection)
    await host.apply({ connection: controller.settings.connection, clearCache: false })

  await page.goto(`${options.baseUrl}/index.html${options.route}`)
  return {
    page,
    bridge,
    controller,
    secrets,
    recorder,
    host,
    errors,
    readFile: () => readFile(settingsPath, 'utf8'),
    close: async () => {
      settings.dispose()
      bridge.detach()
      await context.close()
      await host.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
