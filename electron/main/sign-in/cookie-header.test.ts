// Which of the partition's cookies go to the realtime route, for cookies shaped as Electron's
// `session.cookies.get` reports them (a leading dot and hostOnly false for a domain cookie).
import { describe, expect, it } from 'vitest'
import { cookieHeader, cookiesFor, earliestExpiry } from './cookie-header'
import type { SignInCookie } from './ports'

const STREAM = new URL('https://app.scrum4me.example/api/realtime/notifications')
const inAnHour = Date.now() / 1000 + 3600

function cookie(fields: Partial<SignInCookie> & Pick<SignInCookie, 'name'>): SignInCookie {
  return {
    value: 'v',
    domain: 'app.scrum4me.example',
    hostOnly: true,
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'lax',
    ...fields,
  }
}

describe('cookiesFor', () => {
  it('leaves out a cookie an HTTP header cannot carry, so it cannot spoil the rest', () => {
    const sent = cookiesFor(
      [
        cookie({ name: 'session', value: 's1' }),
        cookie({ name: 'pref', value: 'José' }),
        cookie({ name: 'broken', value: 'a;b' }),
      ],
      STREAM,
    )
    expect(sent.map((c) => c.name)).toEqual(['session'])
  })

  it('keeps a host-only cookie and a domain cookie of the same name, as a browser sends both', () => {
    const sent = cookiesFor(
      [
        cookie({ name: 'sid', value: 'host', domain: 'app.scrum4me.example', hostOnly: true }),
        cookie({ name: 'sid', value: 'domain', domain: '.app.scrum4me.example', hostOnly: false }),
      ],
      STREAM,
    )
    expect(sent.map((c) => c.value).sort()).toEqual(['domain', 'host'])
  })

  it('sends host-only and parent-domain cookies, not those of other hosts, paths or an expired one', () => {
    const sent = cookiesFor(
      [
        cookie({ name: 'session', value: 's1' }),
        cookie({ name: 'sso', domain: '.scrum4me.example', hostOnly: false }),
        cookie({ name: 'sibling', domain: 'other.scrum4me.example' }),
        cookie({ name: 'parent-only', domain: 'scrum4me.example', hostOnly: true }),
        cookie({ name: 'docs', path: '/docs' }),
        cookie({ name: 'api', path: '/api' }),
        cookie({ name: 'gone', expirationDate: Date.now() / 1000 - 10 }),
        cookie({ name: 'idp', domain: 'login.example.org' }),
      ],
      STREAM,
    )
    expect(sent.map((c) => c.name).sort()).toEqual(['api', 'session', 'sso'])
  })

  it('keeps secure cookies off a plain-http server that is not this machine', () => {
    const plain = new URL('http://scrum4me.example/api/realtime/notifications')
    expect(cookiesFor([cookie({ name: 'secure', domain: 'scrum4me.example' })], plain)).toEqual([])
  })

  it('treats an IPv6 host as Chromium writes it, in brackets', () => {
    const loopback = new URL('http://[::1]:3000/api/realtime/notifications')
    const sent = cookiesFor([cookie({ name: 'local', domain: '[::1]', secure: false })], loopback)
    expect(sent.map((c) => c.name)).toEqual(['local'])
  })
})

describe('cookieHeader and earliestExpiry', () => {
  it('joins name=value pairs and finds the first expiry, ignoring session cookies', () => {
    const cookies = [
      cookie({ name: 'a', value: '1', expirationDate: inAnHour + 60 }),
      cookie({ name: 'b', value: '2' }),
      cookie({ name: 'c', value: '3', expirationDate: inAnHour }),
    ]
    expect(cookieHeader(cookies)).toBe('a=1; b=2; c=3')
    expect(earliestExpiry(cookies)?.getTime()).toBe(Math.round(inAnHour * 1000))
    expect(earliestExpiry([cookie({ name: 'b' })])).toBeNull()
  })
})
