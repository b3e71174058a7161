// The app's settings file, read once at start. For now the user writes `<userData>/settings.json`
// by hand; a settings window and keychain storage (safeStorage) replace this in a later issue.
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import type { FeedConfig } from '../feed/feed-config'
import { checkServerUrl } from '../feed/sse/sse-auth'

export const SETTINGS_FILE = 'settings.json'

const serverUrl = z.string().superRefine((raw, context) => {
  try {
    checkServerUrl(raw)
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message })
  }
})

const feedSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('sse'),
      serverUrl,
      auth: z.object({ kind: z.literal('bearer'), token: z.string().min(1) }).strict(),
      streamPath: z.string().startsWith('/').optional(),
    })
    .strict(),
  z
    .object({ kind: z.literal('pg'), connectionString: z.string().min(1), userId: z.string().min(1) })
    .strict(),
]) satisfies z.ZodType<FeedConfig>

/** What applies when a key is left out, and also while the file is missing or broken. */
export const SETTING_DEFAULTS = {
  openAtLogin: true,
  /** Electron accelerator syntax; see lifecycle/open-shortcut.ts for the fallbacks. */
  shortcut: 'CommandOrControl+Shift+Space',
} as const

const settingsSchema = z
  .object({
    feed: feedSchema,
    openAtLogin: z.boolean().default(SETTING_DEFAULTS.openAtLogin),
    shortcut: z.string().min(1).default(SETTING_DEFAULTS.shortcut),
  })
  .strict()

export interface AppSettings {
  feed: FeedConfig
  openAtLogin: boolean
  shortcut: string
}

export type SettingsResult = { ok: true; settings: AppSettings } | { ok: false; problem: string }

/** Never throws: a missing or broken file is a state the app shows, not a crash. */
export function readSettings(path: string): SettingsResult {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    return { ok: false, problem: missing ? `${path} does not exist` : `${path} cannot be read` }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, problem: `${path} is not valid JSON` }
  }
  const parsed = settingsSchema.safeParse(json)
  // Issue messages name fields, never their values, so a token cannot reach the log.
  if (!parsed.success) return { ok: false, problem: `${path}: ${z.prettifyError(parsed.error)}` }
  return { ok: true, settings: parsed.data }
}

/** The web app's origin: the only place "Open in Scrum4Me" may go. Unknown in pg mode. */
export function webAppOrigin(feed: FeedConfig | null): string | null {
  return feed?.kind === 'sse' ? new URL(feed.serverUrl).origin : null
}
