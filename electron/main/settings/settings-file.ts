// settings.json: what the user chose, never a secret (those live in the keychain). A broken key
// costs that key only; a save is atomic, so a crash leaves the old file or the new one.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { keySchemas, SETTING_DEFAULTS, type Settings, settingsSchema } from '@shared/settings'
import { z } from 'zod'
import type { Logger } from '../log/logger'

export const SETTINGS_FILE = 'settings.json'

/** Keys older versions wrote, with why they are gone: such a file still loads, and the next save drops them. */
const RETIRED_KEYS: Record<string, string> = {
  updateUrl: 'the update feed is fixed when the app is built',
}

export interface LoadedSettings {
  settings: Settings
  /** False when there was no file: a first start, not a problem. */
  found: boolean
}

/** Never throws: each missing or broken key takes its default, with one warning per broken key. */
export function loadSettingsFile(
  path: string,
  log: Logger,
  now: () => Date = () => new Date(),
): LoadedSettings {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      log.warn(`settings: ${path} cannot be read; using the defaults`, { error: (error as Error).message })
    return { settings: structuredClone(SETTING_DEFAULTS), found: false }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    const kept = `${path}.broken-${now().toISOString().replace(/[:.]/g, '-')}`
    try {
      renameSync(path, kept)
      log.warn(`settings: ${path} is not a JSON object; using the defaults, the old file is kept as ${kept}`)
    } catch {
      log.warn(`settings: ${path} is not a JSON object; using the defaults`)
    }
    return { settings: structuredClone(SETTING_DEFAULTS), found: true }
  }
  const raw = json as Record<string, unknown>
  const settings = structuredClone(SETTING_DEFAULTS) as Record<string, unknown>
  for (const [key, schema] of Object.entries(keySchemas)) {
    if (!(key in raw)) continue
    const parsed = schema.safeParse(raw[key])
    if (parsed.success) settings[key] = parsed.data
    // Issue messages name fields, never their values, so a secret typed in the wrong place stays out of the log.
    else log.warn(`settings: "${key}" is invalid; using its default (${z.prettifyError(parsed.error)})`)
  }
  for (const key of Object.keys(raw)) {
    if (key in keySchemas) continue
    if (key in RETIRED_KEYS)
      log.info(`settings: "${key}" is no longer a setting (${RETIRED_KEYS[key]}); ignored`)
    else log.warn(`settings: unknown key "${key}" is ignored`)
  }
  return { settings: settings as Settings, found: true }
}

/** Temp file in the same directory, fsync, rename: readers and crashes see the old file or the new one. */
export function saveSettingsFile(path: string, settings: Settings): void {
  const text = `${JSON.stringify(settingsSchema.parse(settings), null, 2)}\n`
  const dir = dirname(path)
  // One fixed name: a save killed halfway leaves a leftover that the next save overwrites.
  const temp = join(dir, `.${basename(path)}.tmp`)
  try {
    const fd = openSync(temp, 'w', 0o600)
    try {
      writeSync(fd, text)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, path)
  } catch (error) {
    rmSync(temp, { force: true })
    throw error
  }
  syncDirectory(dir)
}

// Makes the rename itself durable on Linux; Windows cannot open a directory, and NTFS journals renames.
function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
