// How long the panel takes to show a question card, in real Chromium on the built page: from a
// pushed panel state with one new question to that card laid out in the page (React render,
// commit and layout). A Markdown question (code block, list, inline code, a link, a merge
// conflict's context) against a plain-text question of the same length, alternating.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { PanelQuestion, PanelState } from '@shared/ipc/panel-state'
import type { Page } from 'playwright-core'
import { POPUP_SIZE } from '../electron/main/window/popup-position'
import { buildPages } from '../renderer/testing/build-renderer'
import { launchChromium, openTestPage } from '../renderer/testing/chromium'
import { NotifierBridge } from '../renderer/testing/notifier-bridge'
import { PUSH_FUNCTION } from '../renderer/testing/preload-shim'
import { serveStatic } from '../renderer/testing/static-server'
import { makeQuestion } from '../test/support/questions'
import type { BenchResult } from './support/report'
import { say } from './support/report'
import { formatMs, formatRatio, summarize } from './support/stats'

const WARM_UP = 10
const SAMPLES = 200
const TARGET_MS = 50

const MARKDOWN = [
  'Mag ik de **migratie** draaien? Het script staat in `scripts/migrate.ts`:',
  '',
  '```ts',
  `const routes = [${'"/stories/:id", '.repeat(10)}]`,
  'await migrate({ dryRun: false })',
  '```',
  '',
  '- eerst een _back-up_',
  '- dan `npm run migrate`',
  '',
  'Zie [de PR](https://github.com/acme/shop/pull/12).',
].join('\n')
const PLAIN = 'Welke aanpak kies je voor de migratie? '
  .repeat(Math.ceil(MARKDOWN.length / 39))
  .slice(0, MARKDOWN.length)
const CONTEXT = {
  pr_url: 'https://github.com/acme/shop/pull/12',
  conflict_files: ['src/auth/login.ts', 'src/auth/session.ts'],
  sprint_run_id: 'run-7',
}

export async function cardRender(): Promise<BenchResult> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 's4m-bench-card-'))
  const browser = await launchChromium()
  try {
    say('building the page…')
    const built = await buildPages(outDir)
    const server = await serveStatic(built.rendererDir)
    try {
      const { page, errors } = await openTestPage(browser, { viewport: POPUP_SIZE, colorScheme: 'light' })
      // Under tsx (esbuild's keepNames) functions sent to the page call a `__name` helper that
      // only Node has; the page gets a do-nothing one first.
      await page.addInitScript({ content: 'globalThis.__name = (target) => target' })
      const bridge = await NotifierBridge.attach(page, {
        window: 'panel',
        preloadDir: built.preloadDir,
        locale: 'en',
      })
      await page.goto(`${server.url}/index.html`)
      await page
        .locator('.panel-header')
        .waitFor()
        .catch((error) => {
          throw new Error(`the panel did not load: ${errors.join('; ') || error}`)
        })
      const markdown: number[] = []
      const plain: number[] = []
      for (let round = 0; round < WARM_UP + SAMPLES; round += 1) {
        const md = await timeCard(page, `md-${round}`, { text: MARKDOWN, options: null, context: CONTEXT })
        const pt = await timeCard(page, `pt-${round}`, { text: PLAIN, options: ['Ja', 'Nee'] })
        if (round >= WARM_UP) {
          markdown.push(md)
          plain.push(pt)
        }
      }
      bridge.detach()
      return report(summarize(markdown), summarize(plain))
    } finally {
      await server.close()
    }
  } finally {
    await browser.close()
    await rm(outDir, { recursive: true, force: true })
  }
}

/** Pushes a state holding only this question; resolves with the ms until its card is laid out. */
function timeCard(page: Page, id: string, fields: Parameters<typeof makeQuestion>[1]): Promise<number> {
  const item: PanelQuestion = { question: makeQuestion(id, fields), progress: null, webUrl: null }
  const state: PanelState = {
    questions: [item],
    feed: { state: 'connected', since: Date.now() },
    lastSyncedAt: new Date().toISOString(),
    pausedUntil: null,
    locale: 'en',
    session: { canSignIn: false, expiresAt: null },
    answering: 'available',
  }
  return page.evaluate(
    ([push, id, state]) =>
      new Promise<number>((resolve) => {
        const selector = `[data-question-id="${id}"] .question-text`
        const started = performance.now()
        const done = () => {
          const card = document.querySelector<HTMLElement>(selector)
          if (!card) return false
          // Reading a size forces the layout the user would wait for.
          void card.offsetHeight
          resolve(performance.now() - started)
          return true
        }
        const observer = new MutationObserver(() => {
          if (done()) observer.disconnect()
        })
        observer.observe(document.body, { childList: true, subtree: true })
        ;(window as unknown as Record<string, (channel: string, value: unknown) => void>)[push]?.(
          'panel:state',
          state,
        )
      }),
    [PUSH_FUNCTION, id, state] as const,
  )
}

function report(markdown: ReturnType<typeof summarize>, plain: ReturnType<typeof summarize>): BenchResult {
  say(
    `Markdown card p50 ${formatMs(markdown.p50)}, p99 ${formatMs(markdown.p99)}, max ${formatMs(markdown.max)}`,
  )
  say(`plain-text card p50 ${formatMs(plain.p50)}, p99 ${formatMs(plain.p99)}, max ${formatMs(plain.max)}`)
  return {
    bench: 'card-render',
    figures: (['p50', 'p99'] as const).map((at) => ({
      name: `Markdown + context card → laid out, ${at}`,
      value: formatMs(markdown[at]),
      baseline: `${formatMs(plain[at])} (plain-text card)`,
      ratio: formatRatio(markdown[at] / plain[at]),
      target: `< ${TARGET_MS} ms`,
      met: markdown[at] < TARGET_MS,
    })),
  }
}
