import { describe, expect, it } from 'vitest'
import { singleLine } from './single-line'

describe('singleLine', () => {
  it('keeps terminal escapes, bidi overrides and line breaks of agent text out of the output', () => {
    expect(singleLine('rood \u001b[31mALARM\u001b[0m')).toBe('rood [31mALARM[0m')
    expect(singleLine('abc\u202Eevil\u200B')).toBe('abcevil')
    expect(singleLine('regel een\n\n\tregel twee')).toBe('regel een regel twee')
    expect(singleLine('مرحبا بالعالم')).toBe('مرحبا بالعالم')
  })
})
