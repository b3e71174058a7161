// One panel page in Chromium, wired through the bridge to a core, sized like the tray window.
import type { Locale } from '@shared/i18n/messages'
import type { Browser, Page } from 'playwright-core'
import type { NotifierCore } from '../../electron/main/core/notifier-core'
import { POPUP_SIZE } from '../../electron/main/window/popup-position'
import { openTestPage } from './chromium'
import { NotifierBridge } from './notifier-bridge'

export interface PanelSessionOptions {
  browser: Browser
  /** Where the built renderer is served. */
  baseUrl: string
  /** The built preloads. */
  preloadDir: string
  core: NotifierCore
  locale?: Locale
  colorScheme?: 'light' | 'dark'
  webAppUrl?: string | null
}

export interface PanelSession {
  page: Page
  bridge: NotifierBridge
  /** Uncaught page errors and console errors (CSP violations land here). */
  errors: string[]
  close(): Promise<void>
}

export async function openPanel(options: PanelSessionOptions): Promise<PanelSession> {
  const { context, page, errors } = await openTestPage(options.browser, {
    viewport: POPUP_SIZE,
    colorScheme: options.colorScheme ?? 'light',
  })
  const bridge = await NotifierBridge.attach(page, {
    window: 'panel',
    preloadDir: options.preloadDir,
    locale: options.locale ?? 'en',
    webAppUrl: options.webAppUrl ?? null,
  })
  bridge.serveCore(options.core)
  await page.goto(`${options.baseUrl}/index.html`)
  await page.locator('.panel-header').waitFor()
  return {
    page,
    bridge,
    errors,
    close: async () => {
      bridge.detach()
      await context.close()
    },
  }
}
