// The app's own notices about the sign-in: "Signed out of Scrum4Me — sign in again" once per
// sign-out, and "Your Scrum4Me sign-in ends tomorrow" once per expiry. A click opens the sign-in.
//
// Unlike question toasts these are not held back by a pause, quiet hours or the mutes: missing them
// means missing every question after. A pause or quiet hours (and the sound setting) still make
// them silent. A sign-out is one notice: retries and "Reconnect now" that fail alike add none; a
// new core (a restart, a changed connection) or a 401 after the feed was connected again is a new one.
import type { FeedState } from '@shared/feed-state'
import type { Locale, MessageKey } from '@shared/i18n/messages'
import { translator } from '@shared/i18n/translate'
import type { Settings } from '@shared/settings'
import { offerFrom, type SessionView, SIGN_IN_AHEAD_MS } from '@shared/sign-in-offer'
import { type Clock, systemClock } from '../common/clock'
import type { NotifierCore } from '../core/notifier-core'
import type { Logger } from '../log/logger'
import { inQuietHours } from './quiet-hours'
import type { NotificationPort } from './toast-presenter'

/** setTimeout takes at most this (about 24.8 days); a later reminder waits in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1

export type WatchedCore = Pick<NotifierCore, 'feedState' | 'onState'> & {
  store: Pick<NotifierCore['store'], 'signInEndNoticed' | 'recordSignInEndNoticed'>
}

export interface SessionNoticePorts {
  createNotification: (options: Electron.NotificationConstructorOptions) => NotificationPort
  locale: () => Locale
  isPaused: () => boolean
  settings: () => Pick<Settings, 'sound' | 'quietHours'>
  /** A click: the sign-in window again, for the saved server. */
  signInAgain: () => void
  log: Logger
  icon?: string
  clock?: Clock
}

/** Watches this core's feed and the saved sign-in's end until the returned stop. */
export function watchSession(core: WatchedCore, session: SessionView, ports: SessionNoticePorts): () => void {
  if (!session.canSignIn) return () => {}
  const clock = ports.clock ?? systemClock
  // Kept until dismissed: Electron drops a notification's click handler once it is collected.
  const live = new Set<NotificationPort>()
  const show = (title: MessageKey, body: MessageKey) => {
    const t = translator(ports.locale())
    const { sound, quietHours } = ports.settings()
    const silent = !sound || ports.isPaused() || inQuietHours(quietHours, new Date(clock.now()))
    const notification = ports.createNotification({
      title: t(title),
      body: t(body),
      ...(ports.icon && { icon: ports.icon }),
      ...(silent && { silent: true }),
    })
    live.add(notification)
    notification.on('click', () => {
      live.delete(notification)
      ports.signInAgain()
    })
    notification.on('close', () => live.delete(notification))
    notification.on('failed', (_event, error) => {
      live.delete(notification)
      ports.log.warn('the system refused the sign-in notice', { error })
    })
    notification.show()
  }

  let noticed = false
  const follow = (state: FeedState) => {
    if (state.state === 'connected') noticed = false
    if (noticed || state.state !== 'failed' || state.failure !== 'auth') return
    noticed = true
    show('toast.signedOut.title', 'toast.signedOut.body')
  }
  const stopFollowing = core.onState(follow)
  follow(core.feedState)
  const stopReminder = remindBeforeEnd(core, session.expiresAt, clock, () =>
    show('toast.signInEnding.title', 'toast.signInEnding.body'),
  )
  return () => {
    stopFollowing()
    stopReminder()
  }
}

/** Once per expiry value, kept in the cache so a restart does not repeat it; none after the end. */
function remindBeforeEnd(
  core: WatchedCore,
  expiresAt: string | null,
  clock: Clock,
  remind: () => void,
): () => void {
  const from = offerFrom(expiresAt)
  if (expiresAt === null || from === null) return () => {}
  let timer: unknown = null
  const check = () => {
    timer = null
    const now = clock.now()
    if (core.store.signInEndNoticed() === expiresAt || now >= from + SIGN_IN_AHEAD_MS) return
    if (now < from) {
      timer = clock.setTimeout(check, Math.min(from - now, MAX_TIMER_MS))
      return
    }
    core.store.recordSignInEndNoticed(expiresAt)
    remind()
  }
  check()
  return () => {
    if (timer !== null) clock.clearTimeout(timer)
  }
}
