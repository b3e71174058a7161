import { describe, expect, it } from 'vitest'
import { markdownToPlainText } from './plain-text'

describe('markdownToPlainText', () => {
  it('removes emphasis, heading and quote markers and keeps the words', () => {
    expect(markdownToPlainText('## Keuze\n> Mag **dit** _nu_ of *later*? ~~nooit~~')).toBe(
      'Keuze\nMag dit nu of later? nooit',
    )
  })

  it('keeps code: fenced code verbatim without its fences, code spans without backticks', () => {
    const text = 'Run `npm **test**` first:\n```ts\nconst a = b * c * d\n```\nthen ~~~\n~~~\nx\n~~~'
    expect(markdownToPlainText(text)).toBe('Run npm **test** first:\nconst a = b * c * d\nthen ~~~\nx')
  })

  it('keeps a fence open until a bare closing fence of the same kind and length', () => {
    expect(markdownToPlainText('````\n```\n**a**\n````\n**b**')).toBe('```\n**a**\nb')
  })

  it('turns bullets into dots and tasks into boxes, and keeps numbered items as they are', () => {
    expect(markdownToPlainText('- een\n  * twee\n- [ ] open\n- [x] klaar\n1. eerst')).toBe(
      '• een\n  • twee\n• ☐ open\n• ☑ klaar\n1. eerst',
    )
  })

  it('shows a link with its full address, an image by its alt text', () => {
    expect(
      markdownToPlainText(
        'See [PR 12](https://github.com/o/r/pull/12), <https://x.test/a> and ![diagram](https://x.test/d.png)',
      ),
    ).toBe('See PR 12 (https://github.com/o/r/pull/12), https://x.test/a and diagram')
    expect(markdownToPlainText('[https://x.test](https://x.test)')).toBe('https://x.test')
  })

  it('leaves snake_case, lone stars and escaped markers alone', () => {
    expect(markdownToPlainText('set max_retry_count to 2 * 3, not \\*5\\*')).toBe(
      'set max_retry_count to 2 * 3, not *5*',
    )
  })

  it('drops thematic breaks and keeps raw HTML as text', () => {
    expect(markdownToPlainText('a\n---\n<img src=x onerror=alert(1)>')).toBe(
      'a\n<img src=x onerror=alert(1)>',
    )
  })

  it('handles hostile input in linear time', () => {
    const hostile = [
      '- '.repeat(10_000),
      '*'.repeat(4000),
      '`'.repeat(4000),
      '[a]('.repeat(4000),
      '**a '.repeat(4000),
      `\`${'a`'.repeat(4000)}`,
    ]
    const started = performance.now()
    for (const text of hostile) expect(typeof markdownToPlainText(text)).toBe('string')
    // Quadratic behaviour on these would take seconds, far past this generous bound.
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
