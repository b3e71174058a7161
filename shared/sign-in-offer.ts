// When the app offers "Sign in again": after the server signed the user out (a 401/403 ends the
// feed with failure 'auth'), and from a day before the session's known expiry. Pure, so the panel,
// the settings, the tray and the reminder all decide alike and the time rules are tested with fake time.
import type { FeedState } from './feed-state'
import type { ConnectionSettings } from './settings'

/** How long before the session ends the app starts offering to sign in again. */
export const SIGN_IN_AHEAD_MS = 24 * 60 * 60 * 1000

/** What the app knows of the saved sign-in (shared/ipc/panel-state.ts carries it to the views). */
export interface SessionView {
  /** The saved connection is a Scrum4Me server: "Sign in again" opens its sign-in window. */
  canSignIn: boolean
  /** When the stored session ends (ISO), if the server said so. */
  expiresAt: string | null
}

export type SignInOffer = { reason: 'signed-out' } | { reason: 'ending'; expiresAt: string } | null

/** From when on (ms since epoch) the app offers to sign in again before `expiresAt`; null if unknown. */
export function offerFrom(expiresAt: string | null): number | null {
  if (expiresAt === null) return null
  const end = Date.parse(expiresAt)
  return Number.isNaN(end) ? null : end - SIGN_IN_AHEAD_MS
}

export function signInOffer(feed: FeedState, session: SessionView, now: number): SignInOffer {
  if (!session.canSignIn) return null
  if (feed.state === 'failed' && feed.failure === 'auth') return { reason: 'signed-out' }
  const from = offerFrom(session.expiresAt)
  if (session.expiresAt !== null && from !== null && now >= from)
    return { reason: 'ending', expiresAt: session.expiresAt }
  return null
}

/** The saved connection's side of it: only a Scrum4Me server has a sign-in page. */
export function sessionViewOf(connection: ConnectionSettings | null): SessionView {
  if (connection?.kind !== 'sse') return { canSignIn: false, expiresAt: null }
  return { canSignIn: true, expiresAt: connection.sessionExpiresAt ?? null }
}
