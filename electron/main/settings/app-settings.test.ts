import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readSettings, SETTING_DEFAULTS, webAppOrigin } from './app-settings'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function settingsFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 's4m-settings-'))
  dirs.push(dir)
  const path = join(dir, 'settings.json')
  writeFileSync(path, content)
  return path
}

describe('readSettings', () => {
  it('reads an SSE feed with a bearer token', () => {
    const feed = {
      kind: 'sse',
      serverUrl: 'https://scrum4me.example.com',
      auth: { kind: 'bearer', token: 't0k' },
    }
    expect(readSettings(settingsFile(JSON.stringify({ feed })))).toEqual({
      ok: true,
      settings: { feed, ...SETTING_DEFAULTS },
    })
  })

  it('reads a pg feed', () => {
    const feed = { kind: 'pg', connectionString: 'postgres://u@db/s4m?sslmode=verify-full', userId: 'u1' }
    expect(readSettings(settingsFile(JSON.stringify({ feed })))).toEqual({
      ok: true,
      settings: { feed, ...SETTING_DEFAULTS },
    })
  })

  it('reads open-at-login and the shortcut, and refuses an empty shortcut', () => {
    const feed = { kind: 'pg', connectionString: 'postgres://u@db/s4m', userId: 'u1' }
    const chosen = { feed, openAtLogin: false, shortcut: 'Alt+F12' }
    expect(readSettings(settingsFile(JSON.stringify(chosen)))).toEqual({ ok: true, settings: chosen })
    const empty = readSettings(settingsFile(JSON.stringify({ feed, shortcut: '' })))
    expect(empty).toMatchObject({ ok: false, problem: expect.stringMatching(/shortcut/) })
  })

  it('explains a missing file, broken JSON and a wrong shape', () => {
    const missing = readSettings(join(tmpdir(), 'no-such-dir-s4m', 'settings.json'))
    expect(missing).toMatchObject({ ok: false, problem: expect.stringMatching(/does not exist/) })
    expect(readSettings(settingsFile('{ nope'))).toMatchObject({ ok: false, problem: /not valid JSON/ })
    const wrong = readSettings(settingsFile(JSON.stringify({ feed: { kind: 'sse', serverUrl: 'x' } })))
    expect(wrong).toMatchObject({ ok: false, problem: expect.stringMatching(/auth/) })
  })

  it('refuses plain http to another machine, and never echoes the token', () => {
    const token = 'secret-token-value'
    const feed = { kind: 'sse', serverUrl: 'http://scrum4me.example.com', auth: { kind: 'bearer', token } }
    const result = readSettings(settingsFile(JSON.stringify({ feed, extra: 1 })))
    expect(result).toMatchObject({ ok: false, problem: expect.stringMatching(/https/) })
    expect(JSON.stringify(result)).not.toContain(token)
  })
})

describe('webAppOrigin', () => {
  it('is the SSE server origin, unknown for pg', () => {
    const auth = { kind: 'bearer', token: 't' } as const
    expect(webAppOrigin({ kind: 'sse', serverUrl: 'https://s4m.example.com/base/', auth })).toBe(
      'https://s4m.example.com',
    )
    expect(webAppOrigin({ kind: 'pg', connectionString: 'postgres://x', userId: 'u' })).toBeNull()
    expect(webAppOrigin(null)).toBeNull()
  })
})
