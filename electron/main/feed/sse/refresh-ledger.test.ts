// The refresh ledger's rules on exact times: the window per id, the hold-off after misses in a row,
// and the bound on what it remembers.
import { describe, expect, it } from 'vitest'
import { RefreshLedger } from './refresh-ledger'

const WINDOW_MS = 30_000
const none = new Set<string>()

function ledger(maxIds = 1000): RefreshLedger {
  return new RefreshLedger({ windowMs: WINDOW_MS, maxIds })
}

describe('RefreshLedger', () => {
  it('does not refresh again for an id the last snapshot lacked, until the window has passed', () => {
    const refreshes = ledger()
    expect(refreshes.announce('ghost', 0)).toBe(true)
    refreshes.settle(none, 100, refreshes.mark())
    expect(refreshes.announce('ghost', 200)).toBe(false)
    expect(refreshes.announce('ghost', 100 + WINDOW_MS - 1)).toBe(false)
    expect(refreshes.announce('ghost', 100 + WINDOW_MS)).toBe(true)
  })

  it('refreshes again at once for an id the snapshot brought (answered, then reopened)', () => {
    const refreshes = ledger()
    refreshes.announce('q1', 0)
    refreshes.settle(new Set(['q1']), 100, refreshes.mark())
    expect(refreshes.announce('q1', 200)).toBe(true)
  })

  it('forgets a miss once a later snapshot holds the id', () => {
    const refreshes = ledger()
    refreshes.announce('late', 0)
    refreshes.settle(none, 100, refreshes.mark())
    refreshes.settle(new Set(['late']), 200, refreshes.mark())
    expect(refreshes.announce('late', 300)).toBe(true)
  })

  it('holds refreshes off for one window after two misses in a row, and not after one', () => {
    const refreshes = ledger()
    refreshes.announce('a', 0)
    refreshes.settle(none, 100, refreshes.mark())
    expect(refreshes.holdOffMs(200)).toBe(0)
    refreshes.announce('b', 300)
    refreshes.settle(none, 400, refreshes.mark())
    expect(refreshes.holdOffMs(500)).toBe(400 + WINDOW_MS - 500)
    expect(refreshes.holdOffMs(400 + WINDOW_MS)).toBe(0)
    // A refresh that brings what it was for ends the run of misses.
    refreshes.announce('real', 600)
    refreshes.settle(new Set(['real']), 700, refreshes.mark())
    expect(refreshes.holdOffMs(800)).toBe(0)
  })

  it('lets only a snapshot asked for after an announcement judge it (a successor opened before it)', () => {
    const refreshes = ledger()
    // A successor's request went out; then the live stream hears of a new question.
    const successorAsked = refreshes.mark()
    expect(refreshes.announce('new', 0)).toBe(true)
    // The successor's snapshot was read before the question existed: it proves nothing.
    refreshes.settle(none, 100, successorAsked)
    expect(refreshes.announce('new', 200)).toBe(true)
    expect(refreshes.holdOffMs(200)).toBe(0)
    // A snapshot asked for after the announcement still judges it.
    refreshes.settle(none, 300, refreshes.mark())
    expect(refreshes.announce('new', 400)).toBe(false)
  })

  it('remembers at most maxIds awaited and missed ids, forgetting the oldest miss', () => {
    const refreshes = ledger(3)
    // m4 is over the cap of awaited ids: it still gets its refresh, but no memory.
    for (const id of ['m1', 'm2', 'm3', 'm4']) refreshes.announce(id, 0)
    refreshes.settle(none, 10, refreshes.mark())
    expect(refreshes.announce('m3', 20)).toBe(false)
    expect(refreshes.announce('m4', 20)).toBe(true)
    for (const id of ['m5', 'm6']) refreshes.announce(id, 30)
    // Three more misses push m1, m2 and m3 out.
    refreshes.settle(none, 40, refreshes.mark())
    expect(refreshes.announce('m1', 50)).toBe(true)
    expect(refreshes.announce('m6', 50)).toBe(false)
  })
})
