import type { FeedState, FeedStateName } from '@shared/feed-state'
import { describe, expect, it } from 'vitest'
import { presentTray, type TrayInputs } from './tray-presenter'

// 10:42 UTC on the day the tests pretend it is.
const SINCE = Date.parse('2026-11-29T10:42:00Z')
const NOW = SINCE + 60_000

function inputs(overrides: Partial<TrayInputs> = {}): TrayInputs {
  return {
    feed: { state: 'connected', since: SINCE },
    openCount: 3,
    oldestAskedAt: null,
    pausedUntil: null,
    locale: 'en',
    now: NOW,
    timeZone: 'UTC',
    signInAgain: false,
    ...overrides,
  }
}

const feed = (state: FeedStateName, extra: Partial<FeedState> = {}): FeedState => ({
  state,
  since: SINCE,
  ...extra,
})

describe('presentTray', () => {
  it('says how many questions are open, with the count as the macOS title', () => {
    expect(presentTray(inputs())).toEqual({
      icon: 'tray-connectedTemplate',
      tooltip: '3 open questions',
      title: '3',
    })
    expect(presentTray(inputs({ openCount: 1 }))).toMatchObject({ tooltip: '1 open question', title: '1' })
    expect(presentTray(inputs({ openCount: 0 }))).toMatchObject({ tooltip: 'No open questions', title: '' })
  })

  it('names the longest wait, by the clock time its question was asked', () => {
    expect(presentTray(inputs({ oldestAskedAt: SINCE }))).toMatchObject({
      tooltip: '3 open questions · longest waiting since 10:42',
    })
    expect(presentTray(inputs({ oldestAskedAt: SINCE, locale: 'nl' })).tooltip).toBe(
      '3 open vragen · langst wachtend sinds 10:42',
    )
    expect(presentTray(inputs({ openCount: 0, oldestAskedAt: null })).tooltip).toBe('No open questions')
  })

  it('says since when it is offline', () => {
    for (const state of ['disconnected', 'suspended'] as const) {
      expect(presentTray(inputs({ feed: feed(state) }))).toEqual({
        icon: 'tray-offlineTemplate',
        tooltip: '3 open questions · offline since 10:42',
        title: '3',
      })
    }
  })

  it.each([
    ['idle', 'tray-connectedTemplate', 'Starting…'],
    ['connecting', 'tray-connectedTemplate', 'Connecting…'],
    ['closed', 'tray-offlineTemplate', 'Stopped'],
  ] as const)('shows %s', (state, icon, phrase) => {
    expect(presentTray(inputs({ feed: feed(state) }))).toMatchObject({
      icon,
      tooltip: `3 open questions · ${phrase}`,
    })
  })

  it.each([
    ['auth', 'Signed out'],
    ['config', 'Server address not found'],
    ['tls', 'Secure connection refused'],
    ['disabled', 'The server paused notifications'],
  ] as const)('shows the failure %s with the failed icon', (failure, phrase) => {
    expect(presentTray(inputs({ feed: feed('failed', { failure }) }))).toMatchObject({
      icon: 'tray-failed',
      tooltip: `3 open questions · ${phrase}`,
    })
  })

  it('says when the app is not set up yet', () => {
    const notConfigured = feed('failed', { failure: 'not-configured' })
    expect(presentTray(inputs({ feed: notConfigured, openCount: 0 })).tooltip).toBe(
      'No open questions · Not set up yet',
    )
  })

  it('shows a pause with its end, and drops it once over', () => {
    const pausedUntil = Date.parse('2026-11-29T11:42:00Z')
    expect(presentTray(inputs({ pausedUntil }))).toEqual({
      icon: 'tray-pausedTemplate',
      tooltip: '3 open questions · notifications paused until 11:42',
      title: '3',
    })
    expect(presentTray(inputs({ pausedUntil, now: pausedUntil }))).toMatchObject({
      icon: 'tray-connectedTemplate',
      tooltip: '3 open questions',
    })
  })

  it('lets a lost connection win the icon over a pause, and says both', () => {
    const pausedUntil = Date.parse('2026-11-29T11:42:00Z')
    expect(presentTray(inputs({ pausedUntil, feed: feed('disconnected') }))).toEqual({
      icon: 'tray-offlineTemplate',
      tooltip: '3 open questions · offline since 10:42 · notifications paused until 11:42',
      title: '3',
    })
    expect(presentTray(inputs({ pausedUntil, feed: feed('failed', { failure: 'auth' }) })).icon).toBe(
      'tray-failed',
    )
  })

  it('puts the count into the connected icon where there is no title (Linux, Windows)', () => {
    const icon = (overrides: Partial<TrayInputs>) =>
      presentTray(inputs({ countInIcon: true, ...overrides })).icon
    expect(icon({ openCount: 0 })).toBe('tray-connectedTemplate')
    expect(icon({ openCount: 1 })).toBe('tray-connected-1')
    expect(icon({ openCount: 9 })).toBe('tray-connected-9')
    expect(icon({ openCount: 10 })).toBe('tray-connected-9plus')
    expect(icon({ openCount: 3, countInIcon: false })).toBe('tray-connectedTemplate')
    // Offline, failed and paused keep their own mark; the tooltip still has the count.
    expect(icon({ feed: feed('disconnected') })).toBe('tray-offlineTemplate')
    expect(icon({ feed: feed('failed', { failure: 'auth' }) })).toBe('tray-failed')
    expect(icon({ pausedUntil: NOW + 60_000 })).toBe('tray-pausedTemplate')
  })

  it('speaks Dutch', () => {
    const pausedUntil = Date.parse('2026-11-29T11:42:00Z')
    expect(presentTray(inputs({ locale: 'nl', feed: feed('disconnected'), pausedUntil })).tooltip).toBe(
      '3 open vragen · offline sinds 10:42 · meldingen gepauzeerd tot 11:42',
    )
    expect(presentTray(inputs({ locale: 'nl', openCount: 1 })).tooltip).toBe('1 open vraag')
  })
})
