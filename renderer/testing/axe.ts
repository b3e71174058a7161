// axe-core, the accessibility engine, run over a page of ours. Its source is evaluated through the
// DevTools protocol: the page's CSP (script-src 'self') would refuse it as an inline script, and
// the app's CSP stays as it ships.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
let source: Promise<string> | null = null

/** One failed rule, with the elements it failed on, in words a test failure can show. */
export interface AxeViolation {
  rule: string
  impact: string | null
  help: string
  targets: string[]
}

/** Runs every axe rule (WCAG and best practice) over the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  source ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8')
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await source)
  return page.evaluate(async () => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') }
    const results = await axe.run(document, { resultTypes: ['violations'] })
    // A run that checked nothing would pass anything.
    if (results.passes.length === 0) throw new Error('axe-core checked no rule on this page')
    return results.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
    }))
  })
}
