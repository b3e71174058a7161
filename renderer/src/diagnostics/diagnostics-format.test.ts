import { en } from '@shared/i18n/messages'
import { describe, expect, it } from 'vitest'
import { formatBytes, historyWordsKey, median } from './diagnostics-format'

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

  it('names a hidden reconnect as a planned reconnect or a refresh, never as offline', () => {
    const at = '2026-12-01T10:00:00.000Z'
    const words = (change: Parameters<typeof historyWordsKey>[0]) => en[historyWordsKey(change)]
    expect(words({ state: 'connected', at, detail: 'planned server close', reconnect: 'planned' })).toBe(
      'Planned reconnect',
    )
    expect(words({ state: 'connected', at, detail: 'a new question was asked', reconnect: 'refresh' })).toBe(
      'Refresh',
    )
    expect(words({ state: 'disconnected', at, detail: 'ECONNRESET' })).toBe('Offline')
  })
})
