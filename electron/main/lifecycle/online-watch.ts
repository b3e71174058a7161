// The main process has no online event, so the OS network state is polled, and read again the
// moment the machine wakes. Only changes reach the core: each one tears down or reconnects the feed.
// Started per core by register-power-and-network.ts, which tells the whole sleep/wake story.
import type { Net } from 'electron'
import { type Clock, systemClock } from '../common/clock'
import type { Logger } from '../log/logger'

export const ONLINE_POLL_MS = 5000

/** The part of Electron's powerMonitor we use. */
export interface ResumePort {
  on(event: 'resume', listener: () => void): unknown
  removeListener(event: 'resume', listener: () => void): unknown
}

export interface OnlineWatchOptions {
  net: Pick<Net, 'isOnline'>
  powerMonitor: ResumePort
  setOnline: (online: boolean) => void
  log: Logger
  clock?: Clock
}

/** Returns its own stop. The core starts out assuming online, so only going offline is news at first. */
export function watchOnline({
  net,
  powerMonitor,
  setOnline,
  log,
  clock = systemClock,
}: OnlineWatchOptions): () => void {
  let online = true
  const check = () => {
    const now = net.isOnline()
    if (now === online) return
    online = now
    log.info(now ? 'network: online; reconnecting now' : 'network: offline; feed waits for the network')
    setOnline(now)
  }
  const timer = clock.setInterval(check, ONLINE_POLL_MS)
  powerMonitor.on('resume', check)
  check()
  return () => {
    clock.clearInterval(timer)
    powerMonitor.removeListener('resume', check)
  }
}
