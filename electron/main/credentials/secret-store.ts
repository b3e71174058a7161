// Where secrets live: the OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret
// Service), or, when there is none, this process's memory only. Never a file, never the settings.
import { randomUUID } from 'node:crypto'
import { AsyncEntry } from '@napi-rs/keyring'
import type { Logger } from '../log/logger'

const KEYCHAIN_SERVICE = 'Scrum4Me Notifier'

/** The keychain account of each secret; the settings file names which one applies. */
export type SecretName = 'session-cookie' | 'api-token' | 'database-password'

export interface SecretStore {
  get(name: SecretName): Promise<string | null>
  set(name: SecretName, value: string): Promise<void>
  delete(name: SecretName): Promise<void>
  /** False when secrets are forgotten at exit, so the UI can say they must be entered again. */
  readonly persistent: boolean
}

/** One keychain item; the shape of @napi-rs/keyring's AsyncEntry, so tests can stand in for it. */
export interface KeychainEntry {
  getPassword(): Promise<string | null>
  setPassword(value: string): Promise<void>
  deletePassword(): Promise<boolean>
}

export type KeychainEntryFactory = (account: string) => KeychainEntry

// The async entry keeps D-Bus and Keychain round trips off the main process's event loop.
const osKeychain: KeychainEntryFactory = (account) => new AsyncEntry(KEYCHAIN_SERVICE, account)

export class KeyringSecretStore implements SecretStore {
  readonly persistent = true

  constructor(private readonly entry: KeychainEntryFactory = osKeychain) {}

  get(name: SecretName): Promise<string | null> {
    return this.entry(name).getPassword()
  }

  set(name: SecretName, value: string): Promise<void> {
    return this.entry(name).setPassword(value)
  }

  async delete(name: SecretName): Promise<void> {
    await this.entry(name).deletePassword()
  }
}

/** Memory only: what the user typed lasts until the app quits, and is never written anywhere. */
export class SessionSecretStore implements SecretStore {
  readonly persistent = false
  private readonly secrets = new Map<SecretName, string>()

  async get(name: SecretName): Promise<string | null> {
    return this.secrets.get(name) ?? null
  }

  async set(name: SecretName, value: string): Promise<void> {
    this.secrets.set(name, value)
  }

  async delete(name: SecretName): Promise<void> {
    this.secrets.delete(name)
  }
}

const PROBE_ACCOUNT = 'keychain-probe'

/**
 * The keychain if a full write/read/delete works, else memory. Probing beats asking the platform:
 * a Linux desktop may have libsecret but no running (or a locked) Secret Service.
 */
export async function openSecretStore(
  log: Logger,
  entry: KeychainEntryFactory = osKeychain,
): Promise<SecretStore> {
  try {
    const probe = entry(PROBE_ACCOUNT)
    const marker = randomUUID()
    await probe.setPassword(marker)
    const readBack = await probe.getPassword()
    await probe.deletePassword()
    if (readBack !== marker) throw new Error('it returned something else than was stored')
    return new KeyringSecretStore(entry)
  } catch (error) {
    log.warn(
      'secrets: no usable OS keychain; secrets are kept in memory only and must be entered again next launch',
      { error: error instanceof Error ? error.message : String(error) },
    )
    return new SessionSecretStore()
  }
}
