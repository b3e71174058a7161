// The setup, settings and diagnostics views in real Chromium, served by main's real settings code:
// the SettingsController writing a settings file, the real connection test against a real SSE
// server and PostgreSQL, a real core started on the saved connection. Screenshots go to
// test-artifacts/settings/.
import type { Page } from 'playwright-core'
import { describe, expect, it, vi } from 'vitest'
import { insertQuestion, seedWorld, type World } from '../test/support/fixtures'
import { startHeaderRecorder } from '../test/support/header-recorder'
import { type SseTestServer, startSseTestServer } from '../test/support/sse-test-server'
import { clockTime } from './src/common/time-format'
import { setUpRendererSuite } from './testing/renderer-suite'
import { openSuiteSettings, type SettingsSessionOptions } from './testing/settings-session'

const GOOD_TOKEN = 'tok-bob-7f3a9c'
const WRONG_TOKEN = 'tok-typo-000000'
const HOUR_MS = 3_600_000

const suite = setUpRendererSuite('settings')

/** A database with bob's world and two open questions for him, and the Scrum4Me SSE route over it. */
async function world(): Promise<{ url: string; world: World; sse: SseTestServer }> {
  const url = await suite.pg.createDatabase()
  const seeded = await seedWorld(url)
  await insertQuestion(url, {
    productId: seeded.products.alpha,
    askedBy: seeded.users.ann,
    storyId: seeded.stories.st101,
    question: 'Moet de inloglink 15 of 60 minuten geldig blijven?',
  })
  await insertQuestion(url, {
    productId: seeded.products.beta,
    askedBy: seeded.users.bob,
    storyId: seeded.stories.st201,
    question: 'Welk scheidingsteken wil je in de CSV-export?',
  })
  const sse = await startSseTestServer({ databaseUrl: url, credentials: { [GOOD_TOKEN]: seeded.users.bob } })
  suite.afterThisTest(() => sse.close())
  return { url, world: seeded, sse }
}

const open = (options: Omit<SettingsSessionOptions, 'browser' | 'baseUrl' | 'preloadDir'>) =>
  openSuiteSettings(suite, options)

/** Settings with a saved, working SSE connection whose token is in the secret store. */
function connected(sse: SseTestServer): Pick<SettingsSessionOptions, 'file' | 'secret'> {
  return {
    file: { connection: { kind: 'sse', serverUrl: sse.origin, authKind: 'bearer' } },
    secret: { name: 'api-token', value: GOOD_TOKEN },
  }
}

function result(page: Page) {
  return page.locator('.connection-result')
}

describe('setup', () => {
  it('a wrong token fails in plain words; the right one connects, saves without the secret and goes live', async () => {
    const { sse } = await world()
    const { page, errors, readFile, secrets, bridge } = await open({ route: '#setup' })
    await page.getByRole('heading', { name: 'Set up Scrum4Me Notifier' }).waitFor()
    // A pasted token is one of the other ways; signing in on the server's page comes first.
    await page.getByText('Other ways to sign in').click()
    // The memory-only store stands in for a machine without a keychain, and the view says so.
    expect(await page.getByRole('note').textContent()).toContain('No keychain on this computer.')
    // …and the field's own hint does not promise a keychain it does not have.
    await page.getByText('It is kept in memory only, until the notifier quits.').waitFor()
    expect(await page.getByText('stored in the keychain').count()).toBe(0)
    expect(await page.getByLabel('API token', { exact: true }).getAttribute('type')).toBe('password')
    expect(await page.getByLabel('API token', { exact: true }).getAttribute('autocomplete')).toBe('off')

    await page.getByLabel('Server address').fill(sse.origin)
    await page.getByLabel('API token', { exact: true }).fill(WRONG_TOKEN)
    await page.getByRole('button', { name: 'Test connection' }).click()
    await result(page).and(page.locator('.is-failed')).waitFor()
    expect(await page.locator('.connection-failure').textContent()).toBe(
      'The server did not accept your sign-in. The cookie or token is wrong or has expired.',
    )
    // The detail is there, folded, and never repeats the token.
    const details = page.locator('.connection-detail')
    expect(await details.getAttribute('open')).toBeNull()
    await details.locator('summary').click()
    const detail = await page.locator('.connection-detail-text').textContent()
    expect(detail).toMatch(/401/)
    expect(detail).not.toContain(WRONG_TOKEN)
    await suite.screenshot(page, 'setup-failure-light-en')

    await page.getByLabel('API token', { exact: true }).fill(GOOD_TOKEN)
    await page.getByRole('button', { name: 'Test connection' }).click()
    await page.locator('.connection-result.is-ok').waitFor()
    expect(await result(page).textContent()).toBe('Connected — 2 open questions')
    await suite.screenshot(page, 'setup-success-light-en')

    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('heading', { name: 'You are all set' }).waitFor()
    expect(await result(page).textContent()).toBe('Saved. The notifier now uses this connection.')
    const file = await readFile()
    expect(JSON.parse(file).connection).toEqual({ kind: 'sse', serverUrl: sse.origin, authKind: 'bearer' })
    expect(file).not.toContain(GOOD_TOKEN)
    expect(file).not.toContain(WRONG_TOKEN)
    expect(await secrets.get('api-token')).toBe(GOOD_TOKEN)
    // The saved connection runs: the panel half now has bob's questions.
    await expect.poll(() => bridge.state().questions.length, { timeout: 15_000 }).toBe(2)
    // The field is empty again, and its placeholder says the stored token is kept.
    expect(await page.getByLabel('API token', { exact: true }).inputValue()).toBe('')
    expect(await page.getByLabel('API token', { exact: true }).getAttribute('placeholder')).toBe(
      'Kept for this session; leave empty to keep it',
    )
    expect(errors).toEqual([])
  })

  it('checks the fields before anything is sent, and "Save anyway" saves after a failed test', async () => {
    const { sse } = await world()
    const { page, errors, readFile, secrets } = await open({ route: '#setup' })
    await page.getByLabel('Server address').fill(`http://example.com:${sse.port}`)
    await page.getByText('Other ways to sign in').click()
    await page.getByRole('button', { name: 'Test connection' }).click()
    expect(await page.locator('.field-error').allTextContents()).toEqual([
      'Enter an address that starts with https:// (http:// only for this computer).',
      'Paste your API token.',
    ])
    expect(await page.getByLabel('Server address').getAttribute('aria-invalid')).toBe('true')
    expect(sse.connects).toBe(0)

    await page.getByLabel('Server address').fill(sse.origin)
    await page.getByLabel('API token', { exact: true }).fill(WRONG_TOKEN)
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('button', { name: 'Save anyway' }).waitFor()
    expect(await page.locator('.connection-failure').textContent()).toContain('did not accept your sign-in')
    expect(await page.locator('.connection-insist').textContent()).toContain('Nothing was saved.')
    expect(JSON.parse((await readFile().catch(() => '{}')) || '{}').connection ?? null).toBeNull()
    await suite.screenshot(page, 'setup-save-anyway-light-en')

    await page.getByRole('button', { name: 'Save anyway' }).click()
    await page.locator('.connection-result.is-ok').waitFor()
    expect(JSON.parse(await readFile()).connection).toEqual({
      kind: 'sse',
      serverUrl: sse.origin,
      authKind: 'bearer',
    })
    expect(await secrets.get('api-token')).toBe(WRONG_TOKEN)
    expect(errors).toEqual([])
  })

  it('direct database: the password in the connection string goes to the secret store, not the file', async () => {
    const { url, world: seeded } = await world()
    const { page, errors, readFile, secrets } = await open({ route: '#setup' })
    await page.getByText('Direct database').click()
    // No plaintext option: the feed refuses a remote database without TLS whatever a setting says.
    expect(await page.getByText(/insecure connection/i).count()).toBe(0)
    await page.getByLabel('Connection string').fill(url)
    await page.getByLabel('Your user id').fill('usr_nobody')
    await page.getByRole('button', { name: 'Test connection' }).click()
    await page.locator('.connection-result.is-failed').waitFor({ timeout: 15_000 })
    expect(await page.locator('.connection-failure').textContent()).toBe(
      'The database has no user with that id. Check your user id.',
    )

    await page.getByLabel('Your user id').fill(seeded.users.bob)
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.locator('.connection-result.is-ok').waitFor({ timeout: 15_000 })
    const password = new URL(url).password
    const saved = JSON.parse(await readFile()).connection
    expect(saved.kind).toBe('pg')
    expect(saved.userId).toBe(seeded.users.bob)
    expect(new URL(saved.connectionString).password).toBe('')
    // The test cluster's password equals its user name, so look for it in the password's place.
    expect(await readFile()).not.toContain(`:${password}@`)
    expect(await secrets.get('database-password')).toBe(password)
    expect(errors).toEqual([])
  })
})

describe('settings', () => {
  it('notifications: quiet hours and muting a product reach the settings file', async () => {
    const { sse, world: seeded } = await world()
    const { page, errors, readFile } = await open({ route: '#settings/notifications', ...connected(sse) })
    await page.getByRole('heading', { name: 'Notifications' }).waitFor()
    // The products to mute come from the questions the panel has.
    await page.getByLabel('Alpha').waitFor({ timeout: 15_000 })
    expect(await page.locator('.product-mutes label').allTextContents()).toEqual(['Alpha', 'Beta'])

    await page.getByLabel('Use quiet hours').check()
    await page.getByLabel('Saturday').check()
    await page.getByLabel('Monday').uncheck()
    await page.getByLabel('From').fill('21:30')
    await page.getByLabel('Alpha').check()
    await page.getByLabel('Play a sound with notifications').uncheck()
    await expect
      .poll(async () => {
        const file = JSON.parse(await readFile())
        return { quietHours: file.quietHours, mutedProducts: file.mutedProducts, sound: file.sound }
      })
      .toEqual({
        quietHours: { enabled: true, days: [2, 3, 4, 5, 6], start: '21:30', end: '07:00' },
        mutedProducts: [seeded.products.alpha],
        sound: false,
      })
    // The view shows what main stored, not just what was clicked.
    expect(await page.getByLabel('Alpha').isChecked()).toBe(true)
    expect(await page.getByLabel('Monday').isChecked()).toBe(false)
    await suite.screenshot(page, 'notifications-light-en')
    expect(errors).toEqual([])
  })

  it('notifications: the reminder delay and keep-until-I-act reach the settings file, in English and Dutch', async () => {
    const { page, errors, readFile } = await open({ route: '#settings/notifications' })
    const reminder = page.getByLabel('Remind me of an unanswered question after')
    expect(await reminder.inputValue()).toBe('15')
    expect(await reminder.locator('option').allTextContents()).toEqual([
      'Never',
      '5 minutes',
      '15 minutes',
      '30 minutes',
      '60 minutes',
    ])
    await reminder.selectOption('30')
    await expect.poll(async () => JSON.parse(await readFile()).reminderMinutes).toBe(30)
    await reminder.selectOption('off')
    await expect.poll(async () => JSON.parse(await readFile()).reminderMinutes).toBe('off')
    await reminder.selectOption('15')
    const keep = page.getByLabel('Keep question notifications until I act')
    expect(await keep.isChecked()).toBe(false)
    await keep.check()
    await expect.poll(async () => JSON.parse(await readFile()).keepNotifications).toBe(true)
    await keep.scrollIntoViewIfNeeded()
    await suite.screenshot(page, 'notifications-reminders-light-en')
    await page.emulateMedia({ colorScheme: 'dark' })
    await suite.screenshot(page, 'notifications-reminders-dark-en')
    expect(errors).toEqual([])

    const dutch = await open({
      route: '#settings/notifications',
      file: { language: 'nl', reminderMinutes: 60 },
    })
    const herinnering = dutch.page.getByLabel('Herinner me aan een onbeantwoorde vraag na')
    expect(await herinnering.inputValue()).toBe('60')
    expect(await herinnering.locator('option:checked').textContent()).toBe('60 minuten')
    await dutch.page.getByLabel('Meldingen van vragen laten staan tot ik iets doe').scrollIntoViewIfNeeded()
    await suite.screenshot(dutch.page, 'notifications-reminders-light-nl')
    await dutch.page.emulateMedia({ colorScheme: 'dark' })
    await suite.screenshot(dutch.page, 'notifications-reminders-dark-nl')
    expect(dutch.errors).toEqual([])
  })

  it('notifications: pausing for an hour reaches main’s pause, shows its end, and Resume ends it', async () => {
    const { sse } = await world()
    const { page, errors, bridge } = await open({ route: '#settings/notifications', ...connected(sse) })
    const group = page.getByRole('group', { name: 'Pause notifications' })
    const status = group.getByRole('status')
    const resume = group.getByRole('button', { name: 'Resume' })
    await expect.poll(() => status.textContent()).toBe('Notifications are on.')
    expect(await resume.isDisabled()).toBe(true)

    const before = Date.now()
    await group.getByRole('button', { name: 'For 1 hour' }).click()
    await expect.poll(() => bridge.pause.until).not.toBeNull()
    const until = bridge.pause.until ?? 0
    expect(until).toBeGreaterThanOrEqual(before + HOUR_MS)
    expect(until).toBeLessThanOrEqual(Date.now() + HOUR_MS)
    expect(bridge.pause.isPaused()).toBe(true)
    // The window shows main's end time in the user's clock, as the panel's status bar does.
    const shown = `Paused until ${clockTime(new Date(until).toISOString(), 'en', Date.now())}`
    await expect.poll(() => status.textContent()).toBe(shown)
    expect(await resume.isEnabled()).toBe(true)
    await suite.screenshot(page, 'notifications-paused-en')

    await resume.click()
    await expect.poll(() => status.textContent()).toBe('Notifications are on.')
    expect(bridge.pause.until).toBeNull()
    expect(await resume.isDisabled()).toBe(true)
    expect(errors).toEqual([])
  })

  it('notifications: a pause main cannot take shows the same notice as a setting it refused', async () => {
    const { page, errors, bridge } = await open({ route: '#settings/notifications' })
    const pause = vi.spyOn(bridge.pause, 'pause').mockImplementation(() => {
      throw new Error('pause broke')
    })
    const group = page.getByRole('group', { name: 'Pause notifications' })
    await group.getByRole('button', { name: 'For 1 hour' }).click()
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('That change could not be saved. Try again.')
    expect(pause).toHaveBeenCalledWith('hour')
    expect(bridge.pause.until).toBeNull()

    pause.mockRestore()
    await group.getByRole('button', { name: 'For 1 hour' }).click()
    await expect.poll(() => page.getByRole('alert').count()).toBe(0)
    expect(bridge.pause.isPaused()).toBe(true)
    expect(errors).toEqual([])
  })

  it('general: the language switches the window to Dutch, and typed settings are checked first', async () => {
    const { page, errors, readFile } = await open({ route: '#settings/general' })
    await page.getByRole('heading', { name: 'General' }).waitFor()
    expect(await page.locator('.field-hint').first().textContent()).toBe(
      'Active: CommandOrControl+Shift+Space',
    )

    const retention = page.getByLabel('Keep answered questions for (days)')
    await retention.fill('0')
    await retention.press('Enter')
    expect(await page.locator('.field-error').textContent()).toBe(
      'Enter a whole number of days from 1 to 3650.',
    )
    await retention.fill('14')
    await retention.press('Enter')
    await expect.poll(async () => JSON.parse(await readFile()).retentionDays).toBe(14)

    // The update feed is fixed when the app is built: no window can point it elsewhere.
    expect(await page.getByLabel('Update address').count()).toBe(0)

    await page.getByLabel('Language').selectOption('nl')
    await page.getByRole('heading', { name: 'Algemeen' }).waitFor()
    expect(JSON.parse(await readFile()).language).toBe('nl')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl')
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('Algemeen')
    await page.emulateMedia({ colorScheme: 'dark' })
    await suite.screenshot(page, 'general-dark-nl')
    expect(errors).toEqual([])
  })

  it('general: a shortcut the system does not confirm (Wayland) is shown as such, not as active', async () => {
    const accelerator = 'CommandOrControl+Shift+Space'
    const { page, errors } = await open({
      route: '#settings/general',
      shortcut: { state: 'unconfirmed', accelerator },
    })
    const hint = page.locator('.field-hint').first()
    await page.getByRole('heading', { name: 'General' }).waitFor()
    expect(await hint.textContent()).toBe(
      'The system has not confirmed CommandOrControl+Shift+Space. If pressing it does nothing, allow or set it in your desktop’s keyboard settings; the tray icon always opens the panel.',
    )
    await page.getByLabel('Language').selectOption('nl')
    await page.getByRole('heading', { name: 'Algemeen' }).waitFor()
    expect(await hint.textContent()).toMatch(
      /^Het systeem heeft CommandOrControl\+Shift\+Space niet bevestigd\./,
    )
    expect(errors).toEqual([])
  })

  it('sign out asks first, then clears the connection and the secret; the panel offers the setup', async () => {
    const { sse } = await world()
    const { page, errors, readFile, secrets, bridge } = await open({
      route: '#settings/connection',
      ...connected(sse),
    })
    await expect.poll(() => bridge.state().feed.state, { timeout: 15_000 }).toBe('connected')
    // Prefilled without the secret.
    expect(await page.getByLabel('Server address').inputValue()).toBe(sse.origin)
    expect(await page.getByLabel('API token', { exact: true }).inputValue()).toBe('')

    await page.getByRole('button', { name: 'Sign out…' }).click()
    expect(await page.locator('.confirm p').textContent()).toContain('Sign out?')
    await page.getByRole('button', { name: 'Cancel' }).click()
    expect(JSON.parse(await readFile()).connection).not.toBeNull()

    await page.getByRole('button', { name: 'Sign out…' }).click()
    await page.locator('.confirm').getByRole('button', { name: 'Sign out' }).click()
    await page.getByRole('button', { name: 'Sign out…' }).waitFor({ state: 'detached' })
    expect(JSON.parse(await readFile()).connection).toBeNull()
    expect(await secrets.get('api-token')).toBeNull()
    expect(await page.getByLabel('Server address').inputValue()).toBe('')
    expect(bridge.state().feed).toMatchObject({ state: 'failed', failure: 'not-configured' })
    expect(errors).toEqual([])
  })

  it('a changed address needs the token again: the form says so and sends nothing without it', async () => {
    const { sse } = await world()
    const elsewhere = await startHeaderRecorder()
    suite.afterThisTest(() => elsewhere.close())
    const { page, errors } = await open({ route: '#settings/connection', ...connected(sse) })
    const token = page.getByLabel('API token', { exact: true })
    const moved = page.getByText('The stored cookie or token was given for the previous server address.')
    expect(await token.getAttribute('placeholder')).toBe('Kept for this session; leave empty to keep it')
    expect(await moved.count()).toBe(0)

    await page.getByText('Other ways to sign in').click()
    await page.getByLabel('Server address').fill(elsewhere.origin)
    await moved.waitFor()
    expect(await token.getAttribute('placeholder')).toBe('')
    await page.getByRole('button', { name: 'Test connection' }).click()
    expect(await page.locator('.field-error').textContent()).toBe('Paste your API token.')
    expect(elsewhere.requests).toEqual([])

    // Back at the address it was given for, the stored token applies again.
    await page.getByLabel('Server address').fill(sse.origin)
    await moved.waitFor({ state: 'detached' })
    expect(await token.getAttribute('placeholder')).toBe('Kept for this session; leave empty to keep it')
    expect(errors).toEqual([])
  })

  it('typing a stray % into the connection string keeps the form up and asks for the password again', async () => {
    const { page, errors } = await open({
      route: '#settings/connection',
      file: {
        connection: {
          kind: 'pg',
          connectionString: 'postgres://notifier@db.example.com/scrum4me',
          userId: 'u1',
        },
      },
      secret: { name: 'database-password', value: 'pw-stored' },
    })
    const connectionString = page.getByLabel('Connection string')
    const moved = page.getByText('The stored password was given for the previous database')
    for (const typed of [
      'postgres://no%tifier@db.example.com/scrum4me',
      'postgres://notifier@db.example.com/my%',
    ]) {
      await connectionString.fill(typed)
      await moved.waitFor()
      expect(await connectionString.inputValue()).toBe(typed)
    }
    expect(errors).toEqual([])
  })

  it('moves between sections with the keyboard', async () => {
    const { page, errors } = await open({ route: '#settings/connection' })
    const selected = page.getByRole('tab', { selected: true })
    await selected.waitFor()
    await selected.focus()
    const focusedTab = () => page.evaluate(() => document.activeElement?.textContent ?? '')

    await page.keyboard.press('ArrowDown')
    expect(await focusedTab()).toBe('Notifications')
    expect(await selected.textContent()).toBe('Notifications')
    expect(await page.evaluate(() => window.location.hash)).toBe('#settings/notifications')
    await page.getByLabel('Use quiet hours').waitFor()

    await page.keyboard.press('End')
    expect(await focusedTab()).toBe('Diagnostics')
    await page.keyboard.press('ArrowDown')
    expect(await focusedTab()).toBe('Connection')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('ArrowUp')
    expect(await focusedTab()).toBe('General')
    expect(await page.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('tab-general')
    // Only the selected tab is in the Tab order: Tab leaves the list for the section.
    expect(await page.locator('[role="tab"][tabindex="0"]').count()).toBe(1)
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.closest('[role="tabpanel"]') !== null)).toBe(
      true,
    )
    // Main re-opening the window on another section changes the hash; the view follows.
    await page.evaluate(() => {
      window.location.hash = '#settings/connection'
    })
    expect(await selected.textContent()).toBe('Connection')
    expect(errors).toEqual([])
  })
})

describe('diagnostics', () => {
  it('shows the recorder’s figures: history, reconnects, latency, outbox, cache', async () => {
    const { url, world: seeded, sse } = await world()
    const { page, errors, bridge, recorder, host } = await open({
      route: '#settings/diagnostics',
      ...connected(sse),
    })
    await expect.poll(() => bridge.state().feed.state, { timeout: 15_000 }).toBe('connected')
    const core = host.core
    if (!core) throw new Error('the saved connection did not start a core')
    // A network drop and its recovery: one reconnect in the history.
    core.setOnline(false)
    await expect.poll(() => bridge.state().feed.state).not.toBe('connected')
    core.setOnline(true)
    await expect.poll(() => bridge.state().feed.state, { timeout: 15_000 }).toBe('connected')
    const id = await insertQuestion(url, {
      productId: seeded.products.alpha,
      askedBy: seeded.users.ann,
      storyId: seeded.stories.st102,
      question: 'Nieuw terwijl de diagnose openstaat?',
    })
    await expect.poll(() => bridge.state().questions.length, { timeout: 15_000 }).toBe(3)
    // Main reports a toast as a sighting; here the test does, as the toast would.
    recorder.shown([id])

    await page.getByRole('button', { name: 'Refresh' }).click()
    await page.locator('.latencies tbody tr').waitFor()
    // The view shows the recorder's own figures (the SSE feed also reconnects for a new question).
    const figures = recorder.snapshot()
    expect(figures.reconnects).toBeGreaterThanOrEqual(1)
    expect(await page.locator('.figure-reconnects').textContent()).toBe(String(figures.reconnects))
    expect(await page.locator('.figure-feed').textContent()).toBe('Connected')
    expect(await page.locator('.figure-outbox').textContent()).toBe('0')
    expect(await page.locator('.figure-cache').textContent()).toMatch(/^[\d.]+ (KB|MB)$/)
    expect(await page.locator('.figure-latency').textContent()).toMatch(/^\d+(\.\d)? (ms|s)$/)
    expect(await page.locator('.latencies tbody tr').first().textContent()).toContain(id)
    const states = await page.locator('.feed-history tbody tr td:nth-child(2)').allTextContents()
    // The newest entry is the reconnect for the new question: listed as a refresh, never as offline.
    expect(states[0]).toBe('Refresh')
    expect(states.filter((words) => words === 'Offline')).toHaveLength(
      figures.feedHistory.filter((change) => change.state === 'disconnected').length,
    )
    expect(states).toContain('Offline')
    expect(states).toHaveLength(figures.feedHistory.length)
    await suite.screenshot(page, 'diagnostics-light-en')

    await page.getByRole('button', { name: 'Open logs' }).click()
    await page.getByText('There is no log file yet.').waitFor()
    expect(bridge.calls.openLogs).toBe(1)
    await page.emulateMedia({ colorScheme: 'dark' })
    await suite.screenshot(page, 'diagnostics-dark-en')
    expect(errors).toEqual([])
  })
})

describe('panel entries', () => {
  it('the gear opens general settings; before any setup the panel offers "Set up"', async () => {
    const { page, errors, bridge, controller } = await open({
      route: '',
      viewport: { width: 420, height: 560 },
    })
    await page.getByRole('heading', { name: 'Not set up yet' }).waitFor()
    await page.getByRole('button', { name: 'Set up' }).click()
    await page.getByRole('button', { name: 'Settings' }).click()
    await expect.poll(() => bridge.calls.openSettings).toEqual(['connection', 'general'])
    await suite.screenshot(page, 'panel-not-set-up-light-en')

    // A language chosen in settings reaches the panel too.
    await controller.update({ language: 'nl' })
    await page.getByRole('button', { name: 'Instellen' }).waitFor()
    expect(await page.getByRole('button', { name: 'Instellingen' }).count()).toBe(1)
    await page.emulateMedia({ colorScheme: 'dark' })
    await suite.screenshot(page, 'panel-not-set-up-dark-nl')
    expect(errors).toEqual([])
  })
})
