// The connection form's fields, and the draft main gets from them. Pure, so the rules are tested
// without a browser.
import type { MessageKey } from '@shared/i18n/messages'
import type { SettingsState } from '@shared/ipc/settings-state'
import type { ConnectionSettings, TypedConnection } from '@shared/settings'
import { type ConnectionDraft, connectionDraftSchema } from '@shared/setup'
import { storedSecretFits } from '@shared/stored-secret'

export interface ConnectionFields {
  kind: 'sse' | 'pg'
  serverUrl: string
  authKind: 'cookie' | 'bearer'
  cookieName: string
  connectionString: string
  userId: string
  /** Cookie, token or database password; empty keeps the stored one where that applies. */
  secret: string
}

export type FieldName = 'serverUrl' | 'cookieName' | 'connectionString' | 'userId' | 'secret'
export type FieldErrors = Partial<Record<FieldName, MessageKey>>

const FIELD_ERRORS: Record<FieldName, MessageKey> = {
  serverUrl: 'setup.error.serverUrl',
  cookieName: 'setup.error.cookieName',
  connectionString: 'setup.error.connectionString',
  userId: 'setup.error.userId',
  secret: 'setup.error.secret',
}

/** Prefilled from the saved connection; the secret never comes back from main, so it starts empty. */
export function fieldsOf(connection: ConnectionSettings | null): ConnectionFields {
  const fields: ConnectionFields = {
    kind: 'sse',
    serverUrl: '',
    authKind: 'bearer',
    cookieName: '',
    connectionString: '',
    userId: '',
    secret: '',
  }
  if (connection?.kind === 'sse')
    return {
      ...fields,
      serverUrl: connection.serverUrl,
      authKind: connection.authKind,
      cookieName: connection.cookieName ?? '',
    }
  if (connection?.kind === 'pg')
    return {
      ...fields,
      kind: 'pg',
      connectionString: connection.connectionString,
      userId: connection.userId,
    }
  return fields
}

/**
 * What an empty secret field means: `kept` when main would use the stored secret (the same login
 * at the same place), `moved` when there is one for this kind of login but it was given for another
 * address, so it must be entered again, and `none` otherwise.
 */
export type StoredSecret = 'kept' | 'moved' | 'none'

export function storedSecretOf(fields: ConnectionFields, state: SettingsState): StoredSecret {
  const saved = state.settings.connection
  if (!state.secretStored || !saved || saved.kind !== fields.kind) return 'none'
  if (saved.kind === 'sse' && saved.authKind !== fields.authKind) return 'none'
  return storedSecretFits(saved, connectionOf(fields, saved)) ? 'kept' : 'moved'
}

function connectionOf(fields: ConnectionFields, saved: ConnectionSettings | null): TypedConnection {
  if (fields.kind === 'pg')
    return {
      kind: 'pg',
      connectionString: fields.connectionString.trim(),
      userId: fields.userId.trim(),
    }
  return {
    kind: 'sse',
    serverUrl: fields.serverUrl.trim(),
    authKind: fields.authKind,
    ...(fields.authKind === 'cookie' && fields.cookieName.trim() && { cookieName: fields.cookieName.trim() }),
    // Paths set by hand in settings.json are not in the form; a re-save keeps them.
    ...(saved?.kind === 'sse' && saved.streamPath && { streamPath: saved.streamPath }),
    ...(saved?.kind === 'sse' && saved.answerPath && { answerPath: saved.answerPath }),
  }
}

export type DraftResult = { ok: true; draft: ConnectionDraft } | { ok: false; errors: FieldErrors }

/**
 * The draft as the IPC contract checks it (the same zod schema main validates with), or an error
 * per field. A password inside the connection string is allowed here: main moves it to the keychain.
 */
export function draftOf(fields: ConnectionFields, state: SettingsState): DraftResult {
  const connection = connectionOf(fields, state.settings.connection)
  const errors: FieldErrors = {}
  const parsed = connectionDraftSchema.safeParse({ connection, secret: fields.secret })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = (issue.path[0] === 'connection' ? issue.path[1] : issue.path[0]) as FieldName
      if (name in FIELD_ERRORS) errors[name] ??= FIELD_ERRORS[name]
    }
  }
  // A server login cannot work without its cookie or token; a database may trust this machine.
  if (fields.kind === 'sse' && fields.secret === '' && storedSecretOf(fields, state) !== 'kept')
    errors.secret = fields.authKind === 'cookie' ? 'setup.error.cookieMissing' : 'setup.error.tokenMissing'
  // An issue on a field the form does not show must not pass silently: pin it on the main field.
  const mainField = fields.kind === 'sse' ? 'serverUrl' : 'connectionString'
  if (!parsed.success && Object.keys(errors).length === 0) errors[mainField] = FIELD_ERRORS[mainField]
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, draft: parsed.data }
}
