import { SETTING_DEFAULTS } from '@shared/settings'
import type { GlobalShortcut } from 'electron'
import { describe, expect, it } from 'vitest'
import type { Logger } from '../log/logger'
import { silentLogger } from '../log/logger'
import { fallbackShortcuts, registerOpenShortcut } from './open-shortcut'

const DEFAULT_SHORTCUT = 'CommandOrControl+Shift+Space'
const LINUX_FALLBACK = 'Control+Alt+Space'

interface Setup {
  taken?: string[]
  preferred?: string
  platform?: NodeJS.Platform
  env?: NodeJS.ProcessEnv
  ozonePlatform?: string
  /** register() says yes, but isRegistered() then says no. */
  unconfirmed?: string[]
}

function setup({
  taken = [],
  preferred = DEFAULT_SHORTCUT,
  platform = 'linux',
  env = {},
  ozonePlatform,
  unconfirmed = [],
}: Setup) {
  const registered = new Map<string, () => void>()
  const globalShortcut = {
    register: (accelerator: string, callback: () => void) => {
      if (accelerator === 'Nonsense+') throw new Error('conversion failure')
      if (taken.includes(accelerator)) return false
      registered.set(accelerator, callback)
      return true
    },
    isRegistered: (accelerator: string) => registered.has(accelerator) && !unconfirmed.includes(accelerator),
    unregister: (accelerator: string) => {
      registered.delete(accelerator)
    },
  } satisfies Pick<GlobalShortcut, 'register' | 'unregister' | 'isRegistered'>
  const lines: string[] = []
  const log: Logger = {
    ...silentLogger,
    info: (message) => void lines.push(message),
    warn: (message) => void lines.push(message),
  }
  let opened = 0
  const shortcut = registerOpenShortcut({
    globalShortcut,
    preferred,
    platform,
    ...(ozonePlatform !== undefined && { ozonePlatform }),
    env,
    open: () => opened++,
    log,
  })
  return { shortcut, registered, lines, opened: () => opened }
}

/**
 * System shortcuts the OS (or its default desktop) keeps for itself, from Apple's, Microsoft's and
 * GNOME's keyboard-shortcut lists. Written with CommandOrControl already resolved.
 */
const OS_OWNED: Record<'darwin' | 'win32' | 'linux', string[]> = {
  darwin: [
    'Command+Shift+Q', // Log Out
    'Command+Alt+Shift+Q', // Log Out at once
    'Command+Space', // Spotlight
    'Command+Alt+Space', // Finder search window
    'Control+Space', // previous input source
    'Control+Alt+Space', // next input source
    'Control+Command+Space', // Character Viewer
    'Control+Command+Q', // Lock Screen
    'Command+Shift+3',
    'Command+Shift+4',
    'Command+Shift+5', // screenshots
  ],
  win32: ['Super+Space', 'Alt+Space', 'Control+Shift+Escape', 'Control+Alt+Delete', 'Control+Escape'],
  linux: ['Super+Space', 'Shift+Super+Space', 'Alt+Space', 'Alt+F2', 'Control+Alt+T', 'Control+Alt+Delete'],
}

/** One spelling per accelerator: CommandOrControl resolved, Option as Alt, modifiers sorted. */
function canonical(accelerator: string, platform: NodeJS.Platform): string {
  const keys = accelerator.split('+').map((key) => {
    if (key === 'CommandOrControl' || key === 'CmdOrCtrl')
      return platform === 'darwin' ? 'Command' : 'Control'
    if (key === 'Cmd') return 'Command'
    if (key === 'Ctrl') return 'Control'
    if (key === 'Option') return 'Alt'
    return key
  })
  const key = keys.pop() as string
  return [...keys.sort(), key].join('+')
}

describe('registerOpenShortcut', () => {
  it('registers the preferred shortcut, which opens the popup', () => {
    const { shortcut, registered, lines, opened } = setup({})
    expect(shortcut.status).toEqual({ state: 'active', accelerator: DEFAULT_SHORTCUT })
    expect([...registered.keys()]).toEqual([DEFAULT_SHORTCUT])
    registered.get(DEFAULT_SHORTCUT)?.()
    expect(opened()).toBe(1)
    expect(lines).toEqual(['shortcut: CommandOrControl+Shift+Space opens the popup'])
  })

  it('falls back when the preferred one is taken, and says so', () => {
    const { shortcut, lines } = setup({ taken: [DEFAULT_SHORTCUT] })
    expect(shortcut.status).toEqual({ state: 'active', accelerator: LINUX_FALLBACK })
    expect(lines).toEqual([
      `shortcut: ${DEFAULT_SHORTCUT} is taken; ${LINUX_FALLBACK} opens the popup instead`,
    ])
  })

  it('treats an accelerator Electron cannot parse as taken', () => {
    const { shortcut } = setup({ preferred: 'Nonsense+' })
    expect(shortcut.status).toEqual({ state: 'active', accelerator: LINUX_FALLBACK })
  })

  it('says when none could be registered, and unregisters nothing', () => {
    const { shortcut, registered, lines } = setup({ taken: [DEFAULT_SHORTCUT, LINUX_FALLBACK] })
    expect(shortcut.status).toEqual({ state: 'none' })
    expect(lines.at(-1)).toMatch(/all taken; open the popup from the tray/)
    shortcut.unregister()
    expect(registered.size).toBe(0)
  })

  it('unregisters the active shortcut', () => {
    const { shortcut, registered } = setup({})
    shortcut.unregister()
    expect(registered.size).toBe(0)
  })

  it('does not claim success when the OS does not confirm the registration', () => {
    const { shortcut, lines, registered } = setup({ unconfirmed: [DEFAULT_SHORTCUT] })
    expect(shortcut.status).toEqual({ state: 'unconfirmed', accelerator: DEFAULT_SHORTCUT })
    expect(lines).toEqual([
      'shortcut: CommandOrControl+Shift+Space was asked for, but the system does not confirm it; the tray opens the popup too',
    ])
    shortcut.unregister()
    expect(registered.size).toBe(0)
  })

  it('on Wayland, where the desktop portal decides, reports the shortcut as unconfirmed', () => {
    for (const env of [{ XDG_SESSION_TYPE: 'wayland' }, { WAYLAND_DISPLAY: 'wayland-0' }]) {
      const { shortcut, lines } = setup({ env })
      expect(shortcut.status, JSON.stringify(env)).toEqual({
        state: 'unconfirmed',
        accelerator: DEFAULT_SHORTCUT,
      })
      expect(lines.join('\n')).not.toContain('opens the popup\n')
    }
    // Under XWayland (--ozone-platform=x11) the app grabs the key itself, as the popup places itself.
    expect(setup({ env: { XDG_SESSION_TYPE: 'wayland' }, ozonePlatform: 'x11' }).shortcut.status.state).toBe(
      'active',
    )
    // The same variables mean nothing off Linux.
    expect(setup({ platform: 'darwin', env: { WAYLAND_DISPLAY: 'wayland-0' } }).shortcut.status.state).toBe(
      'active',
    )
  })
})

describe('fallbackShortcuts', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`${platform}: neither the default nor a fallback is a shortcut the OS owns`, () => {
      const candidates = [SETTING_DEFAULTS.shortcut, ...fallbackShortcuts(platform)]
      const owned = new Set(OS_OWNED[platform].map((accelerator) => canonical(accelerator, platform)))
      const clashes = candidates.filter((accelerator) => owned.has(canonical(accelerator, platform)))
      expect(clashes).toEqual([])
      expect(fallbackShortcuts(platform).length).toBeGreaterThan(0)
    })
  }
})
