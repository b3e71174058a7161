// The settings controller against a real settings file, the real keychain (Secret Service under
// dbus-run-session), real test servers and the real connection test.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AsyncEntry } from '@napi-rs/keyring'
import { SETTING_DEFAULTS } from '@shared/settings'
import type { ConnectionDraft } from '@shared/setup'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { seedWorld, type World } from '../../../test/support/fixtures'
import { startHeaderRecorder } from '../../../test/support/header-recorder'
import { startPasswordTrap } from '../../../test/support/password-trap'
import { startTestPostgres, type TestPostgres } from '../../../test/support/postgres'
import { type SseTestServer, startSseTestServer } from '../../../test/support/sse-test-server'
import {
  type KeychainEntryFactory,
  KeyringSecretStore,
  type SecretStore,
  SessionSecretStore,
} from '../credentials/secret-store'
import { createLineLogger } from '../log/logger'
import { testConnection } from '../setup/connection-test'
import type { ConnectionChange } from './settings-controller'
import { SettingsController } from './settings-controller'

const testKeychain: KeychainEntryFactory = (account) =>
  new AsyncEntry('Scrum4Me Notifier controller tests', account)
const TOKEN = 'tok-controller-98765~+/='

let postgres: TestPostgres
let db: string
let world: World
let server: SseTestServer
let dir: string
const lines: string[] = []
const log = createLineLogger((line) => lines.push(line))

beforeAll(async () => {
  postgres = await startTestPostgres()
  db = await postgres.createDatabase()
  world = await seedWorld(db)
  server = await startSseTestServer({ databaseUrl: db, credentials: { [TOKEN]: world.users.ann } })
})
afterAll(async () => {
  await server?.close()
  await postgres?.destroy()
})
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 's4m-controller-'))
  lines.length = 0
})
afterEach(async () => {
  const keychain = new KeyringSecretStore(testKeychain)
  for (const name of ['api-token', 'session-cookie', 'database-password'] as const)
    await keychain.delete(name)
  rmSync(dir, { recursive: true, force: true })
})

function open(secrets: SecretStore = new KeyringSecretStore(testKeychain)) {
  const applied: ConnectionChange[] = []
  const tests: ConnectionDraft['connection'][] = []
  const controller = new SettingsController({
    settingsPath: join(dir, 'settings.json'),
    secrets,
    testConnection: (draft) => {
      tests.push(draft.connection)
      return testConnection(draft, { applicationName: 'controller-test', log, timeoutMs: 5_000 })
    },
    applyConnection: async (change) => {
      applied.push(change)
    },
    shortcutStatus: () => ({ state: 'active', accelerator: 'Alt+F9' }),
    systemLocale: 'nl',
    appVersion: '1.2.3',
    log,
  })
  return { controller, applied, tests, secrets, file: join(dir, 'settings.json') }
}

const sseDraft = (secret: string): ConnectionDraft => ({
  connection: { kind: 'sse', serverUrl: server.origin, authKind: 'bearer' },
  secret,
})

describe('SettingsController', () => {
  it('saves a connection only after it tested fine: secret to the keychain, the rest to the file', async () => {
    const { controller, applied, secrets, file } = open()
    const refused = await controller.save(sseDraft('wrong-token'), false)
    expect(refused).toMatchObject({ saved: false, test: { ok: false, failure: 'unauthorized' } })
    expect(() => readFileSync(file)).toThrow(/ENOENT/)
    expect(await secrets.get('api-token')).toBeNull()
    expect(applied).toEqual([])

    const saved = await controller.save(sseDraft(TOKEN), false)
    expect(saved).toMatchObject({ saved: true, settings: { secretStored: true, keychain: 'os' } })
    expect(await secrets.get('api-token')).toBe(TOKEN)
    const onDisk = readFileSync(file, 'utf8')
    expect(JSON.parse(onDisk).connection).toEqual(sseDraft('').connection)
    expect(onDisk).not.toContain(TOKEN)
    expect(applied).toEqual([{ connection: sseDraft('').connection, clearCache: true }])
    expect(lines.join('\n')).not.toContain(TOKEN)
  })

  it('saves an untested connection when the user insists, and never tests it', async () => {
    const { controller, applied, tests } = open()
    const offline = sseDraft(TOKEN)
    offline.connection = { kind: 'sse', serverUrl: 'https://scrum4me.invalid', authKind: 'bearer' }
    expect(await controller.save(offline, true)).toMatchObject({ saved: true })
    expect(tests).toEqual([])
    expect(applied.map((change) => change.connection)).toEqual([offline.connection])
  })

  it('moves a password typed into the connection string into the keychain', async () => {
    const { controller, secrets, file } = open()
    const draft: ConnectionDraft = {
      connection: { kind: 'pg', connectionString: db, userId: world.users.ann },
      secret: '',
    }
    const result = await controller.save(draft, false)
    expect(result).toMatchObject({ saved: true })
    const password = new URL(db).password
    expect(password).not.toBe('')
    expect(await secrets.get('database-password')).toBe(password)
    const stored = JSON.parse(readFileSync(file, 'utf8')).connection
    expect(new URL(stored.connectionString).password).toBe('')
    expect(readFileSync(file, 'utf8')).not.toContain(`:${password}@`)
  })

  it('tests with the stored secret when the field is left empty', async () => {
    const { controller } = open()
    await controller.save(sseDraft(TOKEN), false)
    expect(await controller.test(sseDraft(''))).toMatchObject({ ok: true })
    expect(await controller.test(sseDraft('another-wrong-one'))).toMatchObject({
      ok: false,
      failure: 'unauthorized',
    })
  })

  it('never sends the stored token to a changed address: it must be entered again', async () => {
    const { controller, secrets } = open()
    await controller.save(sseDraft(TOKEN), false)
    const elsewhere = await startHeaderRecorder()
    try {
      const moved: ConnectionDraft = {
        connection: { kind: 'sse', serverUrl: elsewhere.origin, authKind: 'bearer' },
        secret: '',
      }
      expect(await controller.test(moved)).toMatchObject({ ok: false, failure: 'invalid' })
      expect(JSON.stringify(elsewhere.requests)).not.toContain(TOKEN)
      // Saved anyway without a token: the old one is not kept for the new address either.
      expect(await controller.save(moved, true)).toMatchObject({
        saved: true,
        settings: { secretStored: false },
      })
      expect(await secrets.get('api-token')).toBeNull()
      // The recorder does see a token that is typed for it.
      await controller.test({ ...moved, secret: 'typed-for-this-server' })
      expect(elsewhere.requests.map((request) => request.headers.authorization)).toEqual([
        'Bearer typed-for-this-server',
      ])
    } finally {
      await elsewhere.close()
    }
  })

  it('never joins the stored database password to another host or port', async () => {
    const { controller, secrets } = open()
    const saved = await controller.save(
      { connection: { kind: 'pg', connectionString: db, userId: world.users.ann }, secret: '' },
      false,
    )
    expect(saved).toMatchObject({ saved: true })
    const password = new URL(db).password
    const trap = await startPasswordTrap()
    try {
      const moved = new URL(db)
      moved.password = ''
      moved.port = String(trap.port)
      const draft: ConnectionDraft = {
        connection: { kind: 'pg', connectionString: moved.href, userId: world.users.ann },
        secret: '',
      }
      expect(await controller.test(draft)).toMatchObject({ ok: false })
      expect(trap.connections).toBe(1)
      expect(trap.passwords).not.toContain(password)
      await controller.save(draft, true)
      expect(await secrets.get('database-password')).toBeNull()
      // The trap does catch a password that is typed for it (pg answers an empty one without).
      await controller.test({ ...draft, secret: 'typed-for-this-host' })
      expect(trap.passwords.filter(Boolean)).toEqual(['typed-for-this-host'])
    } finally {
      await trap.close()
    }
  })

  it('keeps the cache when the same account is saved again, drops it for another server', async () => {
    const { controller, applied } = open()
    await controller.save(sseDraft(TOKEN), true)
    await controller.save(sseDraft(TOKEN), true)
    const other = sseDraft(TOKEN)
    other.connection = { kind: 'sse', serverUrl: 'https://other.example.com', authKind: 'bearer' }
    await controller.save(other, true)
    expect(applied.map((change) => change.clearCache)).toEqual([true, false, true])
  })

  it('signs out: every secret forgotten, no connection, cache dropped', async () => {
    const { controller, applied, secrets, file } = open()
    await controller.save(sseDraft(TOKEN), false)
    const state = await controller.signOut()
    expect(state).toMatchObject({ secretStored: false, settings: { connection: null } })
    expect(await secrets.get('api-token')).toBeNull()
    expect(JSON.parse(readFileSync(file, 'utf8')).connection).toBeNull()
    expect(applied.at(-1)).toEqual({ connection: null, clearCache: true })
  })

  it('updates preferences atomically, announces them, and refuses invalid values', async () => {
    const { controller, file } = open()
    const seen: string[] = []
    controller.onChange(({ settings, previous }) => seen.push(`${previous.language}→${settings.language}`))
    const state = await controller.update({
      language: 'en',
      quietHours: { ...SETTING_DEFAULTS.quietHours, enabled: true },
    })
    expect(state.locale).toBe('en')
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      language: 'en',
      quietHours: { enabled: true },
    })
    await expect(controller.update({ retentionDays: -1 })).rejects.toThrow()
    expect(JSON.parse(readFileSync(file, 'utf8')).retentionDays).toBe(SETTING_DEFAULTS.retentionDays)
    expect(seen).toEqual(['system→en'])
  })

  it('says so when there is no keychain, and follows the system language by default', async () => {
    const { controller } = open(new SessionSecretStore())
    expect(await controller.state()).toMatchObject({
      keychain: 'memory',
      secretStored: false,
      locale: 'nl',
      shortcut: { state: 'active', accelerator: 'Alt+F9' },
      appVersion: '1.2.3',
    })
  })
})
