import { describe, expect, it } from 'vitest'
import { UsageError } from './args'
import { readTiming } from './timing'

describe('readTiming', () => {
  it('reads SCRUM4ME_NOTIFIER_TIMING, and nothing when it is unset', () => {
    expect(readTiming({})).toBeUndefined()
    expect(readTiming({ SCRUM4ME_NOTIFIER_TIMING: '{"policy":{"baseMs":100}}' })).toMatchObject({
      policy: { baseMs: 100 },
    })
  })

  it('refuses a bad value without repeating it: it may be a secret pasted into the wrong variable', () => {
    for (const value of [
      'tok-SECRET-4711',
      '{"tok-SECRET-4711"',
      '{"policy":{"baseMs":"tok-SECRET-4711"}}',
    ]) {
      const attempt = () => readTiming({ SCRUM4ME_NOTIFIER_TIMING: value })
      expect(attempt, value).toThrow(UsageError)
      expect(attempt, value).toThrow(/SCRUM4ME_NOTIFIER_TIMING/)
      expect(attempt, value).not.toThrow(/SECRET|4711/)
    }
  })
})
