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

describe('createLineLogger with server-supplied text', () => {
  it('escapes control and format characters in the message and every field, so no line can be forged', () => {
    const lines: string[] = []
    const log = createLineLogger((line) => lines.push(line), {
      minLevel: 'debug',
      now: () => new Date('2026-11-29T10:00:00Z'),
    })
    const forged = 'boom\n2026-11-29T10:00:01.000Z info feed: connected'
    log.warn(`disconnected (the server reported an error: ${forged})`, {
      event: '\u001b[2K\rstate',
      'key\u202e': { nested: '\u009b31m' },
      zeroWidth: 'a\u200bb',
    })
    expect(lines).toHaveLength(1)
    const [line] = lines as [string]
    expect(line).not.toMatch(/[\p{Cc}\p{Cf}]/u)
    expect(line).toBe(
      '2026-11-29T10:00:00.000Z warn disconnected (the server reported an error: boom\\u000a2026-11-29T10:00:01.000Z info feed: connected)' +
        ' (event=\\u001b[2K\\u000dstate key\\u202e={"nested":"\\u009b31m"} zeroWidth=a\\u200bb)',
    )
  })
})
