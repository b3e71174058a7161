// The hand-written "secret" in settings.json moves into the real keychain (Secret Service here)
// and out of the file; without a keychain it stays where the user put it, for this session's use.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AsyncEntry } from '@napi-rs/keyring'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type KeychainEntryFactory,
  KeyringSecretStore,
  SessionSecretStore,
} from '../credentials/secret-store'
import { createLineLogger } from '../log/logger'
import { feedConfigOf } from './feed-config-of'
import { importSecretFromSettings } from './import-secret'
import { loadSettingsFile } from './settings-file'

const testKeychain: KeychainEntryFactory = (account) =>
  new AsyncEntry('Scrum4Me Notifier import tests', account)
const TOKEN = 'tok-geheim-12345~+/='
let dir: string
let file: string
const lines: string[] = []
const log = createLineLogger((line) => lines.push(line))

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 's4m-import-'))
  file = join(dir, 'settings.json')
  lines.length = 0
})
afterEach(async () => {
  await new KeyringSecretStore(testKeychain).delete('api-token')
  rmSync(dir, { recursive: true, force: true })
})

const connection = { kind: 'sse', serverUrl: 'https://scrum4me.example.com', authKind: 'bearer' }

describe('importSecretFromSettings', () => {
  it('moves the secret into the keychain, rewrites the file without it, and the app can connect', async () => {
    writeFileSync(file, JSON.stringify({ connection, shortcut: 'CommandOrControl+Alt+K', secret: TOKEN }))
    const secrets = new KeyringSecretStore(testKeychain)
    await importSecretFromSettings(file, secrets, log)
    const rewritten = readFileSync(file, 'utf8')
    expect(rewritten).not.toContain(TOKEN)
    expect(JSON.parse(rewritten)).toMatchObject({ connection, shortcut: 'CommandOrControl+Alt+K' })
    expect(await secrets.get('api-token')).toBe(TOKEN)
    const { settings } = loadSettingsFile(file, log)
    expect(await feedConfigOf(settings.connection, secrets)).toEqual({
      ok: true,
      feed: { kind: 'sse', serverUrl: connection.serverUrl, auth: { kind: 'bearer', token: TOKEN } },
    })
    expect(lines.join('\n')).not.toContain(TOKEN)
  })

  it('without a keychain keeps the file as the user wrote it and still serves this session', async () => {
    const original = JSON.stringify({ connection, secret: TOKEN })
    writeFileSync(file, original)
    const secrets = new SessionSecretStore()
    await importSecretFromSettings(file, secrets, log)
    expect(readFileSync(file, 'utf8')).toBe(original)
    expect(await secrets.get('api-token')).toBe(TOKEN)
    expect(lines.join('\n')).toMatch(/no keychain/)
    expect(lines.join('\n')).not.toContain(TOKEN)
  })

  it('leaves a secret without a valid connection alone and says why', async () => {
    const original = JSON.stringify({ connection: { kind: 'sse' }, secret: TOKEN })
    writeFileSync(file, original)
    await importSecretFromSettings(file, new KeyringSecretStore(testKeychain), log)
    expect(readFileSync(file, 'utf8')).toBe(original)
    expect(lines.join('\n')).toMatch(/needs a valid "connection"/)
  })
})
