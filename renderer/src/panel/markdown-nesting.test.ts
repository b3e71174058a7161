import { describe, expect, it } from 'vitest'
import { deepestNesting, MAX_MARKDOWN_NESTING } from './markdown-nesting'

describe('deepestNesting', () => {
  it('is small for the lists and quotes people write', () => {
    expect(deepestNesting('Plain text\nwith two lines')).toBe(0)
    expect(deepestNesting('- een\n  - twee\n    1. drie\n> quote')).toBe(3)
    expect(deepestNesting('1) a\n10. b\n2.5 is a number')).toBe(1)
  })

  it('sees markers piled up on one line, and deep indentation', () => {
    expect(deepestNesting('- '.repeat(10_000))).toBeGreaterThan(MAX_MARKDOWN_NESTING)
    expect(deepestNesting('> '.repeat(100))).toBeGreaterThan(MAX_MARKDOWN_NESTING)
    expect(deepestNesting('1. '.repeat(100))).toBeGreaterThan(MAX_MARKDOWN_NESTING)
    expect(deepestNesting(`${' '.repeat(80)}- x`)).toBeGreaterThan(MAX_MARKDOWN_NESTING)
  })
})
