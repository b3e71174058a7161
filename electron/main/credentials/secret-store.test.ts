import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { AsyncEntry } from '@napi-rs/keyring'
import { afterEach, describe, expect, it } from 'vitest'
import { recordingLogger } from '../store/testing/fixtures'
import {
  type KeychainEntryFactory,
  KeyringSecretStore,
  openSecretStore,
  SessionSecretStore,
} from './secret-store'

// Runs under scripts/test.sh's private D-Bus session and gnome-keyring; a separate service name keeps
// these items apart from the app's own even there.
const testKeychain: KeychainEntryFactory = (account) => new AsyncEntry('Scrum4Me Notifier tests', account)
const CHILD = fileURLToPath(new URL('./testing/session-secret-child.ts', import.meta.url))
// The child runs in an empty directory, where a bare `--import tsx` would not resolve.
const TSX = createRequire(import.meta.url).resolve('tsx')

const dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  await new KeyringSecretStore(testKeychain).delete('api-token')
})

describe('openSecretStore', () => {
  it('uses the OS keychain when a probe item can be written, read and deleted', async () => {
    const { log, lines } = recordingLogger()
    const store = await openSecretStore(log)
    expect(store).toBeInstanceOf(KeyringSecretStore)
    expect(store.persistent).toBe(true)
    expect(lines).toEqual([])
    expect(await new AsyncEntry('Scrum4Me Notifier', 'keychain-probe').getPassword()).toBeNull()
  })

  it('falls back to memory with a warning when the keychain fails', async () => {
    const failing: KeychainEntryFactory = () => ({
      getPassword: () => Promise.reject(new Error('no Secret Service')),
      setPassword: () => Promise.reject(new Error('no Secret Service')),
      deletePassword: () => Promise.reject(new Error('no Secret Service')),
    })
    const { log, lines } = recordingLogger()
    const store = await openSecretStore(log, failing)
    expect(store).toBeInstanceOf(SessionSecretStore)
    expect(store.persistent).toBe(false)
    expect(lines).toEqual([
      expect.stringMatching(/warn .*must be entered again next launch.*no Secret Service/),
    ])
    await store.set('api-token', 't0k')
    expect(await store.get('api-token')).toBe('t0k')
    await store.delete('api-token')
    expect(await store.get('api-token')).toBeNull()
  })

  it('falls back when the keychain hands back something else than was stored', async () => {
    const lying: KeychainEntryFactory = () => ({
      getPassword: async () => 'stale',
      setPassword: async () => {},
      deletePassword: async () => true,
    })
    expect((await openSecretStore(recordingLogger().log, lying)).persistent).toBe(false)
  })

  it('the fallback writes nothing to disk', async () => {
    const root = mkdtempSync(join(tmpdir(), 's4m-secrets-'))
    dirs.push(root)
    const [home, work, temp] = ['home', 'work', 'tmp'].map((name) => join(root, name))
    for (const dir of [home, work, temp]) mkdirSync(dir as string)
    const secret = `never-on-disk-${Date.now()}`
    // A bus address that leads nowhere: the real keyring fails exactly as on a desktop without one.
    const child = spawn(process.execPath, ['--import', pathToFileURL(TSX).href, CHILD], {
      cwd: work,
      env: {
        PATH: process.env.PATH,
        HOME: home,
        XDG_CONFIG_HOME: join(home as string, '.config'),
        XDG_DATA_HOME: join(home as string, '.local/share'),
        XDG_CACHE_HOME: join(home as string, '.cache'),
        TMPDIR: temp,
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(root, 'no-bus')}`,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    child.stdin.end(`${secret}\n`)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const [code] = await once(child, 'exit')
    expect(code, stderr).toBe(0)
    expect(JSON.parse(stdout)).toEqual({ persistent: false, same: true })
    expect(stderr).toMatch(/must be entered again next launch/)
    expect(stderr).not.toContain(secret)
    expect(readdirSync(home as string)).toEqual([])
    expect(readdirSync(work as string)).toEqual([])
    // tsx may cache compiled sources under TMPDIR; none of it may hold the secret.
    for (const file of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (file.isFile()) expect(readFileSync(join(file.parentPath, file.name), 'utf8')).not.toContain(secret)
    }
  })
})

describe('KeyringSecretStore', () => {
  it('round-trips secrets through the real Secret Service, unicode and 4 KB included', async () => {
    const store = new KeyringSecretStore(testKeychain)
    expect(await store.get('api-token')).toBeNull()
    const unicode = 'pässwörd-🔑-日本語-\u{1F600}'
    await store.set('api-token', unicode)
    expect(await store.get('api-token')).toBe(unicode)
    const large = 'x€'.repeat(2048)
    expect(Buffer.byteLength(large)).toBeGreaterThanOrEqual(4096)
    await store.set('api-token', large)
    expect(await store.get('api-token')).toBe(large)
    // A fresh entry object reads what the keychain holds, not a cached copy.
    expect(await testKeychain('api-token').getPassword()).toBe(large)
    await store.delete('api-token')
    expect(await store.get('api-token')).toBeNull()
  })

  it('deleting a secret that is not there is not an error', async () => {
    await expect(new KeyringSecretStore(testKeychain).delete('api-token')).resolves.toBeUndefined()
  })
})
