import { describe, expect, it } from 'vitest'
import { createLineLogger } from './logger'

describe('createLineLogger', () => {
  it('writes scoped lines with fields, filters by level and redacts', () => {
    const lines: string[] = []
    const log = createLineLogger((line) => lines.push(line), {
      minLevel: 'info',
      now: () => new Date('2026-11-29T10:00:00Z'),
    }).child('feed')
    log.debug('hidden')
    log.info('disconnected (ECONNRESET), retry in 2.4 s', { url: 'postgres://a:b@h/d' })
    expect(lines).toEqual([
      '2026-11-29T10:00:00.000Z info feed: disconnected (ECONNRESET), retry in 2.4 s (url=postgres://a:***@h/d)',
    ])
  })
})
