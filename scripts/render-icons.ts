// Renders the SVG icon sources in resources/icons to the PNG sizes Electron and the OSes want,
// in real Chromium. Run after editing an SVG: `node --import tsx scripts/render-icons.ts`.
import { readFileSync, writeFileSync } from 'node:fs'
import { chromium } from 'playwright-core'

const ICONS = new URL('../resources/icons/', import.meta.url)

/** Tray states: the body colour, the mark inside, and an optional corner badge. */
const TRAY_STATES = {
  connected: { body: '#000', mark: '#fff', glyph: '?', badge: '' },
  offline: { body: '#000', mark: '#fff', glyph: '…', badge: '' },
  failed: { body: '#000', mark: '#fff', glyph: '!', badge: '<circle cx="26" cy="7" r="6" fill="#d93025"/>' },
  paused: { body: '#000', mark: '#fff', glyph: 'z', badge: '' },
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
  for (const size of [16, 32, 64, 128, 256, 512]) await render(app, size, `app-${size}.png`)
  await render(app, 512, 'app.png')
  const template = readFileSync(new URL('tray-template.svg', ICONS), 'utf8')
  for (const [state, parts] of Object.entries(TRAY_STATES)) {
    const svg = template
      .replace('{{body}}', parts.body)
      .replace('{{mark}}', parts.mark)
      .replace('{{glyph}}', parts.glyph)
      .replace('{{badge}}', parts.badge)
    // 16 px at 1x and 32 px at 2x: Electron picks `@2x` on HiDPI. "Template" makes macOS tint the
    // icon to the menu bar, which would also hide the red badge, so the failed icon is not one.
    const name = parts.badge ? `tray-${state}` : `tray-${state}Template`
    await render(svg, 16, `${name}.png`)
    await render(svg, 32, `${name}@2x.png`)
  }
  const connected = TRAY_STATES.connected
  for (const count of COUNT_BADGES) {
    const svg = template
      .replace('{{body}}', connected.body)
      .replace('{{mark}}', connected.mark)
      .replace('{{glyph}}', connected.glyph)
      .replace('{{badge}}', countBadge(count))
    // Never a template: these are for Linux and Windows, and the badge must stay red.
    const name = `tray-connected-${count === '9+' ? '9plus' : count}`
    await render(svg, 16, `${name}.png`)
    await render(svg, 32, `${name}@2x.png`)
  }
  await browser.close()
}

await main()
