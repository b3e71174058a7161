import { describe, expect, it } from 'vitest'
import { formatDuration } from './duration'

describe('formatDuration', () => {
  it('words a duration in ms below a second and in s with one decimal at most above', () => {
    expect(formatDuration(412.4)).toBe('412 ms')
    expect(formatDuration(2400)).toBe('2.4 s')
    expect(formatDuration(2345)).toBe('2.3 s')
    expect(formatDuration(10_000)).toBe('10 s')
    expect(formatDuration(600_000)).toBe('600 s')
  })

  it('writes the decimal the way the language does', () => {
    expect(formatDuration(2400, 'nl')).toBe('2,4 s')
  })
})
