// The panel over a real core on a fresh, seeded PostgreSQL, as most panel tests start: bob (member
// of Alpha, owner of Beta and of the idea) sees it; `seed` adds rows before the core connects.
import { seedWorld, type World } from '../../test/support/fixtures'
import { openPanel, type PanelSessionOptions } from './panel-session'
import { startPgCore } from './pg-core'
import type { RendererSuite } from './renderer-suite'

export type Seed = (url: string, world: World) => Promise<void>

export type PgPanelOptions = Omit<
  PanelSessionOptions,
  'browser' | 'baseUrl' | 'preloadDir' | 'core' | 'feed'
> & {
  seed?: Seed
}

export async function openPgPanel(suite: RendererSuite, options: PgPanelOptions = {}) {
  const { seed, ...panelOptions } = options
  const url = await suite.pg.createDatabase()
  const world = await seedWorld(url)
  await seed?.(url, world)
  const pgCore = await startPgCore(url, world.users.bob)
  suite.afterThisTest(pgCore.close)
  await pgCore.connected()
  const panel = await openPanel({
    ...panelOptions,
    browser: suite.browser,
    baseUrl: suite.baseUrl,
    preloadDir: suite.preloadDir,
    core: pgCore.core,
    feed: pgCore.feed,
  })
  suite.afterThisTest(panel.close)
  return { url, world, core: pgCore.core, ...panel }
}
