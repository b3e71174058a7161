// Debian's Chromium, driven by playwright-core; browsers are never downloaded.
import { type Browser, chromium } from 'playwright-core'

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
