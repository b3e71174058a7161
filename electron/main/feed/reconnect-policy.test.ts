import { describe, expect, it } from 'vitest'
import {
  applyRetryAfter,
  failureDelay,
  parseRetryAfter,
  plannedDelay,
  reconnectPolicyWith,
  refreshDelay,
} from './reconnect-policy'

const policy = reconnectPolicyWith()

/** A seeded generator (mulberry32) so distribution tests are repeatable. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('failureDelay (full jitter)', () => {
  it('stays within [floor, min(cap, base·2^k)] for every attempt', () => {
    const random = seeded(1)
    for (let k = 0; k < 20; k++) {
      const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** k)
      for (let i = 0; i < 500; i++) {
        const delay = failureDelay(k, policy, random)
        expect(delay).toBeGreaterThanOrEqual(policy.floorMs)
        expect(delay).toBeLessThanOrEqual(ceiling)
      }
    }
  })

  it('spreads draws across the whole window instead of clustering (no synchronised herds)', () => {
    const random = seeded(2)
    const k = 8 // window is the 30 s cap
    const buckets = new Array(10).fill(0)
    const samples = 10_000
    for (let i = 0; i < samples; i++) {
      const delay = failureDelay(k, policy, random)
      buckets[Math.min(9, Math.floor(delay / 3000))]++
    }
    // Uniform: each 3 s bucket holds about 10 %; none above 13 % and none below 7 %.
    for (const count of buckets) {
      expect(count / samples).toBeGreaterThan(0.07)
      expect(count / samples).toBeLessThan(0.13)
    }
  })

  it('survives 10 000 consecutive failures: finite, positive, capped (C12)', () => {
    const random = seeded(3)
    for (let k = 0; k < 10_000; k++) {
      const delay = failureDelay(k, policy, random)
      expect(Number.isFinite(delay)).toBe(true)
      expect(delay).toBeGreaterThan(0)
      expect(delay).toBeLessThanOrEqual(policy.capMs)
    }
  })

  it('never goes below the floor even when the draw is zero, and never above the ceiling at one', () => {
    expect(failureDelay(0, policy, () => 0)).toBe(policy.floorMs)
    expect(failureDelay(0, policy, () => 0.999999)).toBe(999)
    expect(failureDelay(50, policy, () => 0.999999)).toBe(policy.capMs - 1)
  })

  it('uses a raised base (SSE retry: 5000) with jitter and the cap', () => {
    const random = seeded(4)
    const raised = { ...policy, baseMs: 5000 }
    const delays = Array.from({ length: 2000 }, () => failureDelay(0, raised, random))
    expect(Math.max(...delays)).toBeGreaterThan(4500)
    expect(Math.max(...delays)).toBeLessThan(5000)
    expect(Math.max(...Array.from({ length: 2000 }, () => failureDelay(9, raised, random)))).toBeLessThan(
      policy.capMs,
    )
  })
})

describe('plannedDelay', () => {
  it('is U(0, base): spread over the second after a planned close', () => {
    const random = seeded(5)
    const delays = Array.from({ length: 5000 }, () => plannedDelay(1000, random))
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...delays)).toBeLessThan(1000)
    const firstHalf = delays.filter((d) => d < 500).length / delays.length
    expect(firstHalf).toBeGreaterThan(0.45)
    expect(firstHalf).toBeLessThan(0.55)
  })
})

describe('refreshDelay', () => {
  it('puts half the waits under a quarter of the spread and keeps the top of the range', () => {
    const random = seeded(7)
    const delays = Array.from({ length: 5000 }, () => refreshDelay(700, random))
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...delays)).toBeLessThan(700)
    expect(Math.max(...delays)).toBeGreaterThan(650)
    const underQuarter = delays.filter((d) => d < 175).length / delays.length
    expect(underQuarter).toBeGreaterThan(0.47)
    expect(underQuarter).toBeLessThan(0.53)
  })
})

describe('Retry-After', () => {
  it('parses seconds and HTTP dates, and ignores garbage', () => {
    const now = Date.parse('2026-11-29T10:00:00Z')
    expect(parseRetryAfter('7', now)).toBe(7000)
    expect(parseRetryAfter('Sun, 29 Nov 2026 10:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })

  it('is a floor under the backoff, capped at the maximum', () => {
    expect(applyRetryAfter(800, 5000, policy.maxRetryAfterMs)).toBe(5000)
    expect(applyRetryAfter(8000, 5000, policy.maxRetryAfterMs)).toBe(8000)
    expect(applyRetryAfter(800, 3_600_000, policy.maxRetryAfterMs)).toBe(policy.maxRetryAfterMs)
    expect(applyRetryAfter(800, Number.NaN, policy.maxRetryAfterMs)).toBe(800)
  })
})
