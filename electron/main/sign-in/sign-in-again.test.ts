// Signed out later and signed in again, with the app's real pieces: the core host and NotifierCore
// (SQLite cache and outbox, the SSE feed), the settings controller, and the sign-in controller
// watching a real login. An answer given while the session had already expired waits in the outbox
// and reaches the server exactly once, after "Sign in again".
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { answerAndAuthorOf, insertQuestion } from '../../../test/support/fixtures'
import { HttpSignInBrowser } from '../../../test/support/http-sign-in-browser'
import { startLoginServer } from '../../../test/support/login-server'
import { setUpSeededDatabase } from '../../../test/support/seeded-database'
import { startSseTestServer } from '../../../test/support/sse-test-server'
import { CoreHost } from '../core/core-host'
import { NotifierCore } from '../core/notifier-core'
import { SessionSecretStore } from '../credentials/secret-store'
import type { FeedTiming } from '../feed/feed-config'
import { silentLogger } from '../log/logger'
import { type ConnectionChange, SettingsController } from '../settings/settings-controller'
import { testConnection } from '../setup/connection-test'
import { SignInController } from './sign-in-controller'

const PASSWORD = 'hunter2-but-longer'
const TIMING = {
  policy: { baseMs: 100, capMs: 400, floorMs: 20, connectTimeoutMs: 2000, nudgeMinIntervalMs: 200 },
  sse: { plannedLifetimeMs: 60_000, refreshSpreadMs: 20 },
} satisfies FeedTiming

const db = setUpSeededDatabase()
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

async function setUp() {
  const login = await startLoginServer({
    accounts: { ann: { password: PASSWORD, userId: db.world.users.ann } },
  })
  const server = await startSseTestServer({
    databaseUrl: db.url,
    credentials: {},
    site: login,
    heartbeatMs: 500,
  })
  const dir = mkdtempSync(join(tmpdir(), 's4m-sign-in-again-'))
  const secrets = new SessionSecretStore()
  const host = new CoreHost({
    dataDir: dir,
    secrets,
    log: silentLogger,
    createCore: (feed) =>
      new NotifierCore({
        feed,
        dataDir: dir,
        applicationName: 'sign-in-again-test',
        log: silentLogger,
        timing: TIMING,
        answerWaitMs: 1500,
      }),
    attach: () => () => {},
    changed: () => {},
  })
  const applied: ConnectionChange[] = []
  const tester = (draft: Parameters<typeof testConnection>[0]) =>
    testConnection(draft, { applicationName: 'sign-in-again-test', log: silentLogger })
  const settings = new SettingsController({
    settingsPath: join(dir, 'settings.json'),
    secrets,
    testConnection: tester,
    applyConnection: (change) => {
      applied.push(change)
      return host.apply(change)
    },
    shortcutStatus: () => ({ state: 'none' }),
    systemLocale: 'en',
    appVersion: '0.0.0-test',
    log: silentLogger,
  })
  const browser = new HttpSignInBrowser()
  const controller = new SignInController({
    openWindow: browser.openWindow,
    cookies: browser,
    testConnection: tester,
    settings,
    log: silentLogger,
  })
  cleanups.push(async () => {
    await host.close()
    await server.close()
    await login.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return { login, server, host, applied, browser, controller }
}

it('after the session expires (401), signing in again resumes the feed and sends the queued answer once', async () => {
  const { login, server, host, applied, browser, controller } = await setUp()
  const question = await insertQuestion(db.url, {
    productId: db.world.products.alpha,
    storyId: db.world.stories.st101,
    askedBy: db.world.users.ann,
  })
  const signingIn = controller.signIn(server.origin)
  await browser.logIn('ann', PASSWORD)
  expect(await signingIn).toMatchObject({ outcome: 'signed-in' })
  const first = host.core
  await until(() => first?.feedState.state === 'connected' && Boolean(first.store.get(question)), 'the feed')

  // The session ends on the server while the stream it opened still runs: the answer meets a 401.
  login.expireSessions()
  const answerPosts = () =>
    server.requestLog.filter((entry) => entry.method === 'POST' && entry.path.includes(question)).length
  expect(await first?.answer(question, { kind: 'option', option: 'Nee' })).toEqual({ kind: 'queued' })
  expect(answerPosts()).toBe(1)
  expect(first?.outboxLength()).toBe(1)
  // The next connection is refused: signed out.
  await server.endStreams()
  await until(() => first?.feedState.state === 'failed', 'the signed-out state')
  expect(first?.feedState).toMatchObject({ failure: 'auth' })

  const again = controller.signInAgain()
  // The old cookie is still in the window's jar, and the server now shows the form for it.
  expect((await browser.currentPage()).html).toContain('<form')
  await browser.logIn('ann', PASSWORD)
  expect(await again).toMatchObject({ outcome: 'signed-in' })
  // Same server: the cache and its outbox stay.
  expect(applied.map((change) => change.clearCache)).toEqual([true, false])
  const second = host.core
  expect(second).not.toBe(first)
  await until(
    async () => (await answerAndAuthorOf(db.url, question))?.status === 'answered',
    'the answer to arrive',
  )
  expect(await answerAndAuthorOf(db.url, question)).toEqual({
    status: 'answered',
    answer: 'Nee',
    answered_by: db.world.users.ann,
  })
  await until(() => second?.outboxLength() === 0, 'the outbox to empty')
  expect(answerPosts()).toBe(2)
  expect(second?.feedState.state).toBe('connected')
})
