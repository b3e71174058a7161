// Automatic updates through electron-updater's generic provider. The feed URL is the `updateUrl`
// setting, so it is applied at runtime; null turns updates off. Being offline is normal for a laptop:
// a failed check is logged and retried on the next round, never thrown.
import { type Clock, systemClock } from '../feed/clock'
import type { Logger } from '../log/logger'

export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000

interface UpdateInfo {
  version: string
}

/** The updater events we log. */
type InfoEvent = 'update-available' | 'update-not-available' | 'update-downloaded'

interface UpdaterLogger {
  info(message?: unknown): void
  warn(message?: unknown): void
  error(message?: unknown): void
  debug?(message: string): void
}

/**
 * The part of electron-updater's `autoUpdater` (an AppUpdater) we use. A port rather than
 * `Pick<AppUpdater, …>`: its generic `on` returns the polymorphic `this`, which no stand-in satisfies.
 */
export interface UpdaterPort {
  setFeedURL(options: { provider: 'generic'; url: string }): void
  /**
   * Not `checkForUpdatesAndNotify`: in electron-updater 6.8 it drops the download's promise, so a
   * download that fails (offline halfway) becomes an unhandled rejection. We handle it ourselves.
   */
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>
  on(event: 'error', listener: (error: Error) => void): unknown
  on(event: InfoEvent, listener: (info: UpdateInfo) => void): unknown
  off(event: 'error', listener: (error: Error) => void): unknown
  off(event: InfoEvent, listener: (info: UpdateInfo) => void): unknown
  logger: UpdaterLogger | null
}

export interface AutoUpdateOptions {
  updater: UpdaterPort
  /** The `updateUrl` setting at start. */
  updateUrl: string | null
  log: Logger
  /** A downloaded update installs when the app quits; this lets the shell say so. */
  onUpdateReady?: (version: string) => void
  clock?: Clock
  intervalMs?: number
}

export interface AutoUpdate {
  /** A changed `updateUrl`: replaces the feed and the schedule (checking at once), or stops for null. */
  apply(updateUrl: string | null): void
  stop(): void
}

export function startAutoUpdate({
  updater,
  updateUrl,
  log,
  onUpdateReady,
  clock = systemClock,
  intervalMs = UPDATE_CHECK_INTERVAL_MS,
}: AutoUpdateOptions): AutoUpdate {
  const every = `${Math.round(intervalMs / 3_600_000)} h`
  let timer: unknown = null
  // undefined until the first apply, so a null setting at start is logged once.
  let current: string | null | undefined
  let stopped = false

  const onError = (error: Error) => log.warn(`update: check failed (${error.message}); next try in ${every}`)
  const onInfo: Record<InfoEvent, (info: UpdateInfo) => void> = {
    'update-available': ({ version }) => log.info(`update: version ${version} available; downloading`),
    'update-not-available': ({ version }) => log.info(`update: up to date (latest is ${version})`),
    'update-downloaded': ({ version }) => {
      log.info(`update: version ${version} downloaded; installs when the app quits`)
      onUpdateReady?.(version)
    },
  }
  const infoEvents = Object.keys(onInfo) as InfoEvent[]
  updater.on('error', onError)
  for (const event of infoEvents) updater.on(event, onInfo[event])
  // Its own lines (requests, skipped checks when not packaged) are detail; the events above tell the story.
  const detail = (message?: unknown) => log.debug(`update: ${String(message)}`)
  updater.logger = { info: detail, warn: detail, error: detail, debug: detail }

  const check = () => {
    let pending: ReturnType<UpdaterPort['checkForUpdates']>
    try {
      pending = updater.checkForUpdates()
    } catch (error) {
      log.warn(`update: check failed (${String(error)}); next try in ${every}`)
      return
    }
    // Both rejections were already reported through the 'error' event.
    pending.then(
      (result) => result?.downloadPromise?.catch(() => {}),
      () => {},
    )
  }

  const unschedule = () => {
    if (timer !== null) clock.clearInterval(timer)
    timer = null
  }

  const apply = (next: string | null) => {
    if (stopped || next === current) return
    unschedule()
    current = next
    if (next === null) {
      log.info('update: no update URL set; automatic updates off')
      return
    }
    try {
      updater.setFeedURL({ provider: 'generic', url: next })
    } catch (error) {
      log.warn(`update: cannot use ${next} (${String(error)}); automatic updates off`)
      return
    }
    log.info(`update: checking ${next} now and every ${every}`)
    timer = clock.setInterval(check, intervalMs)
    check()
  }

  apply(updateUrl)
  return {
    apply,
    stop: () => {
      stopped = true
      unschedule()
      updater.off('error', onError)
      for (const event of infoEvents) updater.off(event, onInfo[event])
    },
  }
}
