import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'

const alias = { '@shared': resolve(__dirname, 'shared') }

/**
 * `npm run dev` only: Vite's dev server injects inline styles, React's refresh preamble and a
 * websocket for hot reload, which the panel's strict CSP blocks. Built pages keep the strict one.
 */
const devServerCsp: Plugin = {
  name: 'dev-server-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("connect-src 'none'", 'connect-src ws://localhost:* http://localhost:*'),
}

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      // zod is bundled, not loaded from node_modules: its package entry loads all 60-odd message
      // locales (about 6 MB of a headless core's memory); bundled, only the code we use remains.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        // The headless CLI is built from the same core as the app's main process.
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          cli: resolve(__dirname, 'cli/main.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      // One preload per window, each with only its own API. A sandboxed preload can require
      // nothing but 'electron': each is one self-contained file, with no chunk shared between them.
      isolatedEntries: true,
      // A sandboxed preload cannot load ES modules.
      rollupOptions: {
        input: {
          panel: resolve(__dirname, 'electron/preload/panel.ts'),
          settings: resolve(__dirname, 'electron/preload/settings.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    resolve: { alias },
    plugins: [react(), devServerCsp],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
})
