// The one owner of the user's choices at runtime: settings.json, the connection's secret in the
// keychain, and what changing them means (test before save, sign out). The settings window, the
// setup view and the app's wiring all go through it.

import type { Locale } from '@shared/i18n/messages'
import type { ConnectionSaveResult, SettingsPatch } from '@shared/ipc/contract'
import type { SettingsState, ShortcutStatus } from '@shared/ipc/settings-state'
import { type ConnectionSettings, type Settings, settingsSchema } from '@shared/settings'
import type { ConnectionDraft, ConnectionTestResult } from '@shared/setup'
import { storedSecretFits } from '@shared/stored-secret'
import { Listeners } from '../common/listeners'
import type { SecretName, SecretStore } from '../credentials/secret-store'
import type { Logger } from '../log/logger'
import { DATABASE_PASSWORD, splitConnectionString, sseSecretName } from './connection-secrets'
import { secretNameOf } from './feed-config-of'
import { loadSettingsFile, saveSettingsFile } from './settings-file'

const ALL_SECRETS: SecretName[] = [sseSecretName('cookie'), sseSecretName('bearer'), DATABASE_PASSWORD]

export type ConnectionTester = (draft: {
  connection: ConnectionSettings
  secret: string | null
}) => Promise<ConnectionTestResult>

/** What the app does when the connection changes: close the old feed, maybe drop the cache, open the new one. */
export type ConnectionChange = {
  connection: ConnectionSettings | null
  /** The cache belongs to another account (or to nobody, after a sign-out). */
  clearCache: boolean
}

export interface SettingsControllerOptions {
  settingsPath: string
  secrets: SecretStore
  testConnection: ConnectionTester
  /** Resolves once the app runs on the new connection (or has stopped, for null). */
  applyConnection: (change: ConnectionChange) => Promise<void>
  /** The open-panel shortcut as registered now, which may be a fallback of the chosen one. */
  shortcutStatus: () => ShortcutStatus
  systemLocale: Locale
  appVersion: string
  log: Logger
  /** Forgets the sign-in window's cookies and storage (electron/main/sign-in/), so sign-out is complete. */
  clearSignInSession?: () => Promise<void>
}

export class SettingsController {
  private current: Settings
  private readonly listeners = new Listeners<{ settings: Settings; previous: Settings }>()
  // Saves, preference updates and sign-outs run one at a time, in order.
  private queue: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: SettingsControllerOptions) {
    this.current = loadSettingsFile(options.settingsPath, options.log).settings
  }

  get settings(): Settings {
    return this.current
  }

  get locale(): Locale {
    const { language } = this.current
    return language === 'system' ? this.options.systemLocale : language
  }

  /** Fired after every saved change, with the settings before it. */
  onChange(listener: (change: { settings: Settings; previous: Settings }) => void): () => void {
    return this.listeners.add(listener)
  }

  async state(): Promise<SettingsState> {
    const { connection } = this.current
    let secretStored = false
    if (connection) {
      try {
        secretStored = (await this.options.secrets.get(secretNameOf(connection))) !== null
      } catch (error) {
        this.options.log.warn('settings: the keychain could not be read', { error: (error as Error).message })
      }
    }
    return {
      settings: this.current,
      secretStored,
      keychain: this.options.secrets.persistent ? 'os' : 'memory',
      shortcut: this.options.shortcutStatus(),
      locale: this.locale,
      appVersion: this.options.appVersion,
    }
  }

  /** Every preference but the connection. Invalid values never reach the file. */
  update(patch: SettingsPatch): Promise<SettingsState> {
    return this.serially(async () => {
      this.commit(settingsSchema.parse({ ...this.current, ...patch }))
      return this.state()
    })
  }

  /** Connects for real with what the user typed; the stored secret stands in for an empty field where it fits. */
  async test(draft: ConnectionDraft): Promise<ConnectionTestResult> {
    // Not queued: a test changes nothing, and a slow one must not hold up other settings.
    return this.options.testConnection(await this.resolve(draft))
  }

  /** Saves only when the test passes, unless the user insists after seeing it fail. */
  save(draft: ConnectionDraft, insist: boolean): Promise<ConnectionSaveResult> {
    return this.serially(async () => {
      const candidate = await this.resolve(draft)
      if (!insist) {
        const test = await this.options.testConnection(candidate)
        if (!test.ok) return { saved: false as const, test }
      }
      const { connection, secret } = candidate
      const keep = secretNameOf(connection)
      // One account at a time: any other secret, or the stored one when it did not fit, must go.
      for (const name of ALL_SECRETS) {
        if (name === keep && secret !== null) await this.options.secrets.set(name, secret)
        else await this.options.secrets.delete(name)
      }
      const clearCache = !sameAccount(this.current.connection, connection)
      this.commit({ ...this.current, connection })
      await this.options.applyConnection({ connection, clearCache })
      this.options.log.info('settings: connection saved', { kind: connection.kind, tested: !insist })
      return { saved: true as const, settings: await this.state() }
    })
  }

  /** Forgets the secret and the connection; the app stops its feed and drops the cache. */
  signOut(): Promise<SettingsState> {
    return this.serially(async () => {
      for (const name of ALL_SECRETS) await this.options.secrets.delete(name)
      await this.clearSignInSession()
      this.commit({ ...this.current, connection: null })
      await this.options.applyConnection({ connection: null, clearCache: true })
      this.options.log.info('settings: signed out; secret and cache removed')
      return this.state()
    })
  }

  private async clearSignInSession(): Promise<void> {
    try {
      await this.options.clearSignInSession?.()
    } catch (error) {
      // The keychain is clear already; the partition lives in memory and is gone at quit anyway.
      this.options.log.warn("settings: the sign-in window's cookies could not be cleared", {
        error: (error as Error).message,
      })
    }
  }

  /**
   * The draft as the app would store it: a password typed into the connection string moves to the
   * secret, and an empty secret means the one in the keychain, if it was given for the same place.
   */
  private async resolve(
    draft: ConnectionDraft,
  ): Promise<{ connection: ConnectionSettings; secret: string | null }> {
    let connection: ConnectionSettings
    // A pasted secret often brings a newline or a space along.
    const trimmed = draft.secret.trim()
    let typed = trimmed === '' ? null : trimmed
    if (draft.connection.kind === 'pg') {
      const { connectionString, password } = splitConnectionString(draft.connection.connectionString)
      connection = { ...draft.connection, connectionString }
      typed ??= password
    } else {
      connection = draft.connection
    }
    const secret = typed ?? (await this.storedSecretFor(connection))
    return { connection, secret }
  }

  private async storedSecretFor(connection: ConnectionSettings): Promise<string | null> {
    const stored = this.current.connection
    if (!stored || !storedSecretFits(stored, connection)) return null
    return this.options.secrets.get(secretNameOf(connection))
  }

  private commit(next: Settings): void {
    saveSettingsFile(this.options.settingsPath, next)
    const previous = this.current
    this.current = next
    this.listeners.emit({ settings: next, previous })
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.catch(() => {})
    return run
  }
}

/** Same server or database and the same user: the cached questions and queued answers still apply. */
function sameAccount(a: ConnectionSettings | null, b: ConnectionSettings): boolean {
  if (!a || a.kind !== b.kind) return false
  if (a.kind === 'sse' && b.kind === 'sse') return new URL(a.serverUrl).origin === new URL(b.serverUrl).origin
  if (a.kind === 'pg' && b.kind === 'pg')
    return a.connectionString === b.connectionString && a.userId === b.userId
  return false
}
