// Chromium features the app turns on. Chromium reads --enable-features once, at start-up, so this
// runs at the main module's top level, before app.whenReady().
//
// GlobalShortcutsPortal (Linux): on Wayland no app can grab keys itself; with this feature
// globalShortcut.register goes through the desktop's GlobalShortcuts portal, which Electron's
// globalShortcut documentation calls essential for a Wayland session. Linux only: the portal is a
// freedesktop service.
import type { CommandLine } from 'electron'

export type FeatureSwitches = Pick<CommandLine, 'appendSwitch' | 'getSwitchValue'>

const LINUX_FEATURES = ['GlobalShortcutsPortal']

export function enableChromiumFeatures(commandLine: FeatureSwitches, platform: NodeJS.Platform): void {
  if (platform !== 'linux') return
  // A second --enable-features replaces the first, so the value the user started the app with
  // (e.g. --enable-features=WaylandWindowDecorations) is kept and ours are added to it.
  const given = commandLine.getSwitchValue('enable-features').split(',').filter(Boolean)
  const present = new Set(given.map(featureName))
  const missing = LINUX_FEATURES.filter((feature) => !present.has(feature))
  if (missing.length === 0) return
  commandLine.appendSwitch('enable-features', [...given, ...missing].join(','))
}

/** `Name`, `*Name`, `Name<Trial` and `Name:param/value` all name the feature `Name`. */
function featureName(entry: string): string {
  return entry.replace(/^\*/, '').split(/[<:]/)[0] ?? ''
}
