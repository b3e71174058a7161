// Builds the panel from the project's own electron.vite.config.ts (its renderer section only), so the
// tests load the same bundle `electron-vite build` makes, without depending on the main-process build.
import { fileURLToPath } from 'node:url'
import { resolveConfig } from 'electron-vite'
import { build, mergeConfig } from 'vite'

const CONFIG_FILE = fileURLToPath(new URL('../../electron.vite.config.ts', import.meta.url))

/** `outDir` is per test run: parallel workers must not overwrite each other's out/renderer. */
export async function buildRenderer(outDir: string): Promise<void> {
  // electron-vite sets NODE_ENV for the build; the test process keeps its own.
  const nodeEnv = process.env.NODE_ENV
  try {
    const { config } = await resolveConfig(
      { configFile: CONFIG_FILE, mode: 'production', logLevel: 'warn' },
      'build',
      'production',
    )
    if (!config?.renderer) throw new Error(`${CONFIG_FILE} has no renderer section`)
    await build(mergeConfig(config.renderer, { logLevel: 'warn', build: { outDir, emptyOutDir: true } }))
  } finally {
    process.env.NODE_ENV = nodeEnv
  }
}
