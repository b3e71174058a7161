// "Sign in with Scrum4Me" in real Chromium: Chromium opens the test login page and the user's
// credentials are typed into it; the sign-in controller reads Chromium's cookies through the
// cookie-store port, finds the session, stores it in the real OS keychain (Secret Service; run
// under dbus-run-session as scripts/test.sh does), and the feed connects with it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AsyncEntry } from '@napi-rs/keyring'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CoreHost } from '../../electron/main/core/core-host'
import { NotifierCore } from '../../electron/main/core/notifier-core'
import { type KeychainEntryFactory, KeyringSecretStore } from '../../electron/main/credentials/secret-store'
import { silentLogger } from '../../electron/main/log/logger'
import { SettingsController } from '../../electron/main/settings/settings-controller'
import { testConnection } from '../../electron/main/setup/connection-test'
import { SignInController } from '../../electron/main/sign-in/sign-in-controller'
import { launchChromium } from '../../renderer/testing/chromium'
import { insertQuestion, seedWorld, type World } from '../support/fixtures'
import { startLoginServer } from '../support/login-server'
import { playwrightSignIn } from '../support/playwright-sign-in'
import { startTestPostgres, type TestPostgres } from '../support/postgres'
import { startSseTestServer } from '../support/sse-test-server'

const PASSWORD = 'Chromium-typed-9f3K'
const testKeychain: KeychainEntryFactory = (account) =>
  new AsyncEntry('Scrum4Me Notifier sign-in tests', account)

let postgres: TestPostgres
let db: string
let world: World
let browser: Browser
beforeAll(async () => {
  postgres = await startTestPostgres()
  db = await postgres.createDatabase()
  world = await seedWorld(db)
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await postgres?.destroy()
})
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe.each(['form', 'sso'] as const)('signing in with Chromium (%s)', (via) => {
  it("finds the session among Chromium's cookies, keeps it in the keychain, and connects", async () => {
    const login = await startLoginServer({
      accounts: { ann: { password: PASSWORD, userId: world.users.ann } },
      via,
    })
    const server = await startSseTestServer({ databaseUrl: db, credentials: {}, site: login })
    const context = await browser.newContext()
    const dir = mkdtempSync(join(tmpdir(), 's4m-chromium-sign-in-'))
    const secrets = new KeyringSecretStore(testKeychain)
    const host = new CoreHost({
      dataDir: dir,
      secrets,
      log: silentLogger,
      createCore: (feed) =>
        new NotifierCore({ feed, dataDir: dir, applicationName: 'chromium-sign-in', log: silentLogger }),
      attach: () => () => {},
      changed: () => {},
    })
    cleanups.push(async () => {
      await host.close()
      await context.close()
      await server.close()
      await login.close()
      await secrets.delete('session-cookie')
      rmSync(dir, { recursive: true, force: true })
    })
    const tester = (draft: Parameters<typeof testConnection>[0]) =>
      testConnection(draft, { applicationName: 'chromium-sign-in', log: silentLogger })
    const settings = new SettingsController({
      settingsPath: join(dir, 'settings.json'),
      secrets,
      testConnection: tester,
      applyConnection: (change) => host.apply(change),
      shortcutStatus: () => ({ state: 'none' }),
      systemLocale: 'en',
      appVersion: '0.0.0-test',
      log: silentLogger,
    })
    const chromium = playwrightSignIn(context)
    const controller = new SignInController({
      ...chromium,
      testConnection: tester,
      settings,
      log: silentLogger,
    })
    const question = await insertQuestion(db, { productId: world.products.alpha, askedBy: world.users.bob })

    const result = controller.signIn(server.origin)
    const page = await chromium.page()
    await page.locator('input[name="username"]').waitFor()
    if (via === 'sso') expect(new URL(page.url()).origin).toBe(login.idpOrigin)
    await page.locator('input[name="username"]').fill('ann')
    await page.locator('input[name="password"]').fill(PASSWORD)
    await page.locator('button[type="submit"]').click()
    expect(await result).toMatchObject({ outcome: 'signed-in' })

    // In the OS keychain: only the session cookie, out of everything Chromium holds for the server.
    const kept = await new KeyringSecretStore(testKeychain).get('session-cookie')
    const session = (await context.cookies(server.origin)).find(
      (cookie) => cookie.name === login.sessionCookieName,
    )
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' })
    expect(kept).toBe(`${login.sessionCookieName}=${session?.value}`)
    expect((await context.cookies(server.origin)).length).toBeGreaterThan(1)
    // The controller closed the page, and the feed runs on the kept cookie.
    expect(page.isClosed()).toBe(true)
    await until(() => host.core?.feedState.state === 'connected', 'the feed')
    await until(() => Boolean(host.core?.store.get(question)), 'the open question')
  })
})
