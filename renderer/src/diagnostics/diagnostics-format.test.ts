import { describe, expect, it } from 'vitest'
import { formatBytes, median } from './diagnostics-format'

describe('diagnostics figures', () => {
  it('words sizes in the largest unit that keeps a number above one', () => {
    expect(formatBytes(0, 'en')).toBe('0 B')
    expect(formatBytes(1536, 'en')).toBe('1.5 KB')
    expect(formatBytes(1536, 'nl')).toBe('1,5 KB')
    expect(formatBytes(5 * 1024 * 1024, 'en')).toBe('5 MB')
  })

  it('takes the median of an odd and an even count, and has none for no values', () => {
    expect(median([300, 100, 200])).toBe(200)
    expect(median([400, 100, 200, 300])).toBe(250)
    expect(median([])).toBeNull()
  })
})
