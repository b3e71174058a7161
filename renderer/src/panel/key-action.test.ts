import { describe, expect, it } from 'vitest'
import { type KeyPress, keyAction } from './key-action'

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  inTextField: false,
  ...extra,
})

describe('keyAction', () => {
  it('maps arrows, the digits 1 to 8 and Esc', () => {
    expect(keyAction(press('ArrowDown'))).toEqual({ kind: 'move', by: 1 })
    expect(keyAction(press('ArrowUp'))).toEqual({ kind: 'move', by: -1 })
    expect(keyAction(press('1'))).toEqual({ kind: 'option', index: 0 })
    expect(keyAction(press('8'))).toEqual({ kind: 'option', index: 7 })
    expect(keyAction(press('Escape'))).toEqual({ kind: 'hide' })
  })

  it('ignores 0, 9 and other keys', () => {
    expect(keyAction(press('0'))).toBeNull()
    expect(keyAction(press('9'))).toBeNull()
    expect(keyAction(press('a'))).toBeNull()
    expect(keyAction(press('Enter'))).toBeNull()
  })

  it('leaves text boxes their arrows and digits, but Esc still hides', () => {
    expect(keyAction(press('1', { inTextField: true }))).toBeNull()
    expect(keyAction(press('ArrowDown', { inTextField: true }))).toBeNull()
    expect(keyAction(press('Escape', { inTextField: true }))).toEqual({ kind: 'hide' })
  })

  it('leaves shortcuts with a modifier to the system', () => {
    expect(keyAction(press('1', { ctrlKey: true }))).toBeNull()
    expect(keyAction(press('Escape', { metaKey: true }))).toBeNull()
    expect(keyAction(press('ArrowDown', { altKey: true }))).toBeNull()
  })
})
