// First-run setup and the connection section of settings: what the user tests and saves.
import { z } from 'zod'
import { typedConnectionSchema } from './settings'

/** Why a connection test failed, in classes the setup view explains in plain words. */
export const CONNECTION_FAILURES = [
  /** The settings themselves are unusable (a bad URL, a missing user id). */
  'invalid',
  /** The host name does not resolve. */
  'dns',
  /** Nothing answers at that address (refused, unreachable, reset). */
  'unreachable',
  /** No answer within the test's time limit. */
  'timeout',
  /** The TLS handshake failed: self-signed or wrong-name certificate, or no TLS where it is required. */
  'tls',
  /** The server refused the session cookie or token (401/403). */
  'unauthorized',
  /** The server has no realtime route there (404, or not an event stream). */
  'not-found',
  /** The server has realtime turned off (204). */
  'disabled',
  /** The server answered with an error of its own (5xx, `event: error`). */
  'server-error',
  /** Signed in, but the user may see no product, so no question would ever arrive. */
  'no-products',
  /** The database has no user with that id. */
  'unknown-user',
  /** The database refused the login (wrong user or password, not allowed from this host). */
  'db-auth',
  /** The database is there but does not let this connection LISTEN (a replica, a pooler). */
  'listen-denied',
] as const
export type ConnectionFailure = (typeof CONNECTION_FAILURES)[number]

export type ConnectionTestResult =
  | {
      ok: true
      /** Open questions the user can see right now. */
      openQuestions: number
    }
  | {
      ok: false
      failure: ConnectionFailure
      /** The underlying error in one line, for the "details" fold and the log; never a secret. */
      detail: string
    }

export type FailedConnectionTest = Extract<ConnectionTestResult, { ok: false }>

/** A connection the user typed but has not saved. */
export const connectionDraftSchema = z
  .object({
    connection: typedConnectionSchema,
    /** The cookie, token or database password; empty keeps the one already in the keychain. */
    secret: z.string().max(8192),
  })
  .strict()
export type ConnectionDraft = z.infer<typeof connectionDraftSchema>
