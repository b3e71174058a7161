// The built main process switches on the Chromium features it needs at its top level, before
// Electron is ready (Chromium reads its features at start-up; a later appendSwitch does nothing).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppProcess } from './app-process'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('the built main process', () => {
  it('turns on the GlobalShortcutsPortal feature on Linux before ready, and nothing else', async () => {
    const root = mkdtempSync(join(tmpdir(), 's4m-features-'))
    cleanups.push(() => rmSync(root, { recursive: true, force: true }))
    // No keychain is needed to read the switches: a bus that is not there.
    const app = new AppProcess({ root, dbusAddress: `unix:path=${join(root, 'no-bus')}` })
    cleanups.push(() => app.kill())
    const state = await app.until((state) => state.ready, 'ready')
    const expected =
      process.platform === 'linux'
        ? [{ name: 'enable-features', value: 'GlobalShortcutsPortal', beforeReady: true }]
        : []
    expect(state.switchesAppended).toEqual(expected)
  })
})
