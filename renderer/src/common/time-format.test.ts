import { describe, expect, it } from 'vitest'
import { clockTime, expiresSoon, expiryPhrase, waitingPhrase, waitsLong } from './time-format'

const NOW = Date.UTC(2025, 2, 12, 10, 0)
const at = (ms: number) => new Date(NOW + ms).toISOString()
const MIN = 60_000

describe('expiryPhrase', () => {
  it('rounds down to the unit that fits, never promising more time than is left', () => {
    expect(expiryPhrase(at(-1), NOW)).toEqual({ key: 'panel.expiry.expired' })
    expect(expiryPhrase(at(0), NOW)).toEqual({ key: 'panel.expiry.expired' })
    expect(expiryPhrase(at(59_999), NOW)).toEqual({ key: 'panel.expiry.soon' })
    expect(expiryPhrase(at(59 * MIN + 59_999), NOW)).toEqual({
      key: 'panel.expiry.minutes',
      params: { minutes: 59 },
    })
    expect(expiryPhrase(at(3 * 60 * MIN + 20 * MIN), NOW)).toEqual({
      key: 'panel.expiry.hours',
      params: { hours: 3 },
    })
    expect(expiryPhrase(at(47 * 60 * MIN), NOW)).toEqual({ key: 'panel.expiry.hours', params: { hours: 47 } })
    expect(expiryPhrase(at(49 * 60 * MIN), NOW)).toEqual({ key: 'panel.expiry.days', params: { days: 2 } })
  })

  it('treats an unreadable date as expired', () => {
    expect(expiryPhrase('soon', NOW)).toEqual({ key: 'panel.expiry.expired' })
  })

  it('marks the last hour as urgent', () => {
    expect(expiresSoon(at(59 * MIN), NOW)).toBe(true)
    expect(expiresSoon(at(61 * MIN), NOW)).toBe(false)
  })
})

describe('clockTime', () => {
  it('shows a 24-hour time today and adds the date on other days', () => {
    const today = new Date(NOW)
    today.setHours(15, 7)
    expect(clockTime(today.toISOString(), 'en', NOW)).toBe('15:07')
    expect(clockTime(today.toISOString(), 'nl', NOW)).toBe('15:07')
    const earlier = new Date(today.getTime() - 3 * 24 * 60 * MIN)
    // ICU versions differ in order and punctuation; the day, month and time must all be there.
    expect(clockTime(earlier.toISOString(), 'en', NOW)).toMatch(/^(?=.*\b9\b)(?=.*Mar).*15:07$/)
    expect(clockTime(earlier.toISOString(), 'nl', NOW)).toMatch(/^(?=.*\b9\b)(?=.*mrt).*15:07$/)
  })
})

describe('waitingPhrase', () => {
  it('says how long ago the agent asked, rounded down', () => {
    expect(waitingPhrase(at(-59_999), NOW)).toEqual({ key: 'panel.waiting.justNow' })
    expect(waitingPhrase(at(5_000), NOW)).toEqual({ key: 'panel.waiting.justNow' })
    expect(waitingPhrase(at(-12 * MIN - 30_000), NOW)).toEqual({
      key: 'panel.waiting.minutes',
      params: { minutes: 12 },
    })
    expect(waitingPhrase(at(-3 * 60 * MIN - 59 * MIN), NOW)).toEqual({
      key: 'panel.waiting.hours',
      params: { hours: 3 },
    })
    expect(waitingPhrase(at(-49 * 60 * MIN), NOW)).toEqual({ key: 'panel.waiting.days', params: { days: 2 } })
    expect(waitingPhrase('whenever', NOW)).toEqual({ key: 'panel.waiting.justNow' })
  })

  it('marks a wait of half an hour or more as long', () => {
    expect(waitsLong(at(-29 * MIN), NOW)).toBe(false)
    expect(waitsLong(at(-30 * MIN), NOW)).toBe(true)
  })
})
