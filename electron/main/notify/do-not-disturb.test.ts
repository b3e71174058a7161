// GNOME is read for real: gsettings with the keyfile backend in a temp XDG_CONFIG_HOME, so the test
// flips show-banners itself. macOS is read from Assertions.json fixtures under a temp home.
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { doNotDisturbReader } from './do-not-disturb'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 's4m-dnd-'))
  dirs.push(dir)
  return dir
}

describe('GNOME do-not-disturb', () => {
  function gnome() {
    const env = {
      PATH: process.env.PATH,
      XDG_CONFIG_HOME: temp(),
      GSETTINGS_BACKEND: 'keyfile',
      XDG_CURRENT_DESKTOP: 'ubuntu:GNOME',
    }
    const showBanners = (value: boolean) =>
      execFileSync('gsettings', ['set', 'org.gnome.desktop.notifications', 'show-banners', String(value)], {
        env,
      })
    return { env, showBanners }
  }

  it('reads show-banners: false is do-not-disturb, true is not', async () => {
    const { env, showBanners } = gnome()
    const read = () => doNotDisturbReader({ platform: 'linux', env, cacheMs: 0 })()
    expect(await read()).toBe('off')
    showBanners(false)
    expect(await read()).toBe('on')
    showBanners(true)
    expect(await read()).toBe('off')
  })

  it('shares one gsettings run within the cache time, and reads again after it', async () => {
    const { env, showBanners } = gnome()
    const dir = temp()
    const runs = join(dir, 'runs')
    const counting = join(dir, 'gsettings')
    writeFileSync(counting, `#!/bin/sh\necho run >> '${runs}'\nexec gsettings "$@"\n`)
    chmodSync(counting, 0o755)
    let now = 0
    const read = doNotDisturbReader({
      platform: 'linux',
      env,
      gsettings: counting,
      cacheMs: 3000,
      now: () => now,
    })
    showBanners(false)
    const burst = await Promise.all(Array.from({ length: 10 }, () => read()))
    expect(new Set(burst)).toEqual(new Set(['on']))
    showBanners(true)
    now = 2999
    expect(await read()).toBe('on')
    now = 3000
    expect(await read()).toBe('off')
    expect(readFileSync(runs, 'utf8').trim().split('\n')).toHaveLength(2)
  })

  it('is unknown when gsettings is missing, hangs, or the desktop is not GNOME', async () => {
    const { env, showBanners } = gnome()
    showBanners(false)
    const missing = doNotDisturbReader({ platform: 'linux', env, gsettings: join(temp(), 'none') })
    expect(await missing()).toBe('unknown')

    const hanging = join(temp(), 'gsettings')
    writeFileSync(hanging, '#!/bin/sh\nexec sleep 30\n')
    chmodSync(hanging, 0o755)
    const started = Date.now()
    expect(await doNotDisturbReader({ platform: 'linux', env, gsettings: hanging, timeoutMs: 200 })()).toBe(
      'unknown',
    )
    expect(Date.now() - started).toBeLessThan(5000)

    // Same config that says "on" under GNOME: KDE's own do-not-disturb lives elsewhere.
    const kde = doNotDisturbReader({ platform: 'linux', env: { ...env, XDG_CURRENT_DESKTOP: 'KDE' } })
    expect(await kde()).toBe('unknown')
  })
})

describe('macOS Focus', () => {
  function home(assertions?: string): string {
    const dir = temp()
    if (assertions !== undefined) {
      const db = join(dir, 'Library', 'DoNotDisturb', 'DB')
      mkdirSync(db, { recursive: true })
      writeFileSync(join(db, 'Assertions.json'), assertions)
    }
    return dir
  }
  const read = (homeDir: string) => doNotDisturbReader({ platform: 'darwin', homeDir })()

  const focusOn = JSON.stringify({
    data: [
      {
        storeAssertionRecords: [
          {
            assertionUUID: '5F3A1C2E-0000-4000-8000-000000000001',
            assertionSource: { clientIdentifier: 'com.apple.focus.activity-manager' },
            assertionStartDateTimestamp: 786_000_000.5,
            assertionDetails: { assertionDetailsModeIdentifier: 'com.apple.donotdisturb.mode.default' },
          },
        ],
      },
    ],
    header: { timestamp: 786_000_001.2 },
  })

  it('is on while an assertion record exists, off when there is none', async () => {
    expect(await read(home(focusOn))).toBe('on')
    expect(await read(home(JSON.stringify({ data: [{ storeAssertionRecords: [] }], header: {} })))).toBe(
      'off',
    )
    expect(await read(home(JSON.stringify({ data: [{}], header: {} })))).toBe('off')
  })

  it('is unknown without the file (before macOS 12) or with one it cannot make sense of', async () => {
    expect(await read(home())).toBe('unknown')
    expect(await read(home('{"data": [ { "storeAssertionRecords": ['))).toBe('unknown')
    expect(await read(home(JSON.stringify({ records: [] })))).toBe('unknown')
  })
})

it('is unknown on Windows, where focus assist needs a native API', async () => {
  expect(await doNotDisturbReader({ platform: 'win32' })()).toBe('unknown')
})
