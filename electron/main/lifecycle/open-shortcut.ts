// A system-wide key that opens the popup. Another app may already own the user's choice, so a few
// fallbacks are tried in order, and the log says which one is active.
import type { GlobalShortcut } from 'electron'
import type { Logger } from '../log/logger'

export const FALLBACK_SHORTCUTS = ['CommandOrControl+Alt+Space', 'CommandOrControl+Shift+Q'] as const

export interface OpenShortcutOptions {
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>
  preferred: string
  open: () => void
  log: Logger
}

export interface OpenShortcut {
  /** The accelerator that works, or null when every candidate was taken. */
  active: string | null
  unregister(): void
}

export function registerOpenShortcut({
  globalShortcut,
  preferred,
  open,
  log,
}: OpenShortcutOptions): OpenShortcut {
  const candidates = [...new Set([preferred, ...FALLBACK_SHORTCUTS])]
  const active = candidates.find((accelerator) => tryRegister(accelerator)) ?? null
  if (active === preferred) log.info(`shortcut: ${active} opens the popup`)
  else if (active) log.warn(`shortcut: ${preferred} is taken; ${active} opens the popup instead`)
  else log.warn(`shortcut: ${candidates.join(', ')} are all taken; open the popup from the tray`)
  return {
    active,
    unregister: () => {
      if (active) globalShortcut.unregister(active)
    },
  }

  function tryRegister(accelerator: string): boolean {
    try {
      return globalShortcut.register(accelerator, open)
    } catch (error) {
      // Electron throws on an accelerator it cannot parse, e.g. a typo in settings.json.
      log.warn(`shortcut: ${accelerator} is not a valid accelerator`, { error: String(error) })
      return false
    }
  }
}
