import { describe, expect, it } from 'vitest'
import { escapeControls, singleLine } from './single-line'

describe('singleLine', () => {
  it('keeps terminal escapes, bidi overrides and line breaks of agent text out of the output', () => {
    expect(singleLine('rood \u001b[31mALARM\u001b[0m')).toBe('rood [31mALARM[0m')
    expect(singleLine('abc\u202Eevil\u200B')).toBe('abcevil')
    expect(singleLine('regel een\n\n\tregel twee')).toBe('regel een regel twee')
    expect(singleLine('مرحبا بالعالم')).toBe('مرحبا بالعالم')
  })
})

describe('escapeControls', () => {
  it('makes every control and format character visible as \\uXXXX, and leaves other text alone', () => {
    expect(escapeControls('a\u001b]52;c;aGk=\u0007b')).toBe('a\\u001b]52;c;aGk=\\u0007b')
    expect(escapeControls('C1 \u009b2K, DEL \u007f, bidi \u202e, zero-width \u200b')).toBe(
      'C1 \\u009b2K, DEL \\u007f, bidi \\u202e, zero-width \\u200b',
    )
    expect(escapeControls('tag \u{E0041}')).toBe('tag \\udb40\\udc41')
    expect(escapeControls('regel\r\nnep')).toBe('regel\\u000d\\u000anep')
    expect(escapeControls('café 😀 مرحبا')).toBe('café 😀 مرحبا')
  })

  it('keeps JSON valid and its value unchanged', () => {
    const value = { text: 'x\u0085\u202e\u200b\u{E0041}\u001b[0m' }
    const line = escapeControls(JSON.stringify(value))
    expect(line).not.toMatch(/[\p{Cc}\p{Cf}]/u)
    expect(JSON.parse(line)).toEqual(value)
  })
})
