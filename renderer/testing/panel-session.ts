// One panel page in Chromium, wired through the bridge to a core, sized like the tray window.
import type { Locale } from '@shared/i18n/messages'
import type { Browser, Page } from 'playwright-core'
import type { NotifierCore } from '../../electron/main/core/notifier-core'
import type { FeedConfig } from '../../electron/main/feed/feed-config'
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
  /** The feed the core runs. */
  feed: FeedConfig
  locale?: Locale
  colorScheme?: 'light' | 'dark'
  /** The Scrum4Me web app "Open in Scrum4Me" goes to; by default the feed's (none for pg). */
  webAppUrl?: string
  /** Puts the page's clock under the test's control (`page.clock`), from before the page loads. */
  controlClock?: boolean
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
  })
  bridge.serveCore(options.core, shownFeed(options))
  if (options.controlClock) await page.clock.install()
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

/**
 * The panel takes only the web app's address from the feed (register-panel.ts), so an SSE feed
 * naming it lets a pg core's questions be opened in the web app without running a Scrum4Me server.
 */
function shownFeed({ feed, webAppUrl }: PanelSessionOptions): FeedConfig {
  if (!webAppUrl) return feed
  return { kind: 'sse', serverUrl: webAppUrl, auth: { kind: 'bearer', token: 'not-used-by-the-panel' } }
}
