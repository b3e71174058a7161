import { describe, expect, it } from 'vitest'
import { isAllowedExternalUrl } from './external-links'

const origin = 'https://scrum4me.example.com'

describe('isAllowedExternalUrl', () => {
  it('allows pages on the configured server', () => {
    expect(isAllowedExternalUrl('https://scrum4me.example.com/stories/s1', origin)).toBe(true)
    expect(isAllowedExternalUrl('https://SCRUM4ME.example.com:443/ideas/i%2F1', origin)).toBe(true)
  })

  it.each([
    'https://evil.example/stories/s1',
    'https://scrum4me.example.com.evil.example/',
    'http://scrum4me.example.com/stories/s1',
    'https://scrum4me.example.com:8443/',
    'https://user:pw@scrum4me.example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ms-settings:',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url, origin)).toBe(false)
  })

  it('refuses everything when no server is configured (pg mode)', () => {
    expect(isAllowedExternalUrl('https://scrum4me.example.com/', null)).toBe(false)
  })

  it('allows a loopback development server when that is the configured one', () => {
    expect(isAllowedExternalUrl('http://localhost:3000/stories/s1', 'http://localhost:3000')).toBe(true)
  })
})
