// Questions as agents write them, in real Chromium against a real core and PostgreSQL: Markdown,
// a merge conflict's context, how long each agent has waited, and hostile Markdown kept inert.
// Screenshots go to test-artifacts/panel-markdown/.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { insertQuestion, type QuestionFields, type World } from '../test/support/fixtures'
import { withClient } from '../test/support/pg-client'
import { openPgPanel, type PgPanelOptions } from './testing/pg-panel'
import { setUpRendererSuite } from './testing/renderer-suite'

const MINUTE_MS = 60_000

const suite = setUpRendererSuite('panel-markdown')

const setup = (options?: PgPanelOptions) => openPgPanel(suite, options)

function ago(minutes: number): Date {
  return new Date(Date.now() - minutes * MINUTE_MS)
}

function ask(url: string, world: World, fields: Partial<QuestionFields>): Promise<string> {
  return insertQuestion(url, { productId: world.products.alpha, askedBy: world.users.ann, ...fields })
}

function card(page: Page, text: string) {
  return page.locator('.question-card').filter({ hasText: text })
}

async function screenshots(
  page: Page,
  bridge: { setLocale(locale: 'nl' | 'en'): Promise<void> },
  name: string,
) {
  await suite.screenshot(page, `${name}-light-en`)
  await bridge.setLocale('nl')
  await page.emulateMedia({ colorScheme: 'dark' })
  await suite.screenshot(page, `${name}-dark-nl`)
}

const PR_URL = 'https://github.com/acme/shop/pull/12'
const LONG_CODE_LINE = `const routes = [${'"/stories/:id", '.repeat(12)}]`
const MARKDOWN = [
  'Mag ik de **migratie** draaien? Het script staat in `scripts/migrate.ts`:',
  '',
  '```ts',
  LONG_CODE_LINE,
  'await migrate({ dryRun: false })',
  '```',
  '',
  '- eerst een back-up',
  '- dan `npm run migrate`',
  '',
  `Zie [de PR](${PR_URL}).`,
].join('\n')

describe('panel: questions as agents write them', () => {
  it('renders Markdown: code block in monospace that scrolls sideways, list, inline code, a link with its address', async () => {
    const { page, bridge, errors } = await setup({
      seed: async (url, world) => {
        await ask(url, world, { storyId: world.stories.st101, question: MARKDOWN, options: ['Ja', 'Nee'] })
      },
    })
    const text = card(page, 'migratie').locator('.question-text')
    await text.waitFor()
    expect(await text.locator('strong').textContent()).toBe('migratie')
    const block = text.locator('pre.markdown-code')
    expect(await block.textContent()).toBe(`${LONG_CODE_LINE}\nawait migrate({ dryRun: false })\n`)
    expect(await block.evaluate((element) => getComputedStyle(element).fontFamily)).toMatch(/mono/i)
    expect(await block.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true)
    expect(await block.evaluate((element) => getComputedStyle(element).overflowX)).toBe('auto')
    expect(await text.locator('ul > li').allTextContents()).toEqual([
      'eerst een back-up',
      'dan npm run migrate',
    ])
    expect(await text.locator('li code').textContent()).toBe('npm run migrate')
    expect(await text.locator('p > code').first().textContent()).toBe('scripts/migrate.ts')
    const link = text.getByRole('link')
    expect(await link.textContent()).toBe(`de PR (${PR_URL})`)
    // Long text still folds.
    expect(await text.getAttribute('class')).toContain('is-folded')
    await card(page, 'migratie').getByRole('button', { name: 'Show more' }).click()
    await screenshots(page, bridge, 'markdown')
    // The page itself never navigates: main opens the link, once, after the click.
    const pageUrl = page.url()
    expect(bridge.calls.openedExternally).toEqual([])
    await link.click()
    await expect.poll(() => bridge.calls.openedExternally).toEqual([PR_URL])
    expect(page.url()).toBe(pageUrl)
    expect(errors).toEqual([])
  })

  it('unfolds long text when Tab reaches a link the fold hides, and not for a link in sight', async () => {
    const TOP_URL = 'https://example.com/top'
    const lines = [`Zie [boven](${TOP_URL}).`, ...Array.from({ length: 12 }, (_, i) => `Regel ${i + 1}.`)]
    const { page, errors } = await setup({
      seed: async (url, world) => {
        await ask(url, world, {
          storyId: world.stories.st101,
          question: [...lines, `En [onder](${PR_URL}).`].join('\n\n'),
          options: ['Ja', 'Nee'],
        })
      },
    })
    const text = card(page, 'Regel 12').locator('.question-text')
    await text.waitFor()
    const focusedHref = () => page.evaluate(() => document.activeElement?.getAttribute('href') ?? null)
    async function tabTo(href: string) {
      for (let presses = 0; presses < 40 && (await focusedHref()) !== href; presses++)
        await page.keyboard.press('Tab')
      expect(await focusedHref()).toBe(href)
    }
    await tabTo(TOP_URL)
    expect(await text.getAttribute('class')).toContain('is-folded')
    await tabTo(PR_URL)
    expect(await text.getAttribute('class')).not.toContain('is-folded')
    const shown = await text.boundingBox()
    const link = await text.getByRole('link', { name: /onder/ }).boundingBox()
    expect(shown && link && link.y + link.height <= shown.y + shown.height).toBe(true)
    expect(await card(page, 'Regel 12').getByRole('button', { name: 'Show less' }).isVisible()).toBe(true)
    expect(errors).toEqual([])
  })

  it('shows footnotes without in-page addresses, and two cards with the same footnote share no id', async () => {
    const withNote = (word: string) => `${word} zie noot[^1].\n\n[^1]: De noot bij ${word}.`
    const { page, errors } = await setup({
      seed: async (url, world) => {
        await ask(url, world, {
          storyId: world.stories.st101,
          question: withNote('Eerste'),
          createdAt: ago(2),
        })
        await ask(url, world, {
          storyId: world.stories.st102,
          question: withNote('Tweede'),
          createdAt: ago(1),
        })
      },
    })
    await expect.poll(() => page.locator('.question-card').count()).toBe(2)
    const text = card(page, 'Eerste').locator('.question-text')
    expect(await text.locator('sup').textContent()).toBe('1')
    expect(await text.textContent()).toContain('De noot bij Eerste.')
    expect(await text.textContent()).not.toContain('(#')
    const label = text.getByText('Footnotes', { exact: true })
    expect(await label.getAttribute('class')).toContain('visually-hidden')
    const duplicates = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((element) => element.id)
      return ids.filter((id, index) => ids.indexOf(id) !== index)
    })
    expect(duplicates).toEqual([])
    expect(errors).toEqual([])
  })

  it('shows a merge conflict: the pull request, the files as a list, the sprint run, other keys; answered as free text', async () => {
    let id = ''
    const { url, page, bridge, errors } = await setup({
      seed: async (url, world) => {
        id = await ask(url, world, {
          storyId: world.stories.st101,
          question: 'Merge-conflict in `feature/login`: hoe lossen we dit op?',
          options: {
            pr_url: PR_URL,
            conflict_files: ['src/auth/login.ts', 'src/auth/session.ts', 'package-lock.json'],
            sprint_run_id: 'run-2026-11-07',
            base_branch: 'main',
            attempts: 2,
          },
        })
      },
    })
    const context = card(page, 'Merge-conflict').locator('.question-context')
    await context.waitFor()
    expect(await context.locator('dt').allTextContents()).toEqual([
      'Pull request',
      'Conflicting files',
      'Sprint run',
      // jsonb keeps keys shorter first.
      'attempts',
      'base_branch',
    ])
    expect(await context.locator('.conflict-files li').allTextContents()).toEqual([
      'src/auth/login.ts',
      'src/auth/session.ts',
      'package-lock.json',
    ])
    expect(await context.locator('dd').nth(2).textContent()).toBe('run-2026-11-07')
    expect(await context.locator('.context-other dd').allTextContents()).toEqual(['2', 'main'])
    await context.getByRole('link', { name: PR_URL }).click()
    await expect.poll(() => bridge.calls.openedExternally).toEqual([PR_URL])

    await screenshots(page, bridge, 'merge-conflict')
    await bridge.setLocale('en')
    const box = card(page, 'Merge-conflict').getByRole('textbox', { name: 'Your answer' })
    await box.fill('Neem de versie van main en draai de tests opnieuw')
    await box.press('Enter')
    await expect
      .poll(() =>
        withClient(url, (client) =>
          client.query<{ answer: string | null }>('SELECT answer FROM claude_questions WHERE id = $1', [id]),
        ).then(({ rows }) => rows[0]?.answer),
      )
      .toBe('Neem de versie van main en draai de tests opnieuw')
    expect(errors).toEqual([])
  })

  it('says how long ago each agent asked, keeps it current, and makes the long waits stand out', async () => {
    const { page, bridge, errors } = await setup({
      controlClock: true,
      seed: async (url, world) => {
        await ask(url, world, { storyId: world.stories.st101, question: 'Net gevraagd?', createdAt: ago(2) })
        await ask(url, world, { storyId: world.stories.st102, question: 'Al even open?', createdAt: ago(45) })
        await ask(url, world, { storyId: world.stories.st101, question: 'Lang open?', createdAt: ago(150) })
      },
    })
    await expect.poll(() => page.locator('.question-card').count()).toBe(3)
    const waiting = (text: string) => card(page, text).locator('.waiting time')
    expect(await waiting('Net gevraagd?').textContent()).toBe('asked 2 min ago')
    expect(await waiting('Al even open?').textContent()).toBe('asked 45 min ago')
    expect(await waiting('Lang open?').textContent()).toBe('asked 2 h ago')
    const long = await page.locator('.question-card.is-waiting-long').allTextContents()
    expect(long).toHaveLength(2)
    expect(long).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Al even open?'),
        expect.stringContaining('Lang open?'),
      ]),
    )
    // Said in words, and part of the card's description, so a screen reader hears it with the question.
    const description = await card(page, 'Lang open?').evaluate((element) =>
      (element.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' | '),
    )
    expect(description).toBe('asked 2 h agoWaiting long | Lang open?')
    expect(await card(page, 'Net gevraagd?').locator('.waiting-badge').count()).toBe(0)
    await screenshots(page, bridge, 'waiting')

    await bridge.setLocale('en')
    await page.clock.fastForward(30 * MINUTE_MS)
    await expect.poll(() => waiting('Net gevraagd?').textContent()).toBe('asked 32 min ago')
    expect(await card(page, 'Net gevraagd?').locator('.waiting-badge').textContent()).toBe('Waiting long')
    expect(errors).toEqual([])
  })

  it('keeps hostile Markdown inert: raw HTML, javascript: links, images, 10 000 nested markers, a 4000-character line', async () => {
    const requested: string[] = []
    const hostile = [
      '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>',
      '[klik](javascript:window.__pwned=3) <a href="javascript:window.__pwned=4">ook</a>',
      '![beacon](/beacon.png) ![](https://evil.example/p.png)',
      '<iframe src="/beacon.html"></iframe> <svg onload="window.__pwned=5"></svg>',
    ].join('\n\n')
    const { page, bridge, errors } = await setup({
      seed: async (url, world) => {
        await ask(url, world, { storyId: world.stories.st101, question: hostile, createdAt: ago(4) })
        await ask(url, world, {
          storyId: world.stories.st101,
          question: '- '.repeat(10_000),
          createdAt: ago(3),
        })
        await ask(url, world, {
          storyId: world.stories.st102,
          question: `${'>'.repeat(3999)}x`,
          createdAt: ago(2),
        })
        await ask(url, world, { storyId: world.stories.st102, question: 'W'.repeat(4000), createdAt: ago(1) })
      },
    })
    page.on('request', (request) => requested.push(request.url()))
    await expect.poll(() => page.locator('.question-card').count(), { timeout: 30_000 }).toBe(4)
    const hostileCard = card(page, 'klik')
    // Raw HTML shows as the text it is; images as their alt text.
    expect(await hostileCard.locator('.question-text').textContent()).toContain(
      '<script>window.__pwned=2</script>',
    )
    expect(await hostileCard.locator('.markdown-image').allTextContents()).toEqual([
      '[image: beacon]',
      '[image]',
    ])
    // A javascript: link is shown with its address, as text only.
    expect(await hostileCard.locator('.question-link.is-inert').textContent()).toBe(
      'klik (javascript:window.__pwned=3)',
    )
    expect(await page.locator('.question-list').locator('img, script, iframe, svg, input, a').count()).toBe(0)
    await hostileCard.getByText('klik').click()
    await hostileCard.getByText('beacon').click()
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
    expect(bridge.calls.openedExternally).toEqual([])
    expect(requested.filter((url) => url.includes('beacon') || url.includes('evil.example'))).toEqual([])
    // The nested markers are shown as text, not a 2000-deep tree; the long line wraps inside the card.
    expect(await card(page, '- - -').locator('.markdown-plain').count()).toBe(1)
    expect(
      await page.evaluate(() => document.querySelectorAll('.question-text :is(ul, ol, blockquote)').length),
    ).toBe(0)
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
    ).toBe(true)
    // The page still responds: a key moves the focus.
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toContain('question-card')
    await suite.screenshot(page, 'hostile-markdown-light-en')
    expect(errors).toEqual([])
  })
})
