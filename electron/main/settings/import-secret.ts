// Until the setup view exists, a user writes settings.json by hand. The connection's secret may be
// put there once as "secret": on start it moves into the keychain and the file is rewritten without it.
import { readFileSync } from 'node:fs'
import { connectionSchema } from '@shared/settings'
import type { SecretStore } from '../credentials/secret-store'
import type { Logger } from '../log/logger'
import { DATABASE_PASSWORD, sseSecretName } from './connection-secrets'
import { loadSettingsFile, saveSettingsFile } from './settings-file'

export const SECRET_KEY = 'secret'

/** Never throws: what cannot be imported is logged, and the file is left as it is. */
export async function importSecretFromSettings(
  path: string,
  secrets: SecretStore,
  log: Logger,
): Promise<void> {
  let raw: Record<string, unknown>
  try {
    const json: unknown = JSON.parse(readFileSync(path, 'utf8'))
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return
    raw = json as Record<string, unknown>
  } catch {
    return // missing or broken: loadSettingsFile reports it
  }
  const secret = raw[SECRET_KEY]
  if (secret === undefined) return
  const connection = connectionSchema.safeParse(raw.connection)
  if (typeof secret !== 'string' || secret === '' || !connection.success) {
    log.warn(`settings: "${SECRET_KEY}" needs a valid "connection" beside it and must be a non-empty string`)
    return
  }
  const name = connection.data.kind === 'sse' ? sseSecretName(connection.data.authKind) : DATABASE_PASSWORD
  try {
    await secrets.set(name, secret)
  } catch (error) {
    log.warn('settings: the secret could not be stored in the keychain', { error: (error as Error).message })
    return
  }
  if (!secrets.persistent) {
    // Rewriting the file would lose the secret for good; it stays, and the user is told why.
    log.warn(
      `settings: no keychain, so "${SECRET_KEY}" stays in settings.json in clear; remove it to be asked instead`,
    )
    return
  }
  const { settings } = loadSettingsFile(path, { ...log, warn: () => {} })
  saveSettingsFile(path, settings)
  log.info(`settings: moved "${SECRET_KEY}" into the keychain and removed it from settings.json`)
}
