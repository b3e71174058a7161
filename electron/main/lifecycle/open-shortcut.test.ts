import type { GlobalShortcut } from 'electron'
import { describe, expect, it } from 'vitest'
import type { Logger } from '../log/logger'
import { silentLogger } from '../log/logger'
import { registerOpenShortcut } from './open-shortcut'

const DEFAULT_SHORTCUT = 'CommandOrControl+Shift+Space'

function setup(taken: string[], preferred = DEFAULT_SHORTCUT) {
  const registered = new Map<string, () => void>()
  const globalShortcut = {
    register: (accelerator: string, callback: () => void) => {
      if (accelerator === 'Nonsense+') throw new Error('conversion failure')
      if (taken.includes(accelerator)) return false
      registered.set(accelerator, callback)
      return true
    },
    unregister: (accelerator: string) => {
      registered.delete(accelerator)
    },
  } satisfies Pick<GlobalShortcut, 'register' | 'unregister'>
  const lines: string[] = []
  const log: Logger = {
    ...silentLogger,
    info: (message) => void lines.push(message),
    warn: (message) => void lines.push(message),
  }
  let opened = 0
  const shortcut = registerOpenShortcut({ globalShortcut, preferred, open: () => opened++, log })
  return { shortcut, registered, lines, opened: () => opened }
}

describe('registerOpenShortcut', () => {
  it('registers the preferred shortcut, which opens the popup', () => {
    const { shortcut, registered, lines, opened } = setup([])
    expect(shortcut.active).toBe(DEFAULT_SHORTCUT)
    expect([...registered.keys()]).toEqual([DEFAULT_SHORTCUT])
    registered.get(DEFAULT_SHORTCUT)?.()
    expect(opened()).toBe(1)
    expect(lines).toEqual(['shortcut: CommandOrControl+Shift+Space opens the popup'])
  })

  it('falls back when the preferred one is taken, and says so', () => {
    const { shortcut, lines } = setup([DEFAULT_SHORTCUT, 'CommandOrControl+Alt+Space'])
    expect(shortcut.active).toBe('CommandOrControl+Shift+Q')
    expect(lines).toEqual([
      'shortcut: CommandOrControl+Shift+Space is taken; CommandOrControl+Shift+Q opens the popup instead',
    ])
  })

  it('treats an accelerator Electron cannot parse as taken', () => {
    const { shortcut } = setup([], 'Nonsense+')
    expect(shortcut.active).toBe('CommandOrControl+Alt+Space')
  })

  it('says when none could be registered, and unregisters nothing', () => {
    const { shortcut, registered, lines } = setup([
      DEFAULT_SHORTCUT,
      'CommandOrControl+Alt+Space',
      'CommandOrControl+Shift+Q',
    ])
    expect(shortcut.active).toBeNull()
    expect(lines.at(-1)).toMatch(/all taken; open the popup from the tray/)
    shortcut.unregister()
    expect(registered.size).toBe(0)
  })

  it('unregisters the active shortcut', () => {
    const { shortcut, registered } = setup([])
    shortcut.unregister()
    expect(registered.size).toBe(0)
  })
})
