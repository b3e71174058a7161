import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SETTING_DEFAULTS, type Settings } from '@shared/settings'
import { afterEach, describe, expect, it } from 'vitest'
import { recordingLogger } from '../store/testing/fixtures'
import { loadSettingsFile, saveSettingsFile } from './settings-file'

const SAVE_LOOP = fileURLToPath(new URL('./testing/save-loop.ts', import.meta.url))

const dirs: string[] = []
let child: ChildProcess | undefined
afterEach(() => {
  child?.kill('SIGKILL')
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 's4m-settings-'))
  dirs.push(dir)
  return dir
}

function fileWith(content: string): string {
  const path = join(tempDir(), 'settings.json')
  writeFileSync(path, content)
  return path
}

const sse: Settings['connection'] = {
  kind: 'sse',
  serverUrl: 'https://scrum4me.example.com',
  authKind: 'bearer',
  streamPath: '/api/realtime/notifications',
}

describe('loadSettingsFile', () => {
  it('gives the defaults, quietly, when there is no file', () => {
    const { log, lines } = recordingLogger()
    expect(loadSettingsFile(join(tempDir(), 'settings.json'), log)).toEqual({
      settings: SETTING_DEFAULTS,
      found: false,
    })
    expect(lines).toEqual([])
  })

  it('reads every key that is valid', () => {
    const chosen: Settings = {
      connection: { kind: 'pg', connectionString: 'postgres://u@db.example.com/s4m', userId: 'u1' },
      openAtLogin: false,
      shortcut: 'Alt+F12',
      sound: false,
      quietHours: { enabled: true, days: [0, 6], start: '18:30', end: '08:00' },
      mutedProducts: ['p1'],
      showQuestionText: false,
      language: 'nl',
      theme: 'dark',
      retentionDays: 7,
      reminderMinutes: 'off',
      keepNotifications: true,
    }
    const { log, lines } = recordingLogger()
    expect(loadSettingsFile(fileWith(JSON.stringify(chosen)), log)).toEqual({ settings: chosen, found: true })
    expect(lines).toEqual([])
  })

  it('replaces only the broken keys by their defaults, with one warning each', () => {
    const { log, lines } = recordingLogger()
    const file = fileWith(
      JSON.stringify({
        connection: sse,
        shortcut: '',
        theme: 'purple',
        quietHours: { enabled: true, days: [7], start: '25:00', end: '07:00' },
        retentionDays: 14,
        sound: 'loud',
        someday: 1,
      }),
    )
    expect(loadSettingsFile(file, log).settings).toEqual({
      ...SETTING_DEFAULTS,
      connection: sse,
      retentionDays: 14,
    })
    expect(lines).toEqual([
      expect.stringMatching(/warn settings: "shortcut" is invalid; using its default/),
      expect.stringMatching(/"sound" is invalid/),
      expect.stringMatching(/"quietHours" is invalid.*HH:MM/),
      expect.stringMatching(/"theme" is invalid/),
      expect.stringMatching(/unknown key "someday" is ignored/),
    ])
  })

  it('loads a file from a version that had an update URL setting, and ignores that key with a note', () => {
    const { log, lines } = recordingLogger()
    const path = fileWith(
      JSON.stringify({ language: 'nl', updateUrl: 'https://updates.evil.example/notifier/' }),
    )
    const { settings } = loadSettingsFile(path, log)
    expect(settings).toEqual({ ...SETTING_DEFAULTS, language: 'nl' })
    expect(lines).toEqual([
      expect.stringMatching(
        /info settings: "updateUrl" is no longer a setting .*fixed when the app is built/,
      ),
    ])
    // The next save leaves it out.
    saveSettingsFile(path, settings)
    expect(JSON.parse(readFileSync(path, 'utf8'))).not.toHaveProperty('updateUrl')
  })

  it('refuses a password in the connection string without logging it', () => {
    const { log, lines } = recordingLogger()
    const connection = {
      kind: 'pg',
      connectionString: 'postgres://u:s3cret@db.example.com/s4m',
      userId: 'u1',
    }
    expect(loadSettingsFile(fileWith(JSON.stringify({ connection })), log).settings.connection).toBeNull()
    expect(lines).toEqual([expect.stringMatching(/"connection" is invalid.*keychain/)])
    expect(lines.join('\n')).not.toContain('s3cret')
  })

  it('keeps a file that is not JSON aside and starts from the defaults', () => {
    for (const content of ['{ "openAtLogin": fal', '', '[1, 2]', 'null']) {
      const path = fileWith(content)
      const { log, lines } = recordingLogger()
      const now = () => new Date('2030-01-02T03:04:05.678Z')
      expect(loadSettingsFile(path, log, now)).toEqual({ settings: SETTING_DEFAULTS, found: true })
      expect(readdirSync(join(path, '..'))).toEqual(['settings.json.broken-2030-01-02T03-04-05-678Z'])
      expect(readFileSync(`${path}.broken-2030-01-02T03-04-05-678Z`, 'utf8')).toBe(content)
      expect(lines).toEqual([
        expect.stringMatching(/not a JSON object; using the defaults, the old file is kept/),
      ])
    }
  })
})

describe('saveSettingsFile', () => {
  it('writes what loads back, and leaves no temp file', () => {
    const path = join(tempDir(), 'settings.json')
    const settings: Settings = { ...SETTING_DEFAULTS, connection: sse, theme: 'light' }
    saveSettingsFile(path, settings)
    expect(loadSettingsFile(path, recordingLogger().log).settings).toEqual(settings)
    expect(readdirSync(join(path, '..'))).toEqual(['settings.json'])
  })

  it('never writes a secret', () => {
    const path = join(tempDir(), 'settings.json')
    const withPassword = {
      ...SETTING_DEFAULTS,
      connection: { kind: 'pg', connectionString: 'postgres://u:s3cret@db.example.com/s4m', userId: 'u1' },
    } as Settings
    expect(() => saveSettingsFile(path, withPassword)).toThrow(/keychain/)
    const smuggled = { ...SETTING_DEFAULTS, connection: { ...sse, token: 's3cret' } } as Settings
    expect(() => saveSettingsFile(path, smuggled)).toThrow()
    saveSettingsFile(path, { ...SETTING_DEFAULTS, connection: sse })
    const saved = readdirSync(join(path, '..')).map((name) => readFileSync(join(path, '..', name), 'utf8'))
    expect(saved.join('\n')).not.toContain('s3cret')
  })

  it('a save killed at any moment leaves the old file or the new one', async () => {
    const path = join(tempDir(), 'settings.json')
    const mutedProducts = Array.from({ length: 2000 }, (_, i) => `product-${i}`)
    const versions = [
      SETTING_DEFAULTS,
      { ...SETTING_DEFAULTS, shortcut: 'Alt+F1', mutedProducts },
      { ...SETTING_DEFAULTS, shortcut: 'Alt+F2', mutedProducts: mutedProducts.slice(0, 1000) },
    ]
    saveSettingsFile(path, SETTING_DEFAULTS)
    const seen = new Set<string>()
    for (let round = 0; round < 20; round++) {
      const saver = spawn(process.execPath, ['--import', 'tsx', SAVE_LOOP, path], {
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      child = saver
      await once(saver.stdout, 'data')
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 50))
      saver.kill('SIGKILL')
      await once(saver, 'exit')
      const { log, lines } = recordingLogger()
      const loaded = loadSettingsFile(path, log)
      expect(lines).toEqual([])
      expect(versions).toContainEqual(loaded.settings)
      seen.add(loaded.settings.shortcut)
      expect(readdirSync(join(path, '..')).filter((name) => name.includes('broken'))).toEqual([])
    }
    // The kills landed while saves were happening, not only before the first one.
    expect(seen.size).toBeGreaterThan(1)
  })
})
