// "Sign in with Scrum4Me" and "Sign in again" in real Chromium: the setup and Settings → Connection
// served by main's real settings code, the panel by main's panel registrar, a real SSE server and
// PostgreSQL. Only the sign-in window is stood in for (SignInDouble): the test says how each sign-in
// ends. Screenshots go to test-artifacts/sign-in/.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { insertQuestion, seedWorld } from '../test/support/fixtures'
import { type SseTestServer, startSseTestServer } from '../test/support/sse-test-server'
import { clockTime } from './src/common/time-format'
import { formatMoment } from './src/diagnostics/diagnostics-format'
import { setUpRendererSuite } from './testing/renderer-suite'
import { openSuiteSettings, type SettingsSessionOptions } from './testing/settings-session'
import { SignInDouble } from './testing/sign-in-double'

const SESSION_COOKIE = 's4m_session=sess-bob-81c2e0f4'
const GOOD_TOKEN = 'tok-bob-7f3a9c'
const REVOKED_TOKEN = 'tok-bob-revoked-44d1'
const PANEL_SIZE = { width: 420, height: 560 }
const HOUR_MS = 3_600_000

const suite = setUpRendererSuite('sign-in')

/** Bob's world with one open question, and the SSE route that knows his session and his token. */
async function world(): Promise<SseTestServer> {
  const url = await suite.pg.createDatabase()
  const seeded = await seedWorld(url)
  await insertQuestion(url, {
    productId: seeded.products.alpha,
    askedBy: seeded.users.ann,
    storyId: seeded.stories.st101,
    question: 'Moet de inloglink 15 of 60 minuten geldig blijven?',
  })
  const sse = await startSseTestServer({
    databaseUrl: url,
    credentials: {
      [SESSION_COOKIE.split('=')[1] as string]: seeded.users.bob,
      [GOOD_TOKEN]: seeded.users.bob,
    },
  })
  suite.afterThisTest(() => sse.close())
  return sse
}

async function open(options: Omit<SettingsSessionOptions, 'browser' | 'baseUrl' | 'preloadDir'>) {
  const session = await openSuiteSettings(suite, options)
  const signIn = new SignInDouble()
  session.bridge.serveSignIn(signIn)
  return { ...session, signIn }
}

/** A saved server connection whose token the server no longer takes: the feed ends signed out. */
function signedOut(sse: SseTestServer): Pick<SettingsSessionOptions, 'file' | 'secret'> {
  return {
    file: { connection: { kind: 'sse', serverUrl: sse.origin, authKind: 'bearer' } },
    secret: { name: 'api-token', value: REVOKED_TOKEN },
  }
}

async function noSecretOnPage(page: Page): Promise<void> {
  const html = await page.content()
  for (const secret of [SESSION_COOKIE, SESSION_COOKIE.split('=')[1] as string, GOOD_TOKEN, REVOKED_TOKEN])
    expect(html).not.toContain(secret)
}

const status = (page: Page) => page.locator('.sign-in-status')

describe('sign in with Scrum4Me', () => {
  it('is the first choice in setup; the other ways are folded away (screenshots)', async () => {
    const { page, errors } = await open({ route: '#setup' })
    const signIn = page.getByRole('button', { name: 'Sign in with Scrum4Me' })
    await signIn.waitFor()
    expect(await page.getByLabel('API token', { exact: true }).isVisible()).toBe(false)
    expect(await page.locator('details.other-ways').getAttribute('open')).toBeNull()
    expect(await page.getByRole('button', { name: 'Save', exact: true }).isVisible()).toBe(false)
    await page.getByLabel('Server address').fill('https://scrum4me.example.com')
    await suite.screenshot(page, 'setup-choice-light-en')
    await page.emulateMedia({ colorScheme: 'dark' })
    await suite.screenshot(page, 'setup-choice-dark-en')
    // Direct database mode is as it was: its fields and its test and save, no sign-in button.
    await page.getByText('Direct database').click()
    await page.getByLabel('Connection string').waitFor()
    expect(await signIn.count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Save', exact: true }).isVisible()).toBe(true)
    expect(errors).toEqual([])
  })

  it('nl: the setup choice in Dutch (screenshots)', async () => {
    const { page, errors } = await open({ route: '#setup', systemLocale: 'nl' })
    await page.getByRole('button', { name: 'Aanmelden met Scrum4Me' }).waitFor()
    expect(await page.locator('details.other-ways summary').textContent()).toBe(
      'Andere manieren om aan te melden',
    )
    await page.getByLabel('Serveradres').fill('https://scrum4me.example.com')
    await suite.screenshot(page, 'setup-choice-light-nl')
    await page.emulateMedia({ colorScheme: 'dark' })
    await suite.screenshot(page, 'setup-choice-dark-nl')
    expect(errors).toEqual([])
  })

  it('sends the typed server to the sign-in, waits, and says how each sign-in ended', async () => {
    const sse = await world()
    const { page, errors, signIn, controller, secrets, bridge } = await open({ route: '#setup' })
    const button = page.getByRole('button', { name: 'Sign in with Scrum4Me' })
    // A bad address never reaches main.
    await page.getByLabel('Server address').fill('http://example.com')
    await button.click()
    expect(await page.locator('.field-error').textContent()).toBe(
      'Enter an address that starts with https:// (http:// only for this computer).',
    )
    expect(signIn.calls).toEqual([])

    await page.getByLabel('Server address').fill(`  ${sse.origin} `)
    const outcomes = [
      [
        { outcome: 'cancelled' },
        'The sign-in window was closed before you were signed in. Nothing was changed.',
      ],
      [{ outcome: 'timed-out' }, 'No sign-in arrived in time. Nothing was changed; try again.'],
      [{ outcome: 'busy' }, 'A sign-in window is already open: finish signing in there.'],
      [{ outcome: 'failed', detail: 'the window could not open' }, 'The sign-in did not work.'],
    ] as const
    for (const [index, [result, words]] of outcomes.entries()) {
      await button.click()
      await signIn.untilCalls(index + 1)
      // While the window is open the button waits and says so.
      await status(page).getByText('A sign-in window is open. Sign in there to continue…').waitFor()
      expect(await button.isDisabled()).toBe(true)
      signIn.end(result)
      await status(page).getByText(words).waitFor()
      expect(await button.isDisabled()).toBe(false)
    }
    await page.locator('.sign-in-status .connection-detail summary').click()
    expect(await page.locator('.sign-in-status .connection-detail-text').textContent()).toBe(
      'the window could not open',
    )
    expect(signIn.calls.every((call) => call.kind === 'sign-in' && call.serverUrl === sse.origin)).toBe(true)

    // Signed in: main stored the session like a pasted cookie and saved; the feed runs on it.
    await button.click()
    await signIn.untilCalls(5)
    signIn.end(async () => {
      const saved = await controller.save(
        { connection: { kind: 'sse', serverUrl: sse.origin, authKind: 'cookie' }, secret: SESSION_COOKIE },
        false,
      )
      if (!saved.saved) throw new Error(`the session did not save: ${saved.test.detail}`)
      return { outcome: 'signed-in', settings: saved.settings }
    })
    await status(page).getByText('Signed in. The notifier now uses this connection.').waitFor()
    await page.getByRole('heading', { name: 'You are all set' }).waitFor()
    expect(await secrets.get('session-cookie')).toBe(SESSION_COOKIE)
    await expect.poll(() => bridge.state().questions.length, { timeout: 15_000 }).toBe(1)
    await noSecretOnPage(page)
    expect(errors).toEqual([])
  })

  it('"Other ways to sign in" still saves a pasted token as before', async () => {
    const sse = await world()
    const { page, errors, readFile, secrets, signIn } = await open({ route: '#setup' })
    await page.getByLabel('Server address').fill(sse.origin)
    await page.getByText('Other ways to sign in').click()
    await page.getByLabel('API token', { exact: true }).fill(GOOD_TOKEN)
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('heading', { name: 'You are all set' }).waitFor()
    expect(JSON.parse(await readFile()).connection).toEqual({
      kind: 'sse',
      serverUrl: sse.origin,
      authKind: 'bearer',
    })
    expect(await secrets.get('api-token')).toBe(GOOD_TOKEN)
    expect(signIn.calls).toEqual([])
    await noSecretOnPage(page)
    expect(errors).toEqual([])
  })
})

describe('signed out', () => {
  it('the panel banner says so and its "Sign in again" reaches the sign-in (screenshots)', async () => {
    const sse = await world()
    const { page, errors, signIn, bridge, controller } = await open({
      route: '',
      viewport: PANEL_SIZE,
      ...signedOut(sse),
    })
    await expect.poll(() => bridge.state().feed, { timeout: 15_000 }).toMatchObject({ failure: 'auth' })
    const banner = page.locator('.offline-banner')
    await banner.getByText('Signed out').waitFor()
    await banner.getByText('The server ended your session.', { exact: false }).waitFor()
    await suite.screenshot(page, 'signed-out-light-en')
    await page.emulateMedia({ colorScheme: 'dark' })
    await suite.screenshot(page, 'signed-out-dark-en')

    await banner.getByRole('button', { name: 'Sign in again' }).click()
    await signIn.untilCalls(1)
    expect(signIn.calls).toEqual([{ kind: 'sign-in-again' }])
    signIn.end({ outcome: 'cancelled' })
    await banner
      .getByText('The sign-in window was closed before you were signed in.', { exact: false })
      .waitFor()

    await controller.update({ language: 'nl' })
    await banner.getByText('Afgemeld').waitFor()
    await banner.getByRole('button', { name: 'Opnieuw aanmelden' }).waitFor()
    await suite.screenshot(page, 'signed-out-dark-nl')
    await page.emulateMedia({ colorScheme: 'light' })
    await suite.screenshot(page, 'signed-out-light-nl')
    await noSecretOnPage(page)
    expect(errors).toEqual([])
  })

  it('Settings → Connection offers "Sign in again" too', async () => {
    const sse = await world()
    const { page, errors, signIn, bridge } = await open({ route: '#settings/connection', ...signedOut(sse) })
    await expect.poll(() => bridge.state().feed, { timeout: 15_000 }).toMatchObject({ failure: 'auth' })
    const offer = page.locator('.sign-in-offer')
    await offer.getByText('The server ended your session.', { exact: false }).waitFor()
    await offer.getByRole('button', { name: 'Sign in again' }).click()
    await signIn.untilCalls(1)
    expect(signIn.calls).toEqual([{ kind: 'sign-in-again' }])
    signIn.end({ outcome: 'timed-out' })
    await offer.getByText('No sign-in arrived in time.', { exact: false }).waitFor()
    await noSecretOnPage(page)
    expect(errors).toEqual([])
  })

  it('nothing is offered in direct database mode, whatever the feed', async () => {
    const { page, errors } = await open({
      route: '#settings/connection',
      file: {
        connection: { kind: 'pg', connectionString: 'postgres://nobody@127.0.0.1:1/none', userId: 'u1' },
      },
    })
    await page.getByLabel('Connection string').waitFor()
    expect(await page.getByRole('button', { name: 'Sign in again' }).count()).toBe(0)
    expect(errors).toEqual([])
  })
})

describe('the sign-in ends', () => {
  /** A working session cookie whose sign-in ends at `expiresAt`. */
  function endingAt(sse: SseTestServer, expiresAt: string): Pick<SettingsSessionOptions, 'file' | 'secret'> {
    return {
      file: {
        connection: { kind: 'sse', serverUrl: sse.origin, authKind: 'cookie', sessionExpiresAt: expiresAt },
      },
      secret: { name: 'session-cookie', value: SESSION_COOKIE },
    }
  }

  it('a day before, the panel offers to sign in again, and the offer reaches the sign-in', async () => {
    const sse = await world()
    const expiresAt = new Date(Date.now() + 12 * HOUR_MS).toISOString()
    const { page, errors, signIn, bridge } = await open({
      route: '',
      viewport: PANEL_SIZE,
      ...endingAt(sse, expiresAt),
    })
    await expect.poll(() => bridge.state().feed.state, { timeout: 15_000 }).toBe('connected')
    const banner = page.locator('.sign-in-banner')
    await banner
      .getByText(
        `Your Scrum4Me sign-in ends ${clockTime(expiresAt, 'en', Date.now())}. Sign in again to stay connected.`,
      )
      .waitFor()
    expect(await page.locator('.offline-banner').count()).toBe(0)
    await banner.getByRole('button', { name: 'Sign in again' }).click()
    await signIn.untilCalls(1)
    expect(signIn.calls).toEqual([{ kind: 'sign-in-again' }])
    await suite.screenshot(page, 'sign-in-ends-light-en')
    await noSecretOnPage(page)
    expect(errors).toEqual([])
  })

  it('further off, nothing is offered yet; diagnostics show the end', async () => {
    const sse = await world()
    const expiresAt = new Date(Date.now() + 72 * HOUR_MS).toISOString()
    const { page, errors, bridge } = await open({
      route: '#settings/diagnostics',
      ...endingAt(sse, expiresAt),
    })
    await expect.poll(() => bridge.state().feed.state, { timeout: 15_000 }).toBe('connected')
    await page.getByRole('button', { name: 'Refresh' }).click()
    await page.locator('.figure-session-expires').waitFor()
    expect(await page.locator('.figure-session-expires').textContent()).toBe(formatMoment(expiresAt, 'en'))
    await page.getByRole('tab', { name: 'Connection' }).click()
    await page.getByRole('button', { name: 'Sign in with Scrum4Me' }).waitFor()
    expect(await page.getByRole('button', { name: 'Sign in again' }).count()).toBe(0)
    await noSecretOnPage(page)
    expect(errors).toEqual([])
  })
})
