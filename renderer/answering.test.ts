// The panel in real Chromium against a real core on the SSE feed of the Scrum4Me test server, with
// and without its answer route: the panel knows which before anyone answers, and never loses a
// typed answer. Screenshots go to test-artifacts/answering/.
import type { Locale } from '@shared/i18n/messages'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { answerOf, insertQuestion, seedWorld } from '../test/support/fixtures'
import { openPanel } from './testing/panel-session'
import { setUpRendererSuite } from './testing/renderer-suite'
import { startSseCore } from './testing/sse-core'

const suite = setUpRendererSuite('answering')

async function setup(options: { answerRoute: boolean; locale?: Locale; colorScheme?: 'light' | 'dark' }) {
  const url = await suite.pg.createDatabase()
  const world = await seedWorld(url)
  const base = { productId: world.products.alpha, storyId: world.stories.st101, askedBy: world.users.ann }
  const choice = await insertQuestion(url, { ...base, question: 'Welke route?', options: ['Ja', 'Nee'] })
  const free = await insertQuestion(url, { ...base, question: 'Hoe heet de job?', options: null })
  const sse = await startSseCore(url, world.users.bob, { answerRoute: options.answerRoute })
  suite.afterThisTest(sse.close)
  await sse.connected()
  const panel = await openPanel({
    browser: suite.browser,
    baseUrl: suite.baseUrl,
    preloadDir: suite.preloadDir,
    core: sse.core,
    feed: sse.feed,
    locale: options.locale,
    colorScheme: options.colorScheme,
  })
  suite.afterThisTest(panel.close)
  return { url, ids: { choice, free }, ...sse, ...panel }
}

const optionsOn = (locator: Locator) => locator.locator('.option-label').allTextContents()

function card(page: Page, text: string) {
  return page.locator('.question-card').filter({ hasText: text })
}

describe('answering where the server may not take answers', () => {
  it('with the answer route: buttons and the text field from the start, and nothing was answered to learn it', async () => {
    const { page, core, url, ids, server, errors } = await setup({ answerRoute: true })
    await expect.poll(() => core.answering).toBe('available')
    await expect.poll(() => optionsOn(card(page, 'Welke route?'))).toEqual(['Ja', 'Nee'])
    await card(page, 'Hoe heet de job?').getByRole('textbox', { name: 'Your answer' }).waitFor()
    expect(await page.getByRole('button', { name: 'Answer in Scrum4Me' }).count()).toBe(0)
    expect(await answerOf(url, ids.choice)).toEqual({ status: 'open', answer: null })
    expect(server.requestLog.filter((entry) => entry.method === 'POST')).toEqual([])
    expect(errors).toEqual([])
  })

  it.each<[Locale, 'light' | 'dark', string]>([
    ['en', 'light', 'Answer in Scrum4Me'],
    ['nl', 'dark', 'Beantwoorden in Scrum4Me'],
  ])(
    'without the route: "Answer in Scrum4Me" from the start (%s, %s; screenshot)',
    async (locale, colorScheme, label) => {
      const { page, url, ids, server, bridge, errors } = await setup({
        answerRoute: false,
        locale,
        colorScheme,
      })
      await expect.poll(() => page.getByRole('button', { name: label, exact: true }).count()).toBe(2)
      expect(await page.locator('.option').count()).toBe(0)
      expect(await page.locator('textarea').count()).toBe(0)
      // A number key answers nothing either.
      await page.keyboard.press('1')
      await suite.screenshot(page, `web-only-${locale}-${colorScheme}`)
      expect(bridge.accepted.filter((call) => call.channel === 'question:answer')).toEqual([])
      expect(await answerOf(url, ids.choice)).toEqual({ status: 'open', answer: null })
      expect(server.requestLog.filter((entry) => entry.method === 'POST')).toEqual([])
      expect(errors).toEqual([])
    },
  )

  it('keeps a typed answer in its field when the route turns out to be gone, and copies it on open', async () => {
    const { page, core, server, bridge, errors } = await setup({ answerRoute: true })
    await expect.poll(() => core.answering).toBe('available')
    // The route disappears after the check (a deploy): the first real answer finds out.
    server.setFaults({ answerRoute: { missing: true } })
    const typed = 'nightly-export,\nniet weekly'
    const box = card(page, 'Hoe heet de job?').getByRole('textbox', { name: 'Your answer' })
    await box.fill(typed)
    await box.press('Enter')
    await expect.poll(() => core.answering).toBe('web-only')
    const freeCard = card(page, 'Hoe heet de job?')
    await freeCard.getByRole('button', { name: 'Answer in Scrum4Me' }).waitFor()
    expect(await freeCard.locator('textarea').inputValue()).toBe(typed)
    expect(await optionsOn(card(page, 'Welke route?'))).toEqual([])
    // Refused here, it still waits for the user there.
    expect(await page.locator('.panel-header').textContent()).toContain('2 open')
    await suite.screenshot(page, 'web-only-with-draft')
    await freeCard.getByRole('button', { name: 'Answer in Scrum4Me' }).click()
    await expect.poll(() => bridge.calls.copied).toEqual([typed])
    expect(bridge.calls.openedExternally).toHaveLength(1)
    // Still there after another state push.
    bridge.panel.changed()
    await bridge.settled()
    expect(await freeCard.locator('textarea').inputValue()).toBe(typed)
    expect(errors).toEqual([])
  })
})
