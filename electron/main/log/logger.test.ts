import { describe, expect, it } from 'vitest'
import { createLineLogger, redactSecrets } from './logger'

describe('redactSecrets', () => {
  it('hides passwords in URLs, bearer tokens and password= pairs', () => {
    expect(redactSecrets('connect postgres://notifier:s3cr3t@db.example.com/x failed')).toBe(
      'connect postgres://notifier:***@db.example.com/x failed',
    )
    expect(redactSecrets('Authorization: Bearer abc.def')).toBe('Authorization: Bearer ***')
    expect(redactSecrets('host=db password=hunter2 user=x')).toBe('host=db password=*** user=x')
  })
})

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
