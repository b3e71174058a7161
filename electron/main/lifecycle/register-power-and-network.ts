// The whole sleep/wake and network story of the main process, in one place. Three legs keep the
// feed honest across a sleep: (1) the OS says it suspends, resumes or unlocks (powerMonitor, here);
// (2) the network comes and goes (online-watch.ts, polled, and read again on resume, here);
// (3) the OS said nothing but the clock jumped — the engine notices that itself
// (checkClockJump in feed/feed-engine.ts), because a sleep is not always reported.
import type { Clock } from '../common/clock'
import type { NotifierCore } from '../core/notifier-core'
import type { Logger } from '../log/logger'
import { watchOnline } from './online-watch'

type PowerEvent = 'suspend' | 'resume' | 'unlock-screen'

/** The part of Electron's powerMonitor we use. */
export interface PowerPort {
  on(event: PowerEvent, listener: () => void): unknown
  removeListener(event: PowerEvent, listener: () => void): unknown
}

export type PoweredCore = Pick<NotifierCore, 'sleep' | 'nudge' | 'setOnline'>

export interface PowerAndNetworkPorts {
  powerMonitor: PowerPort
  net: Pick<Electron.Net, 'isOnline'>
  /** The running core, if any: it changes with the connection. */
  core: () => PoweredCore | null
  log: Logger
  clock?: Clock
}

export interface PowerAndNetwork {
  /** Starts the online watch for a fresh core (it starts out assuming online); returns its stop. */
  watch(core: PoweredCore): () => void
  dispose(): void
}

export function registerPowerAndNetwork({
  powerMonitor,
  net,
  core,
  log,
  clock,
}: PowerAndNetworkPorts): PowerAndNetwork {
  const listeners: Record<PowerEvent, () => void> = {
    suspend: () => void core()?.sleep(),
    resume: () => core()?.nudge('resume'),
    'unlock-screen': () => core()?.nudge('unlock-screen'),
  }
  const events = Object.keys(listeners) as PowerEvent[]
  for (const event of events) powerMonitor.on(event, listeners[event])
  return {
    watch: (watched) =>
      watchOnline({
        net,
        powerMonitor,
        setOnline: (online) => watched.setOnline(online),
        log,
        clock,
      }),
    dispose: () => {
      for (const event of events) powerMonitor.removeListener(event, listeners[event])
    },
  }
}
