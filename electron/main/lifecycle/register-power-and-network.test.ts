import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { fakeClock } from '../../../test/support/fake-clock'
import type { NudgeReason } from '../feed/feed-engine'
import { silentLogger } from '../log/logger'
import { ONLINE_POLL_MS } from './online-watch'
import { type PoweredCore, type PowerPort, registerPowerAndNetwork } from './register-power-and-network'

function recordingCore() {
  const calls: string[] = []
  const core = {
    sleep: async () => {
      calls.push('sleep')
    },
    nudge: (reason: NudgeReason) => calls.push(`nudge:${reason}`),
    setOnline: (online: boolean) => calls.push(`online:${online}`),
  } satisfies PoweredCore
  return { core, calls }
}

function setup() {
  const powerMonitor = new EventEmitter() satisfies PowerPort
  const network = { online: true }
  const { clock, timers } = fakeClock()
  let current: PoweredCore | null = null
  const registration = registerPowerAndNetwork({
    powerMonitor,
    net: { isOnline: () => network.online },
    core: () => current,
    log: silentLogger,
    clock,
  })
  return {
    powerMonitor,
    network,
    timers,
    registration,
    use: (core: PoweredCore | null) => {
      current = core
    },
  }
}

describe('registerPowerAndNetwork', () => {
  it('puts the current core to sleep on suspend and wakes it on resume and unlock', () => {
    const { powerMonitor, use } = setup()
    const first = recordingCore()
    use(first.core)
    powerMonitor.emit('suspend')
    powerMonitor.emit('resume')
    const second = recordingCore()
    use(second.core)
    powerMonitor.emit('unlock-screen')
    expect(first.calls).toEqual(['sleep', 'nudge:resume'])
    expect(second.calls).toEqual(['nudge:unlock-screen'])
  })

  it('does nothing on power events while no core runs', () => {
    const { powerMonitor } = setup()
    expect(() => {
      powerMonitor.emit('suspend')
      powerMonitor.emit('resume')
    }).not.toThrow()
  })

  it('watches the network for the core it was given, and re-reads it on resume', () => {
    const { powerMonitor, network, timers, registration } = setup()
    const { core, calls } = recordingCore()
    network.online = false
    const stop = registration.watch(core)
    expect(calls).toEqual(['online:false'])
    network.online = true
    powerMonitor.emit('resume')
    expect(calls).toEqual(['online:false', 'online:true'])
    stop()
    network.online = false
    timers.tick(ONLINE_POLL_MS * 2)
    expect(calls).toEqual(['online:false', 'online:true'])
  })

  it('leaves no listener on the power monitor once disposed', () => {
    const { powerMonitor, registration, use } = setup()
    const { core, calls } = recordingCore()
    use(core)
    registration.watch(core)()
    registration.dispose()
    for (const event of ['suspend', 'resume', 'unlock-screen'])
      expect(powerMonitor.listenerCount(event)).toBe(0)
    powerMonitor.emit('resume')
    expect(calls).toEqual([])
  })
})
