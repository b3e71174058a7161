// Renders the SVG icon sources in resources/icons to the PNG sizes Electron and the OSes want,
// in real Chromium. Run after editing an SVG: `node --import tsx scripts/render-icons.ts`.
import { readFileSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import type { TrayIconName } from '../electron/main/tray/tray-presenter'

const ICONS = new URL('../resources/icons/', import.meta.url)

/**
 * App icon sizes: 16–256 for window and toast icons and Linux desktop files, 256 for the Windows .ico,
 * 1024 for the macOS .icns (electron-builder converts from these; see electron-builder.yml).
 */
export const APP_ICON_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024] as const

/**
 * Tray icons: one file per scale factor, which Electron's nativeImage loads from the `@<scale>x`
 * suffix. 16 px at 100 %, then Windows' small-icon sizes at 125/150/200 % (20/24/32 px); macOS uses
 * 1x and @2x; Linux panels (22–32 px) scale down the largest.
 */
export const TRAY_SCALES = [
  { suffix: '', size: 16 },
  { suffix: '@1.25x', size: 20 },
  { suffix: '@1.5x', size: 24 },
  { suffix: '@2x', size: 32 },
] as const

/**
 * The bubble's colour, readable on light and dark taskbars and panels. macOS template images use only
 * the alpha channel, so the glyph is cut out of the bubble rather than painted on it.
 */
const BODY = '#2f6fed'

/** Tray states: the mark cut out of the bubble, and an optional corner badge. */
const TRAY_STATES = {
  connected: { glyph: '?', badge: '' },
  offline: { glyph: '…', badge: '' },
  failed: { glyph: '!', badge: '<circle cx="26" cy="7" r="6" fill="#d93025"/>' },
  paused: { glyph: 'z', badge: '' },
} as const

/** Open-question counts for the connected icon on Linux and Windows, where a tray has no title. */
const COUNT_BADGES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9+'] as const

/** A red pill in the top-right corner, wide enough for "9+", drawn over the connected icon. */
function countBadge(count: string): string {
  const width = count.length > 1 ? 22 : 17
  const x = 32 - width
  return [
    `<rect x="${x}" y="0" width="${width}" height="17" rx="8.5" fill="#d93025"/>`,
    `<text x="${x + width / 2}" y="13.5" font-family="DejaVu Sans, Arial, sans-serif" font-size="${count.length > 1 ? 12 : 14}"`,
    ` font-weight="700" text-anchor="middle" fill="#fff">${count}</text>`,
  ].join('')
}

export interface TrayIcon {
  /** What lifecycle/startup.ts asks for through `iconPath(icon)`: resources/icons/<name>.png. */
  name: TrayIconName
  glyph: string
  badge: string
}

/**
 * Every tray icon. "Template" makes macOS tint the icon to the menu bar, which would also hide a red
 * badge, so badged icons are never templates; the count icons are for Linux and Windows only.
 */
export const TRAY_ICONS: TrayIcon[] = [
  { name: 'tray-connectedTemplate', ...TRAY_STATES.connected },
  { name: 'tray-offlineTemplate', ...TRAY_STATES.offline },
  { name: 'tray-failed', ...TRAY_STATES.failed },
  { name: 'tray-pausedTemplate', ...TRAY_STATES.paused },
  ...COUNT_BADGES.map((count) => ({
    name: `tray-connected-${count === '9+' ? '9plus' : count}` as const,
    glyph: TRAY_STATES.connected.glyph,
    badge: countBadge(count),
  })),
]

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  })
  const page = await browser.newPage()
  const render = async (svg: string, size: number, file: string) => {
    await page.setViewportSize({ width: size, height: size })
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    )
    writeFileSync(new URL(file, ICONS), await page.screenshot({ omitBackground: true }))
  }
  const app = readFileSync(new URL('app.svg', ICONS), 'utf8')
  for (const size of APP_ICON_SIZES) await render(app, size, `app-${size}.png`)
  await render(app, 512, 'app.png')

  const template = readFileSync(new URL('tray-template.svg', ICONS), 'utf8')
  for (const { name, glyph, badge } of TRAY_ICONS) {
    const svg = template.replace('{{body}}', BODY).replace('{{glyph}}', glyph).replace('{{badge}}', badge)
    for (const { suffix, size } of TRAY_SCALES) await render(svg, size, `${name}${suffix}.png`)
  }
  await browser.close()
}

// Imported by the packaging test for the names and sizes; renders only when run as a script.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
