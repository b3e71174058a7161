// Automatic updates through electron-updater, from the feed fixed when the app was built: `publish`
// in electron-builder.yml, which the build writes into the app as app-update.yml. Not a setting: a
// feed that a window could change would let it install any code. A build without a feed (or an
// unpackaged run) never checks. Being offline is normal for a laptop: a failed check is logged and
// retried on the next round, never thrown.
import { existsSync } from 'node:fs'
import { type Clock, systemClock } from '../common/clock'
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
  /**
   * The build's app-update.yml, which electron-updater reads by itself (it sits in the app's
   * resources); null when the app is not packaged. Missing: the build has no update feed.
   */
  updateConfigFile: string | null
  log: Logger
  /** A downloaded update installs when the app quits; this lets the shell say so. */
  onUpdateReady?: (version: string) => void
  clock?: Clock
  intervalMs?: number
}

export interface AutoUpdate {
  stop(): void
}

export function startAutoUpdate({
  updater,
  updateConfigFile,
  log,
  onUpdateReady,
  clock = systemClock,
  intervalMs = UPDATE_CHECK_INTERVAL_MS,
}: AutoUpdateOptions): AutoUpdate {
  const every = `${Math.round(intervalMs / 3_600_000)} h`
  if (updateConfigFile === null || !existsSync(updateConfigFile)) {
    log.info('update: this build has no update feed; automatic updates off')
    return { stop: () => {} }
  }

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
  // Its own lines (requests, downloads) are detail; the events above tell the story.
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

  log.info(`update: checking the build's update feed now and every ${every}`)
  const timer = clock.setInterval(check, intervalMs)
  check()
  return {
    stop: () => {
      clock.clearInterval(timer)
      updater.off('error', onError)
      for (const event of infoEvents) updater.off(event, onInfo[event])
    },
  }
}
