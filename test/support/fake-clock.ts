// Fake time for policy unit tests only; integration tests run on the wall clock.
import FakeTimers from '@sinonjs/fake-timers'
import type { Clock } from '../../electron/main/common/clock'

export interface FakeClock {
  clock: Clock
  timers: FakeTimers.Clock
}

export function fakeClock(start = 0): FakeClock {
  const timers = FakeTimers.createClock(start)
  return {
    timers,
    clock: {
      now: () => timers.now,
      setTimeout: (callback, ms) => timers.setTimeout(callback, ms),
      clearTimeout: (handle) => timers.clearTimeout(handle as FakeTimers.TimerId),
      setInterval: (callback, ms) => timers.setInterval(callback, ms),
      clearInterval: (handle) => timers.clearInterval(handle as FakeTimers.TimerId),
    },
  }
}
