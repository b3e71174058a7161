import { describe, expect, it } from 'vitest'
import { isOpenableLink } from './openable-link'

describe('isOpenableLink', () => {
  it('allows any https page, as written in a question', () => {
    expect(isOpenableLink('https://github.com/acme/shop/pull/12')).toBe(true)
    expect(isOpenableLink('https://example.com/a%20b?x=1#y')).toBe(true)
  })

  it.each([
    'http://github.com/acme/shop/pull/12',
    'https://user:pw@github.com/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'mailto:a@b.test',
    'ms-settings:',
    '//github.com/x',
    'not a url',
    `https://example.com/${'a'.repeat(2048)}`,
  ])('refuses %s', (url) => {
    expect(isOpenableLink(url)).toBe(false)
  })
})
