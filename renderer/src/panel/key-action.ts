// What a key press on the panel means; the textarea handles its own Enter.

export type KeyAction = { kind: 'move'; by: 1 | -1 } | { kind: 'option'; index: number } | { kind: 'hide' }

export interface KeyPress {
  key: string
  ctrlKey: boolean
  altKey: boolean
  metaKey: boolean
  /** Typing in a text box: arrows and digits belong to the text. */
  inTextField: boolean
}

export const OPTION_KEYS = 8

export function keyAction(press: KeyPress): KeyAction | null {
  if (press.ctrlKey || press.altKey || press.metaKey) return null
  if (press.key === 'Escape') return { kind: 'hide' }
  if (press.inTextField) return null
  if (press.key === 'ArrowDown') return { kind: 'move', by: 1 }
  if (press.key === 'ArrowUp') return { kind: 'move', by: -1 }
  if (/^\d$/.test(press.key)) {
    const index = Number(press.key) - 1
    if (index >= 0 && index < OPTION_KEYS) return { kind: 'option', index }
  }
  return null
}
