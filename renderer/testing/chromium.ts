// Debian's Chromium, driven by playwright-core; browsers are never downloaded.
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Root needs --no-sandbox; the networking flags keep Chromium from calling home on a closed network.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export interface TestPage {
  context: BrowserContext
  page: Page
  /** Uncaught page errors and console errors (CSP violations land here). */
  errors: string[]
}

/** A page in its own context, at the app's window size and pixel density, collecting its errors. */
export async function openTestPage(
  browser: Browser,
  options: { viewport: { width: number; height: number }; colorScheme: 'light' | 'dark' },
): Promise<TestPage> {
  const context = await browser.newContext({
    viewport: options.viewport,
    deviceScaleFactor: 2,
    colorScheme: options.colorScheme,
    // Screenshots must not catch a transition halfway.
    reducedMotion: 'reduce',
  })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  return { context, page, errors }
}
