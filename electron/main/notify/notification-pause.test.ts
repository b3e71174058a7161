import { describe, expect, it } from 'vitest'
import { fakeClock } from '../../../test/support/fake-clock'
import { isPausedAt, NotificationPause, pauseEnd } from './notification-pause'

describe('pauseEnd', () => {
  it('is an hour from now, or tomorrow at 08:00 local time', () => {
    const now = new Date(2026, 10, 29, 22, 15).getTime()
    expect(pauseEnd('hour', now)).toBe(now + 3_600_000)
    expect(pauseEnd('tomorrow', now)).toBe(new Date(2026, 10, 30, 8, 0).getTime())
    const lastOfMonth = new Date(2026, 10, 30, 1, 0).getTime()
    expect(pauseEnd('tomorrow', lastOfMonth)).toBe(new Date(2026, 11, 1, 8, 0).getTime())
  })
})

describe('isPausedAt', () => {
  it('holds until the end, not at it, and never without an end', () => {
    expect(isPausedAt(5_000, 4_999)).toBe(true)
    expect(isPausedAt(5_000, 5_000)).toBe(false)
    expect(isPausedAt(null, 0)).toBe(false)
  })
})

describe('NotificationPause', () => {
  it('pauses, resumes, and says so each time', () => {
    const { clock } = fakeClock(1_000)
    const pause = new NotificationPause(clock)
    const changes: (number | null)[] = []
    pause.onChange((until) => changes.push(until))
    expect(pause.isPaused()).toBe(false)
    pause.pause('hour')
    expect(pause.isPaused()).toBe(true)
    expect(pause.until).toBe(3_601_000)
    pause.resume()
    expect(pause.isPaused()).toBe(false)
    expect(changes).toEqual([3_601_000, null])
  })

  it('ends by itself when the time is up', () => {
    const { clock, timers } = fakeClock(0)
    const pause = new NotificationPause(clock)
    const changes: (number | null)[] = []
    pause.onChange((until) => changes.push(until))
    pause.pause('hour')
    timers.tick(3_599_999)
    expect(pause.isPaused()).toBe(true)
    timers.tick(1)
    expect(pause.isPaused()).toBe(false)
    expect(pause.until).toBeNull()
    expect(changes).toEqual([3_600_000, null])
  })
})
