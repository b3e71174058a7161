// The real app in the Electron binary (`npm run e2e`), driven by Playwright's Electron driver against
// embedded PostgreSQL and the SSE test server: first start → setup → tray → a question as popup card
// and notification → answered with the `1` key → quit with no stream and no LISTEN session left.
// Runs unchanged on Linux (under xvfb-run), macOS and Windows.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SERVER_APPLICATION_NAME, type DemoWorld, startDemoWorld } from '../demo/world'
import { DATA_DIR_ENV } from '../electron/main/lifecycle/data-dir-override'
import { PANEL_URL } from '../electron/main/window/app-protocol'
import { PROJECT_ROOT } from '../test/support/app-build'
import { findElectronBinary } from '../test/support/electron-binary'
import { insertQuestion } from '../test/support/fixtures'
import { withClient } from '../test/support/pg-client'

const PROBE = fileURLToPath(new URL('./main-probe.cjs', import.meta.url))
const QUESTION = 'E2E: welke inlogmethode wordt de standaard?'
const OPTIONS = ['Magic link', 'Wachtwoord']

/** What e2e/main-probe.cjs keeps in the main process. */
interface ProbeView {
  liveTrays: number
  tooltip: string | null
  notifications: { title: string; body: string }[]
}

let world: DemoWorld
let dataDir: string
let app: ElectronApplication | undefined

beforeAll(async () => {
  // Also when this file is run without e2e/run.ts: no binary is a failure, never a skip.
  const electron = findElectronBinary()
  if (!electron.found) throw new Error(electron.message)
  world = await startDemoWorld()
  dataDir = mkdtempSync(join(tmpdir(), 's4m-e2e-'))
  // No connection yet, so the first start opens setup; English for the labels below; no login item.
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ language: 'en', openAtLogin: false }))
})

afterAll(async () => {
  await app?.close().catch(() => {})
  await world?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

function launch(): Promise<ElectronApplication> {
  const env = Object.fromEntries(
    Object.entries({ ...process.env, [DATA_DIR_ENV]: dataDir }).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  )
  // The sandbox stays on (Playwright turns it off on Linux unless told otherwise).
  return _electron.launch({
    args: ['-r', PROBE, PROJECT_ROOT],
    cwd: PROJECT_ROOT,
    env,
    chromiumSandbox: true,
  })
}

async function windowAt(electronApp: ElectronApplication, matches: (url: string) => boolean): Promise<Page> {
  let page: Page | undefined
  await expect
    .poll(
      () => {
        page = electronApp.windows().find((candidate) => matches(candidate.url()))
        return page !== undefined
      },
      { timeout: 20_000 },
    )
    .toBe(true)
  return page as Page
}

function probe(electronApp: ElectronApplication): Promise<ProbeView> {
  return electronApp.evaluate(() => {
    const kept = (globalThis as Record<string, unknown>).__scrum4meE2eProbe as {
      trays: { isDestroyed(): boolean }[]
      tooltips: string[]
      notifications: { title: string; body: string }[]
    }
    return {
      liveTrays: kept.trays.filter((tray) => !tray.isDestroyed()).length,
      tooltip: kept.tooltips.at(-1) ?? null,
      notifications: kept.notifications,
    }
  })
}

function questionRow(id: string): Promise<unknown> {
  return withClient(world.databaseUrl, async (client) => {
    const { rows } = await client.query('SELECT status, answer FROM claude_questions WHERE id = $1', [id])
    return rows[0]
  })
}

describe('the app in Electron', () => {
  it('sets up, shows a question in the popup and as a notification, answers it with 1, quits cleanly', async () => {
    const electronApp = await launch()
    app = electronApp

    const setup = await windowAt(electronApp, (url) => url.endsWith('#setup'))
    await setup.getByRole('heading', { name: 'Set up Scrum4Me Notifier' }).waitFor()
    await setup.getByLabel('Server address').fill(world.server.origin)
    // A pasted token is under "Other ways to sign in"; the sign-in window is the first choice.
    await setup.getByText('Other ways to sign in').click()
    await setup.getByLabel('API token', { exact: true }).fill(world.token)
    await setup.getByRole('button', { name: 'Save', exact: true }).click()
    await setup.getByRole('heading', { name: 'You are all set' }).waitFor()

    await expect
      .poll(async () => probe(electronApp), { timeout: 20_000 })
      // Exactly this once connected; before setup it also said "Not set up yet".
      .toMatchObject({ liveTrays: 1, tooltip: 'No open questions' })

    const id = await insertQuestion(world.databaseUrl, {
      productId: world.world.products.alpha,
      storyId: world.world.stories.st101,
      askedBy: world.userId,
      question: QUESTION,
      options: OPTIONS,
    })
    await expect
      .poll(async () => JSON.stringify((await probe(electronApp)).notifications), { timeout: 20_000 })
      .toContain(QUESTION)

    // What a click on the tray icon does; the popup opens with the newest question focused.
    await electronApp.evaluate(() => {
      const kept = (globalThis as Record<string, unknown>).__scrum4meE2eProbe as {
        trays: { emit(event: string): void }[]
      }
      kept.trays.at(-1)?.emit('click')
    })
    const popup = await windowAt(electronApp, (url) => url === PANEL_URL)
    await popup.getByText(QUESTION).waitFor()
    await expect
      .poll(() => popup.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain(QUESTION)
    await popup.keyboard.press('1')
    await expect
      .poll(() => questionRow(id), { timeout: 10_000 })
      .toEqual({
        status: 'answered',
        answer: OPTIONS[0],
      })

    await electronApp.close()
    app = undefined
    expect(electronApp.process().exitCode).toBe(0)
    await expect.poll(() => world.server.openStreams(), { timeout: 5_000 }).toBe(0)
    await expect
      .poll(() => world.postgres.listenerCount(DEMO_SERVER_APPLICATION_NAME), { timeout: 5_000 })
      .toBe(0)
  })
})
