// Local-time dates (new Date(y, m, d, h, min)) read back in the same zone, so these hold in any TZ.
import { SETTING_DEFAULTS } from '@shared/settings'
import { describe, expect, it } from 'vitest'
import { inQuietHours, type QuietHours } from './quiet-hours'
import { holdReason, type ToastGate } from './toast-policy'

const FRIDAY = 5
const SATURDAY = 6
const SUNDAY = 0
/** 2026-01-02 is a Friday; 01-03 a Saturday, 01-04 a Sunday. */
const fri = (hour: number, minute = 0) => new Date(2026, 0, 2, hour, minute)
const sat = (hour: number, minute = 0) => new Date(2026, 0, 3, hour, minute)
const sun = (hour: number, minute = 0) => new Date(2026, 0, 4, hour, minute)

const quiet = (fields: Partial<QuietHours>): QuietHours => ({
  enabled: true,
  days: [FRIDAY],
  start: '22:00',
  end: '07:00',
  ...fields,
})

describe('quiet hours', () => {
  it('covers a same-day window from start up to, not including, end', () => {
    const office = quiet({ start: '09:00', end: '17:30' })
    expect(inQuietHours(office, fri(8, 59))).toBe(false)
    expect(inQuietHours(office, fri(9, 0))).toBe(true)
    expect(inQuietHours(office, fri(17, 29))).toBe(true)
    expect(inQuietHours(office, fri(17, 30))).toBe(false)
    expect(inQuietHours(office, sat(10))).toBe(false)
  })

  it('runs a window across midnight into the next day, owned by the day it starts', () => {
    const night = quiet({ days: [FRIDAY] })
    expect(inQuietHours(night, fri(21, 59))).toBe(false)
    expect(inQuietHours(night, fri(22, 0))).toBe(true)
    // Saturday is not a quiet day, but Friday's night runs on until 07:00.
    expect(inQuietHours(night, sat(3))).toBe(true)
    expect(inQuietHours(night, sat(6, 59))).toBe(true)
    expect(inQuietHours(night, sat(7, 0))).toBe(false)
    expect(inQuietHours(night, sat(23))).toBe(false)
    // Friday morning belongs to Thursday's night, and Thursday is not listed.
    expect(inQuietHours(night, fri(3))).toBe(false)
  })

  it('chains nights on consecutive days', () => {
    const weekend = quiet({ days: [FRIDAY, SATURDAY] })
    expect(inQuietHours(weekend, sat(23))).toBe(true)
    expect(inQuietHours(weekend, sun(6))).toBe(true)
    expect(inQuietHours(weekend, sun(12))).toBe(false)
    expect(inQuietHours(weekend, sun(23))).toBe(false)
  })

  it('reads start equal to end as a whole day, from that time on', () => {
    const allSunday = quiet({ days: [SUNDAY], start: '00:00', end: '00:00' })
    expect(inQuietHours(allSunday, sun(0))).toBe(true)
    expect(inQuietHours(allSunday, sun(23, 59))).toBe(true)
    expect(inQuietHours(allSunday, sat(23, 59))).toBe(false)
    const fromEvening = quiet({ days: [FRIDAY], start: '18:00', end: '18:00' })
    expect(inQuietHours(fromEvening, sat(17, 59))).toBe(true)
    expect(inQuietHours(fromEvening, sat(18, 0))).toBe(false)
  })

  it('is off when disabled or when no day is chosen', () => {
    expect(inQuietHours(quiet({ enabled: false }), fri(23))).toBe(false)
    expect(inQuietHours(quiet({ days: [] }), fri(23))).toBe(false)
  })

  it('follows the wall clock on a DST night, whatever the zone', () => {
    // 2026-03-29, a Sunday, skips 02:00–03:00 in Europe: this window is then two real hours long.
    const early = quiet({ days: [SUNDAY], start: '01:00', end: '04:00' })
    const dstSunday = (hour: number, minute = 0) => new Date(2026, 2, 29, hour, minute)
    expect(inQuietHours(early, dstSunday(0, 59))).toBe(false)
    expect(inQuietHours(early, dstSunday(3, 30))).toBe(true)
    expect(inQuietHours(early, dstSunday(4))).toBe(false)
  })
})

describe('toast policy', () => {
  const gate = (fields: Partial<ToastGate> = {}): ToastGate => ({
    settings: SETTING_DEFAULTS,
    paused: false,
    doNotDisturb: 'off',
    now: fri(12),
    ...fields,
  })
  const alpha = { productId: 'alpha' }

  it('lets a question through when nothing holds it back, including an unknown OS state', () => {
    expect(holdReason(alpha, gate())).toBeNull()
    expect(holdReason(alpha, gate({ doNotDisturb: 'unknown' }))).toBeNull()
  })

  it('holds back for a pause, OS do-not-disturb, quiet hours and a muted product', () => {
    const night = { ...SETTING_DEFAULTS, quietHours: quiet({}) }
    const muted = { ...SETTING_DEFAULTS, mutedProducts: ['alpha'] }
    expect(holdReason(alpha, gate({ paused: true }))).toBe('paused')
    expect(holdReason(alpha, gate({ doNotDisturb: 'on' }))).toBe('do-not-disturb')
    expect(holdReason(alpha, gate({ settings: night, now: sat(2) }))).toBe('quiet-hours')
    expect(holdReason(alpha, gate({ settings: night, now: sat(8) }))).toBeNull()
    expect(holdReason(alpha, gate({ settings: muted }))).toBe('muted')
    expect(holdReason({ productId: 'beta' }, gate({ settings: muted }))).toBeNull()
  })

  it('names the first reason in a fixed order: pause, do-not-disturb, quiet hours, mute', () => {
    const everything = { ...SETTING_DEFAULTS, quietHours: quiet({}), mutedProducts: ['alpha'] }
    const at = { settings: everything, now: sat(2) }
    expect(holdReason(alpha, gate({ ...at, paused: true, doNotDisturb: 'on' }))).toBe('paused')
    expect(holdReason(alpha, gate({ ...at, doNotDisturb: 'on' }))).toBe('do-not-disturb')
    expect(holdReason(alpha, gate(at))).toBe('quiet-hours')
    expect(holdReason(alpha, gate({ ...at, now: sat(12) }))).toBe('muted')
  })
})
