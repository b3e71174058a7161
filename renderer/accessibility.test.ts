// axe-core over every view of the app in real Chromium, light and dark: the panel (with Markdown,
// a merge conflict's context and long waits on screen), the setup and each settings section.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { SETTINGS_SECTIONS } from '../shared/ipc/contract'
import { insertQuestion, seedWorld } from '../test/support/fixtures'
import { axeViolations } from './testing/axe'
import { openPanel } from './testing/panel-session'
import { startPgCore } from './testing/pg-core'
import { setUpRendererSuite } from './testing/renderer-suite'
import { openSuiteSettings } from './testing/settings-session'

const suite = setUpRendererSuite('accessibility')
const SCHEMES = ['light', 'dark'] as const
const MINUTE_MS = 60_000

async function expectNoViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([])
}

describe('accessibility (axe-core)', () => {
  it.each(SCHEMES)('the panel with questions, %s', async (colorScheme) => {
    const url = await suite.pg.createDatabase()
    const world = await seedWorld(url)
    const base = { productId: world.products.alpha, askedBy: world.users.ann }
    await insertQuestion(url, {
      ...base,
      storyId: world.stories.st101,
      question:
        'Mag de **migratie** draaien?\n\n```sh\nnpm run migrate -- --all --verbose --no-dry-run --target=production\n```\n\n- eerst `backup`\n- zie [PR](https://github.com/acme/shop/pull/12)',
      createdAt: new Date(Date.now() - 90 * MINUTE_MS),
    })
    await insertQuestion(url, {
      ...base,
      storyId: world.stories.st102,
      question: 'Merge-conflict: hoe lossen we dit op?',
      options: {
        pr_url: 'https://github.com/acme/shop/pull/13',
        conflict_files: ['a.ts', 'b.ts'],
        sprint_run_id: 'r1',
        base: 'main',
      },
    })
    await insertQuestion(url, {
      ...base,
      productId: world.products.beta,
      storyId: world.stories.st201,
      options: null,
      question: 'x'.repeat(600),
    })
    const pgCore = await startPgCore(url, world.users.bob)
    suite.afterThisTest(pgCore.close)
    await pgCore.connected()
    const panel = await openPanel({
      browser: suite.browser,
      baseUrl: suite.baseUrl,
      preloadDir: suite.preloadDir,
      core: pgCore.core,
      feed: pgCore.feed,
      colorScheme,
    })
    suite.afterThisTest(panel.close)
    await expect.poll(() => panel.page.locator('.question-card').count()).toBe(3)
    await expectNoViolations(panel.page)
    expect(panel.errors).toEqual([])
  })

  it.each(SCHEMES)('the empty panel, %s', async (colorScheme) => {
    const session = await openSuiteSettings(suite, { route: '', colorScheme })
    await session.page.locator('.empty-state').waitFor()
    await expectNoViolations(session.page)
  })

  it.each(
    SCHEMES.flatMap((scheme) =>
      ['#setup', ...SETTINGS_SECTIONS.map((section) => `#settings/${section}`)].map(
        (route) => [route, scheme] as const,
      ),
    ),
  )('%s, %s', async (route, colorScheme) => {
    const session = await openSuiteSettings(suite, { route, colorScheme })
    await session.page.locator('h1, h2').first().waitFor()
    await expectNoViolations(session.page)
    expect(session.errors).toEqual([])
  })
})
