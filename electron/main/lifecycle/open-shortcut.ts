// A system-wide key that opens the popup. Another app may already own the user's choice, so a
// fallback is tried next, and the settings show which one is active, or that the system gives no
// confirmation (see ShortcutStatus).
import type { ShortcutStatus } from '@shared/ipc/settings-state'
import type { GlobalShortcut } from 'electron'
import type { Logger } from '../log/logger'
import { isNativeWayland } from '../window/display-server'

/**
 * Tried after the user's choice. None of them is a shortcut the OS keeps for itself (macOS uses
 * Cmd+Shift+Q for Log Out, Cmd+Option+Space for Finder search and Ctrl+Option+Space for the input
 * source), which registering would either fail on or take away from the user.
 */
export function fallbackShortcuts(platform: NodeJS.Platform): readonly string[] {
  return platform === 'darwin' ? ['Control+Shift+Space'] : ['Control+Alt+Space']
}

export interface OpenShortcutOptions {
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister' | 'isRegistered'>
  preferred: string
  platform: NodeJS.Platform
  env: NodeJS.ProcessEnv
  /** `--ozone-platform`, if the app was started with one (see window/display-server.ts). */
  ozonePlatform?: string
  open: () => void
  log: Logger
}

export interface OpenShortcut {
  status: ShortcutStatus
  unregister(): void
}

export function registerOpenShortcut(options: OpenShortcutOptions): OpenShortcut {
  const { globalShortcut, preferred, log } = options
  const candidates = [...new Set([preferred, ...fallbackShortcuts(options.platform)])]
  const status = firstRegistered(options, candidates)
  if (status.state === 'none') {
    log.warn(`shortcut: ${candidates.join(', ')} are all taken; open the popup from the tray`)
  } else if (status.state === 'unconfirmed') {
    log.warn(
      `shortcut: ${status.accelerator} was asked for, but the system does not confirm it; the tray opens the popup too`,
    )
  } else if (status.accelerator === preferred) {
    log.info(`shortcut: ${status.accelerator} opens the popup`)
  } else {
    log.warn(`shortcut: ${preferred} is taken; ${status.accelerator} opens the popup instead`)
  }
  return {
    status,
    unregister: () => {
      if (status.state !== 'none') globalShortcut.unregister(status.accelerator)
    },
  }
}

function firstRegistered(options: OpenShortcutOptions, candidates: string[]): ShortcutStatus {
  // On Wayland Chromium hands the shortcut to the desktop portal, which binds it later or never
  // (and may let the user pick another key); register() returning true proves nothing there.
  const portalDecides = isNativeWayland(options)
  for (const accelerator of candidates) {
    if (!tryRegister(options, accelerator)) continue
    const confirmed = !portalDecides && options.globalShortcut.isRegistered(accelerator)
    return { state: confirmed ? 'active' : 'unconfirmed', accelerator }
  }
  return { state: 'none' }
}

function tryRegister({ globalShortcut, open, log }: OpenShortcutOptions, accelerator: string): boolean {
  try {
    return globalShortcut.register(accelerator, open)
  } catch (error) {
    // Electron throws on an accelerator it cannot parse, e.g. a typo in settings.json.
    log.warn(`shortcut: ${accelerator} is not a valid accelerator`, { error: String(error) })
    return false
  }
}
