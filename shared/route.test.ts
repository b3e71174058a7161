import { describe, expect, it } from 'vitest'
import { hashOf, routeOf } from './route'

describe('routeOf', () => {
  it('reads the three views from the hash', () => {
    expect(routeOf('')).toEqual({ view: 'panel' })
    expect(routeOf('#setup')).toEqual({ view: 'setup' })
    expect(routeOf('#settings/notifications')).toEqual({ view: 'settings', section: 'notifications' })
    expect(routeOf('#settings/diagnostics')).toEqual({ view: 'settings', section: 'diagnostics' })
  })

  it('starts an unknown section at the connection, and an unknown view at the panel', () => {
    expect(routeOf('#settings')).toEqual({ view: 'settings', section: 'connection' })
    expect(routeOf('#settings/nope')).toEqual({ view: 'settings', section: 'connection' })
    expect(routeOf('#elsewhere')).toEqual({ view: 'panel' })
  })

  it('round-trips with hashOf', () => {
    for (const hash of ['#setup', '#settings/general', '#settings/connection'])
      expect(hashOf(routeOf(hash))).toBe(hash)
  })
})
