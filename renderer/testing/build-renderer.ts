// Builds the page and the preloads from the project's own electron.vite.config.ts (its renderer and
// preload sections), so the tests load the same bundles `electron-vite build` makes, without
// depending on the main-process build.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { resolveConfig } from 'electron-vite'
import { build, mergeConfig } from 'vite'

const CONFIG_FILE = fileURLToPath(new URL('../../electron.vite.config.ts', import.meta.url))

export interface BuiltPages {
  /** The page, index.html and its assets. */
  rendererDir: string
  /** One preload per window, `<window>.cjs`. */
  preloadDir: string
}

/** `outDir` is per test run: parallel workers must not overwrite each other's out/. */
export async function buildPages(outDir: string): Promise<BuiltPages> {
  const built = { rendererDir: path.join(outDir, 'renderer'), preloadDir: path.join(outDir, 'preload') }
  // electron-vite sets NODE_ENV for the build; the test process keeps its own.
  const nodeEnv = process.env.NODE_ENV
  try {
    const { config } = await resolveConfig(
      { configFile: CONFIG_FILE, mode: 'production', logLevel: 'warn' },
      'build',
      'production',
    )
    if (!config?.renderer || !config.preload)
      throw new Error(`${CONFIG_FILE} lacks a renderer or preload section`)
    for (const [section, dir] of [
      [config.renderer, built.rendererDir],
      [config.preload, built.preloadDir],
    ] as const)
      await build(mergeConfig(section, { logLevel: 'warn', build: { outDir: dir, emptyOutDir: true } }))
    return built
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
}
