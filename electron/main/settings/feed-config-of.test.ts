import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SETTING_DEFAULTS } from '@shared/settings'
import { afterEach, describe, expect, it } from 'vitest'
import { SessionSecretStore } from '../credentials/secret-store'
import type { Logger } from '../log/logger'
import { recordingLogger } from '../store/testing/fixtures'
import { buildFeedConfig, feedConfigOf } from './feed-config-of'
import { loadSettingsFile } from './settings-file'

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

/** What the app does at start: settings.json, then the connection's feed with its keychain secret. */
async function loadFeed(path: string, secrets: SessionSecretStore, log: Logger) {
  const { settings } = loadSettingsFile(path, log)
  return { settings, feed: await feedConfigOf(settings.connection, secrets) }
}

async function secretsWith(values: Record<string, string>): Promise<SessionSecretStore> {
  const store = new SessionSecretStore()
  for (const [name, value] of Object.entries(values)) await store.set(name as 'api-token', value)
  return store
}

describe('settings file → feed', () => {
  it('builds an SSE feed from the settings and the token in the keychain', async () => {
    const connection = { kind: 'sse', serverUrl: 'https://scrum4me.example.com', authKind: 'bearer' }
    const path = settingsFile(JSON.stringify({ connection, shortcut: 'Alt+F12' }))
    const loaded = await loadFeed(path, await secretsWith({ 'api-token': 't0k' }), recordingLogger().log)
    expect(loaded).toEqual({
      settings: { ...SETTING_DEFAULTS, connection, shortcut: 'Alt+F12' },
      feed: {
        ok: true,
        feed: {
          kind: 'sse',
          serverUrl: 'https://scrum4me.example.com',
          auth: { kind: 'bearer', token: 't0k' },
        },
      },
    })
  })

  it('says "no connection" for a missing file, and keeps the other settings usable', async () => {
    const path = join(tmpdir(), 'no-such-dir-s4m', 'settings.json')
    expect(await loadFeed(path, new SessionSecretStore(), recordingLogger().log)).toEqual({
      settings: SETTING_DEFAULTS,
      feed: { ok: false, problem: 'no connection is set up' },
    })
  })
})

describe('feedConfigOf', () => {
  it('refuses a secret no HTTP header can carry, and says so without echoing it', () => {
    const connection = { kind: 'sse', serverUrl: 'https://s.example.com', authKind: 'bearer' } as const
    const result = buildFeedConfig(connection, 'tok-€-geheim')
    expect(result).toEqual({ ok: false, problem: expect.stringMatching(/cannot carry/) })
    expect(JSON.stringify(result)).not.toContain('geheim')
    expect(buildFeedConfig({ ...connection, authKind: 'cookie' }, 'a=1; b=2')).toMatchObject({ ok: true })
  })

  it('names the missing secret, and the cookie it builds', async () => {
    const connection = {
      kind: 'sse',
      serverUrl: 'https://s4m.example.com',
      authKind: 'cookie',
      cookieName: 'session',
      streamPath: '/events',
    } as const
    expect(await feedConfigOf(connection, new SessionSecretStore())).toEqual({
      ok: false,
      problem: 'the cookie secret is not in the keychain',
    })
    expect(await feedConfigOf(connection, await secretsWith({ 'session-cookie': 'abc' }))).toEqual({
      ok: true,
      feed: {
        kind: 'sse',
        serverUrl: 'https://s4m.example.com',
        auth: { kind: 'cookie', cookie: 'session=abc' },
        streamPath: '/events',
      },
    })
  })

  it('puts the database password back and asks for verify-full', async () => {
    const connection = {
      kind: 'pg',
      connectionString: 'postgres://u@db.example.com/s4m',
      userId: 'u1',
    } as const
    expect(await feedConfigOf(connection, await secretsWith({ 'database-password': 'p@ss' }))).toEqual({
      ok: true,
      feed: {
        kind: 'pg',
        connectionString: 'postgres://u:p%40ss@db.example.com/s4m?sslmode=verify-full',
        userId: 'u1',
      },
    })
    const local = { ...connection, connectionString: 'postgres://u@localhost/s4m' }
    expect(await feedConfigOf(local, new SessionSecretStore())).toEqual({
      ok: true,
      feed: { kind: 'pg', connectionString: 'postgres://u@localhost/s4m', userId: 'u1' },
    })
  })

  it('refuses a remote sslmode=disable, and never echoes the password', async () => {
    const connection = {
      kind: 'pg',
      connectionString: 'postgres://u@db.example.com/s4m?sslmode=disable',
      userId: 'u1',
    } as const
    const secrets = await secretsWith({ 'database-password': 's3cret' })
    const refused = await feedConfigOf(connection, secrets)
    expect(refused).toEqual({ ok: false, problem: expect.stringMatching(/without TLS/) })
    expect(JSON.stringify(refused)).not.toContain('s3cret')
  })

  it('loads an old settings file that still says allowInsecure, dropping the key: plaintext stays refused', async () => {
    const connection = {
      kind: 'pg',
      connectionString: 'postgres://u@db.example.com/s4m?sslmode=disable',
      userId: 'u1',
    } as const
    const path = settingsFile(JSON.stringify({ connection: { ...connection, allowInsecure: true } }))
    const { log, lines } = recordingLogger()
    const loaded = await loadFeed(path, await secretsWith({ 'database-password': 's3cret' }), log)
    expect(loaded.settings.connection).toEqual(connection)
    expect(loaded.feed).toEqual({ ok: false, problem: expect.stringMatching(/without TLS/) })
    expect(lines.filter((line) => / warn /.test(line))).toEqual([])
  })
})
