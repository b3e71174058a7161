import { describe, expect, it } from 'vitest'
import { makeQuestion } from '../test/support/questions'
import { askedAgo, questionBody } from './human-lines'

const NOW = Date.parse('2026-03-01T12:00:00Z')
const ago = (ms: number) => new Date(NOW - ms).toISOString()

describe('lines for people', () => {
  it('words the wait in whole units, rounded down', () => {
    expect(askedAgo(ago(59_000), NOW)).toBe('asked just now')
    expect(askedAgo(ago(12 * 60_000 + 59_000), NOW)).toBe('asked 12 min ago')
    expect(askedAgo(ago(3 * 3_600_000), NOW)).toBe('asked 3 h ago')
    expect(askedAgo(ago(3 * 86_400_000), NOW)).toBe('asked 3 days ago')
    // A clock a little ahead of the server's is not a negative wait.
    expect(askedAgo(ago(-5_000), NOW)).toBe('asked just now')
  })

  it('shows at most four lines of the text, each at most 200 characters, and every option', () => {
    const text = ['een', '', 'twee', 'x'.repeat(500), 'vier', 'vijf'].join('\n')
    const body = questionBody(makeQuestion('q1', { text, options: ['Ja', 'Nee'] }))
    expect(body.map((line) => line.text)).toEqual([
      'een',
      'twee',
      `${'x'.repeat(199)}…`,
      'vier',
      '…',
      '[1] Ja',
      '[2] Nee',
    ])
  })

  it('shows a Markdown question in its plain-text form: markers gone, code kept', () => {
    const text = '**Welke** migratie?\n\n- gebruik `0002-reminders`\n- [de PR](https://example.com/pr/1)'
    const body = questionBody(makeQuestion('q1', { text }))
    const shown = body.map((line) => line.text).join('\n')
    expect(shown).toContain('Welke migratie?')
    expect(shown).toContain('0002-reminders')
    expect(shown).not.toMatch(/\*\*|`/)
  })
})
