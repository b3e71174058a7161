import type { Net } from 'electron'
import { describe, expect, it } from 'vitest'
import { fakeClock } from '../../../test/support/fake-clock'
import { silentLogger } from '../log/logger'
import { ONLINE_POLL_MS, type ResumePort, watchOnline } from './online-watch'

function setup(initiallyOnline = true) {
  const { clock, timers } = fakeClock()
  const state = { online: initiallyOnline, checks: 0 }
  const net = {
    isOnline: () => {
      state.checks++
      return state.online
    },
  } satisfies Pick<Net, 'isOnline'>
  const resumeListeners = new Set<() => void>()
  const powerMonitor = {
    on: (_event: 'resume', listener: () => void) => resumeListeners.add(listener),
    removeListener: (_event: 'resume', listener: () => void) => resumeListeners.delete(listener),
  } satisfies ResumePort
  const calls: boolean[] = []
  const stop = watchOnline({
    net,
    powerMonitor,
    setOnline: (online) => calls.push(online),
    log: silentLogger,
    clock,
  })
  const resume = () => {
    for (const listener of resumeListeners) listener()
  }
  return { state, timers, calls, stop, resume, resumeListeners }
}

describe('watchOnline', () => {
  it('tells the core only about changes, polling every 5 s', () => {
    const { state, timers, calls } = setup()
    expect(calls).toEqual([])
    timers.tick(ONLINE_POLL_MS * 3)
    expect(state.checks).toBe(4)
    expect(calls).toEqual([])
    state.online = false
    timers.tick(ONLINE_POLL_MS - 1)
    expect(calls).toEqual([])
    timers.tick(1)
    timers.tick(ONLINE_POLL_MS * 2)
    expect(calls).toEqual([false])
    state.online = true
    timers.tick(ONLINE_POLL_MS)
    expect(calls).toEqual([false, true])
  })

  it('reports being offline at start straight away', () => {
    const { calls } = setup(false)
    expect(calls).toEqual([false])
  })

  it('reads the network again on resume, without waiting for the next poll', () => {
    const { state, calls, resume } = setup()
    state.online = false
    resume()
    expect(calls).toEqual([false])
    resume()
    expect(calls).toEqual([false])
  })

  it('stops polling and listening when stopped', () => {
    const { state, timers, calls, stop, resumeListeners } = setup()
    stop()
    state.online = false
    timers.tick(ONLINE_POLL_MS * 10)
    expect(calls).toEqual([])
    expect(resumeListeners.size).toBe(0)
  })
})
