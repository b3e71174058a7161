import { describe, expect, it } from 'vitest'
import type { FeedState } from './feed-state'
import { offerFrom, SIGN_IN_AHEAD_MS, signInOffer } from './sign-in-offer'

const END = '2026-12-02T12:00:00.000Z'
const end = Date.parse(END)
const connected: FeedState = { state: 'connected', since: 0 }
const signedOut: FeedState = { state: 'failed', failure: 'auth', since: 0 }
const sse = { canSignIn: true, expiresAt: END }

describe('signInOffer', () => {
  it('offers to sign in again from exactly a day before the end, not a millisecond sooner', () => {
    expect(signInOffer(connected, sse, end - SIGN_IN_AHEAD_MS - 1)).toBeNull()
    expect(signInOffer(connected, sse, end - SIGN_IN_AHEAD_MS)).toEqual({ reason: 'ending', expiresAt: END })
    expect(signInOffer(connected, sse, end + 1)).toEqual({ reason: 'ending', expiresAt: END })
  })

  it('says signed out after a 401, whatever the expiry, and nothing for other failures', () => {
    expect(signInOffer(signedOut, { canSignIn: true, expiresAt: null }, 0)).toEqual({ reason: 'signed-out' })
    expect(signInOffer(signedOut, sse, end)).toEqual({ reason: 'signed-out' })
    expect(
      signInOffer({ state: 'failed', failure: 'tls', since: 0 }, { canSignIn: true, expiresAt: null }, 0),
    ).toBeNull()
  })

  it('offers nothing where no sign-in window can help (direct database mode)', () => {
    expect(signInOffer(signedOut, { canSignIn: false, expiresAt: END }, end)).toBeNull()
  })

  it('ignores an expiry it cannot read', () => {
    expect(offerFrom('not a date')).toBeNull()
    expect(signInOffer(connected, { canSignIn: true, expiresAt: 'not a date' }, end)).toBeNull()
  })
})
