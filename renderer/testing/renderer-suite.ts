// The hooks every Chromium test file shares: one embedded PostgreSQL, one Chromium, the built
// preloads and the built renderer on a static server for the whole file, and per test the cleanups the test registered.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { startTestPostgres, type TestPostgres } from '../../test/support/postgres'
import { type BuiltPages, buildPages } from './build-renderer'
import { launchChromium } from './chromium'
import { type StaticServer, serveStatic } from './static-server'

export interface RendererSuite {
  readonly pg: TestPostgres
  readonly browser: Browser
  /** Where the built renderer is served. */
  readonly baseUrl: string
  /** The built renderer on disk. */
  readonly buildDir: string
  /** The built preloads on disk. */
  readonly preloadDir: string
  /** Runs `cleanup` after the current test; the last one registered runs first. */
  afterThisTest(cleanup: () => Promise<void>): void
  /** Saves the page to test-artifacts/<artifacts>/<name>.png. */
  screenshot(page: Page, name: string): Promise<void>
}

interface Started {
  pg: TestPostgres
  browser: Browser
  server: StaticServer
  outDir: string
  buildDir: string
  preloadDir: string
}

/** Registers the file's hooks; `artifacts` names the screenshot folder under test-artifacts/. */
export function setUpRendererSuite(artifacts: string): RendererSuite {
  const artifactsDir = path.resolve(import.meta.dirname, '../../test-artifacts', artifacts)
  let started: Partial<Started> = {}
  const cleanups: Array<() => Promise<void>> = []

  beforeAll(async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), 's4m-renderer-'))
    started.outDir = outDir
    let built: BuiltPages
    ;[started.pg, started.browser, built] = await Promise.all([
      startTestPostgres(),
      launchChromium(),
      buildPages(outDir),
    ])
    started.buildDir = built.rendererDir
    started.preloadDir = built.preloadDir
    started.server = await serveStatic(built.rendererDir)
    await mkdir(artifactsDir, { recursive: true })
  })

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  afterAll(async () => {
    const { browser, server, pg, outDir } = started
    started = {}
    await browser?.close()
    await server?.close()
    await pg?.destroy()
    if (outDir) await rm(outDir, { recursive: true, force: true })
  })

  function get<K extends keyof Started>(key: K): Started[K] {
    const value = started[key]
    if (value === undefined) throw new Error(`setUpRendererSuite: no ${key} (outside a test?)`)
    return value as Started[K]
  }
  return {
    get pg() {
      return get('pg')
    },
    get browser() {
      return get('browser')
    },
    get baseUrl() {
      return get('server').url
    },
    get buildDir() {
      return get('buildDir')
    },
    get preloadDir() {
      return get('preloadDir')
    },
    afterThisTest: (cleanup) => void cleanups.push(cleanup),
    screenshot: async (page, name) => {
      await page.screenshot({ path: path.join(artifactsDir, `${name}.png`) })
    },
  }
}
