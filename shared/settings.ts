// What the user can choose, with one schema per key: main validates settings.json with it and the
// settings view edits it. Never a secret: those live in the OS keychain.
import { z } from 'zod'
import { checkServerUrl, isServerPath } from './server-url'

const serverUrl = z.string().superRefine((raw, context) => {
  try {
    checkServerUrl(raw)
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message })
  }
})

const postgresUrl = z.string().superRefine((raw, context) => {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    context.addIssue({ code: 'custom', message: 'expected postgres://user@host/db' })
    return
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    context.addIssue({ code: 'custom', message: 'expected postgres://user@host/db' })
})

const passwordless = postgresUrl.superRefine((raw, context) => {
  if (!URL.canParse(raw)) return
  const url = new URL(raw)
  if (url.password !== '' || url.searchParams.has('password'))
    context.addIssue({
      code: 'custom',
      message: 'the password belongs in the keychain, not in settings.json',
    })
})

const apiPath = z.string().refine(isServerPath, 'a path on the server, starting with a single /')
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')

const sseConnectionSchema = z
  .object({
    kind: z.literal('sse'),
    serverUrl,
    authKind: z.enum(['cookie', 'bearer']),
    cookieName: z
      .string()
      .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a cookie name')
      .optional(),
    streamPath: apiPath.optional(),
    answerPath: apiPath.includes('{id}').optional(),
    /** When the cookies kept by "Sign in with Scrum4Me" expire (ISO), if they said; never the cookie. */
    sessionExpiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()

const pgConnectionFields = {
  kind: z.literal('pg'),
  userId: z.string().min(1),
}

/**
 * Older files may hold `allowInsecure` (plaintext to a remote database), which never worked: the
 * feed refuses such a connection whatever the setting. Dropped, so the rest of the connection loads.
 */
function withoutRetiredKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !('allowInsecure' in value)) return value
  const { allowInsecure: _retired, ...rest } = value as Record<string, unknown>
  return rest
}

/** A connection as settings.json keeps it: never with a password. */
export const connectionSchema = z.preprocess(
  withoutRetiredKeys,
  z.discriminatedUnion('kind', [
    sseConnectionSchema,
    z.object({ ...pgConnectionFields, connectionString: passwordless }).strict(),
  ]),
)
export type ConnectionSettings = z.infer<typeof connectionSchema>

/** A connection as the user typed it: the connection string may carry the password, which main moves to the keychain. */
export const typedConnectionSchema = z.discriminatedUnion('kind', [
  sseConnectionSchema,
  z.object({ ...pgConnectionFields, connectionString: postgresUrl }).strict(),
])
export type TypedConnection = z.infer<typeof typedConnectionSchema>

// One schema per key, so that a broken key falls back alone.
export const keySchemas = {
  connection: connectionSchema.nullable(),
  openAtLogin: z.boolean(),
  /** Electron accelerator syntax; see lifecycle/open-shortcut.ts for the fallbacks. */
  shortcut: z.string().min(1),
  sound: z.boolean(),
  quietHours: z
    .object({
      enabled: z.boolean(),
      /** 0 = Sunday, as `Date.getDay()`. */
      days: z.array(z.number().int().min(0).max(6)),
      start: clock,
      end: clock,
    })
    .strict(),
  mutedProducts: z.array(z.string().min(1)),
  showQuestionText: z.boolean(),
  language: z.enum(['system', 'en', 'nl']),
  theme: z.enum(['system', 'light', 'dark']),
  retentionDays: z.number().int().min(1).max(3650),
  /** Minutes after a question was first shown that it gets its one reminder; 'off' for none. */
  reminderMinutes: z.union([z.literal('off'), z.literal(5), z.literal(15), z.literal(30), z.literal(60)]),
  /** Question notifications stay on screen until the user acts (where the OS lets them). */
  keepNotifications: z.boolean(),
}
type KeySchemas = typeof keySchemas
export type Settings = { [K in keyof KeySchemas]: z.infer<KeySchemas[K]> }
export const settingsSchema = z.object(keySchemas).strict()

export const SETTING_DEFAULTS: Settings = {
  connection: null,
  openAtLogin: true,
  shortcut: 'CommandOrControl+Shift+Space',
  sound: true,
  quietHours: { enabled: false, days: [1, 2, 3, 4, 5], start: '22:00', end: '07:00' },
  mutedProducts: [],
  showQuestionText: true,
  language: 'system',
  theme: 'system',
  retentionDays: 30,
  reminderMinutes: 15,
  keepNotifications: false,
}
