// The sign-in controller against a real login: the test login server mounted in the SSE test server
// over a seeded PostgreSQL, a small real HTTP browser as the sign-in window and its cookie jar, the
// real connection test as the probe, the real settings controller and an in-memory keychain.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SignInResult } from '@shared/ipc/sign-in'
import { afterEach, describe, expect, it } from 'vitest'
import { HttpSignInBrowser } from '../../../test/support/http-sign-in-browser'
import { startLoginServer } from '../../../test/support/login-server'
import { setUpSeededDatabase } from '../../../test/support/seeded-database'
import { STREAM_PATH, startSseTestServer } from '../../../test/support/sse-test-server'
import { SessionSecretStore } from '../credentials/secret-store'
import { createLineLogger } from '../log/logger'
import { type ConnectionChange, SettingsController } from '../settings/settings-controller'
import { testConnection } from '../setup/connection-test'
import { SignInController } from './sign-in-controller'

const PASSWORD = 'correct horse battery staple'

const db = setUpSeededDatabase()

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Each probe the controller made, with when it started: the waits below watch these. */
interface Probe {
  startedAt: number
  ok: boolean | null
}

async function setUp(options: { via?: 'form' | 'sso'; timeoutMs?: number } = {}) {
  const login = await startLoginServer({
    accounts: { ann: { password: PASSWORD, userId: db.world.users.ann } },
    via: options.via ?? 'form',
    sessionLifetimeSeconds: 7200,
  })
  const server = await startSseTestServer({ databaseUrl: db.url, credentials: {}, site: login })
  const dir = mkdtempSync(join(tmpdir(), 's4m-sign-in-'))
  const lines: string[] = []
  const log = createLineLogger((line) => lines.push(line))
  const secrets = new SessionSecretStore()
  const applied: ConnectionChange[] = []
  const browser = new HttpSignInBrowser()
  const settings = new SettingsController({
    clearSignInSession: () => browser.clear(),
    settingsPath: join(dir, 'settings.json'),
    secrets,
    testConnection: (draft) => testConnection(draft, { applicationName: 'sign-in-test', log }),
    applyConnection: async (change) => {
      applied.push(change)
    },
    shortcutStatus: () => ({ state: 'none' }),
    systemLocale: 'en',
    appVersion: '0.0.0-test',
    log,
  })
  const probes: Probe[] = []
  const inFlight = { now: 0, max: 0 }
  const controller = new SignInController({
    openWindow: browser.openWindow,
    cookies: browser,
    testConnection: async (draft) => {
      const probe: Probe = { startedAt: performance.now(), ok: null }
      probes.push(probe)
      inFlight.now += 1
      inFlight.max = Math.max(inFlight.max, inFlight.now)
      const result = await testConnection(draft, { applicationName: 'sign-in-test', log })
      inFlight.now -= 1
      probe.ok = result.ok
      return result
    },
    settings,
    log,
    ...(options.timeoutMs && { timeoutMs: options.timeoutMs }),
  })
  cleanups.push(async () => {
    await server.close()
    await login.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return { login, server, dir, lines, secrets, applied, settings, browser, probes, inFlight, controller }
}

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** The result, or 'pending' while the controller still waits. */
function track(result: Promise<SignInResult>) {
  const seen: { result: SignInResult | 'pending' } = { result: 'pending' }
  void result.then((settled) => {
    seen.result = settled
  })
  return seen
}

function settingsFile(dir: string): string {
  return readFileSync(join(dir, 'settings.json'), 'utf8')
}

describe('SignInController', () => {
  it('signs in with the login form and keeps only the session cookie', async () => {
    const { login, server, dir, lines, secrets, applied, browser, controller } = await setUp()
    const result = controller.signIn(server.origin)
    await browser.logIn('ann', PASSWORD)
    const settled = await result
    expect(settled).toMatchObject({ outcome: 'signed-in', settings: { secretStored: true } })
    // The theme, analytics, last-login and /docs cookies went with the first probe; none is kept.
    const secret = await secrets.get('session-cookie')
    expect(secret).toMatch(new RegExp(`^${login.sessionCookieName}=[\\w-]+$`))
    expect(login.authorize(secret ?? '')).toBe(db.world.users.ann)
    const saved = JSON.parse(settingsFile(dir)).connection
    expect(saved).toEqual({
      kind: 'sse',
      serverUrl: `${server.origin}/`,
      authKind: 'cookie',
      sessionExpiresAt: expect.any(String),
    })
    // The session cookie's Max-Age is two hours.
    const expiresIn = Date.parse(saved.sessionExpiresAt) - Date.now()
    expect(expiresIn).toBeGreaterThan(7000_000)
    expect(expiresIn).toBeLessThanOrEqual(7200_000)
    expect(settingsFile(dir)).not.toContain(secret)
    // The log says what happened, by counts only.
    expect(lines.filter((line) => line.includes('signed in; the session is in the keychain'))).toHaveLength(1)
    expect(lines.filter((line) => secret && line.includes(secret.split('=')[1] ?? secret))).toEqual([])
    expect(browser.isOpen).toBe(false)
    expect(applied).toEqual([{ connection: saved, clearCache: true }])
  })

  it("forgets the sign-in window's cookies on sign-out", async () => {
    const { server, browser, settings, controller } = await setUp()
    const result = controller.signIn(server.origin)
    await browser.logIn('ann', PASSWORD)
    expect(await result).toMatchObject({ outcome: 'signed-in' })
    expect((await browser.all()).length).toBeGreaterThan(1)
    await settings.signOut()
    expect(await browser.all()).toEqual([])
  })

  it('keeps the window open after a wrong password, and signs in on the next try', async () => {
    const { login, server, browser, probes, controller } = await setUp()
    const seen = track(controller.signIn(server.origin))
    await browser.logIn('ann', 'wrong')
    const submittedAt = performance.now()
    // A probe that read the cookies after the wrong password was turned down.
    await until(() => probes.some((probe) => probe.startedAt > submittedAt && probe.ok === false), 'a probe')
    expect((await browser.currentPage()).html).toContain('Onjuist wachtwoord')
    expect(login.sessionsCreated).toBe(0)
    expect(browser.isOpen).toBe(true)
    expect(seen.result).toBe('pending')
    await browser.logIn('ann', PASSWORD)
    await until(() => seen.result !== 'pending', 'the result')
    expect(seen.result).toMatchObject({ outcome: 'signed-in' })
  })

  it('says cancelled when the user closes the window', async () => {
    const { server, browser, secrets, applied, controller } = await setUp()
    const result = controller.signIn(server.origin)
    await browser.currentPage()
    browser.userCloses()
    expect(await result).toEqual({ outcome: 'cancelled' })
    expect(await secrets.get('session-cookie')).toBeNull()
    expect(applied).toEqual([])
  })

  it('gives up after its time limit and closes the window', async () => {
    const { server, browser, applied, controller } = await setUp({ timeoutMs: 1500 })
    const result = controller.signIn(server.origin)
    expect(await result).toEqual({ outcome: 'timed-out' })
    expect(browser.isOpen).toBe(false)
    expect(applied).toEqual([])
  })

  it('brings the open window forward for a second sign-in', async () => {
    const { server, browser, controller } = await setUp()
    const first = controller.signIn(server.origin)
    expect(await controller.signInAgain()).toEqual({ outcome: 'busy' })
    expect(await controller.signIn(server.origin)).toEqual({ outcome: 'busy' })
    expect(browser).toMatchObject({ opened: 1, focused: 2 })
    browser.userCloses()
    expect(await first).toEqual({ outcome: 'cancelled' })
  })

  it('refuses a server address that is not https (or http to this machine)', async () => {
    const { browser, controller } = await setUp()
    expect(await controller.signIn('http://scrum4me.example.com')).toMatchObject({ outcome: 'failed' })
    expect(await controller.signInAgain()).toMatchObject({ outcome: 'failed' })
    expect(browser.opened).toBe(0)
  })

  it('signs in through a single-sign-on hop on another origin', async () => {
    const { login, server, secrets, browser, controller } = await setUp({ via: 'sso' })
    const result = controller.signIn(server.origin)
    const form = await browser.currentPage()
    expect(form.url.origin).toBe(login.idpOrigin)
    await browser.logIn('ann', PASSWORD)
    expect(await result).toMatchObject({ outcome: 'signed-in' })
    const secret = await secrets.get('session-cookie')
    expect(secret).toMatch(new RegExp(`^${login.sessionCookieName}=[\\w-]+$`))
    expect(login.authorize(secret ?? '')).toBe(db.world.users.ann)
  })

  it('probes one at a time, however many cookie events arrive', async () => {
    const { server, browser, probes, inFlight, controller } = await setUp()
    const seen = track(controller.signIn(server.origin))
    await browser.currentPage()
    const before = probes.length
    // A page script setting cookies in a burst: none is a session, each is an event.
    for (let cookie = 0; cookie < 20; cookie++) browser.pageSetsCookie(`noise${cookie}=1; Path=/`)
    await until(() => probes.length > before && probes.every((probe) => probe.ok !== null), 'the probes')
    expect(inFlight.max).toBe(1)
    // The one running when the burst began, and one more for everything that came during it.
    expect(probes.length - before).toBeLessThanOrEqual(2)
    expect(server.requestLog.filter((entry) => entry.path === STREAM_PATH)).toHaveLength(probes.length)
    expect(seen.result).toBe('pending')
    browser.userCloses()
  })
})
