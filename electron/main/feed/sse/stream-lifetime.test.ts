import { describe, expect, it } from 'vitest'
import { fakeClock } from '../../../../test/support/fake-clock'
import { StreamLifetime } from './stream-lifetime'

function lifetime() {
  const { clock, timers } = fakeClock(0)
  return { learner: new StreamLifetime(240_000, clock), timers }
}

describe('StreamLifetime', () => {
  it('asks for a successor a tenth before the default lifetime until the server teaches otherwise', () => {
    const { learner } = lifetime()
    expect(learner.replaceAtMs()).toBe(216_000)
  })

  it('learns a lifetime from two clean closes in a row that agree, with at least 500 ms to spare', () => {
    const { learner } = lifetime()
    learner.closedCleanly(3050)
    expect(learner.lifetimeMs).toBe(240_000)
    learner.closedCleanly(3020)
    expect(learner.lifetimeMs).toBe(3020)
    expect(learner.replaceAtMs()).toBe(2520)
  })

  it('learns nothing from a one-off (a deploy), from closes that disagree, or from very short ones', () => {
    const { learner } = lifetime()
    learner.closedCleanly(10_000)
    learner.replacedEarly()
    learner.closedCleanly(12_000)
    expect(learner.lifetimeMs).toBe(240_000)
    learner.closedCleanly(30_000)
    expect(learner.lifetimeMs).toBe(240_000)
    learner.closedCleanly(1500)
    learner.closedCleanly(1500)
    expect(learner.lifetimeMs).toBe(240_000)
  })

  it('forgets a learned lifetime after an hour without a close confirming it', () => {
    const { learner, timers } = lifetime()
    learner.closedCleanly(30_000)
    learner.closedCleanly(30_000)
    expect(learner.replaceAtMs()).toBe(27_000)
    timers.tick(60 * 60_000 + 1)
    expect(learner.lifetimeMs).toBe(240_000)
  })
})
