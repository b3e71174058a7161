// What each preference does to the running app. At start every key applies; afterwards only the
// keys that changed, so saving quiet hours does not re-register the shortcut or rewrite autostart.
import type { Locale } from '@shared/i18n/messages'
import type { Settings } from '@shared/settings'

export interface SettingsEffectPorts {
  /** The language the tray, toasts and panel use from now on. */
  setLocale(locale: Locale): void
  nativeTheme: Pick<Electron.NativeTheme, 'themeSource'>
  applyOpenAtLogin(openAtLogin: boolean): void
  /** Replaces the registered shortcut. */
  registerShortcut(accelerator: string): void
  setRetentionDays(days: number): void
  /** The tray and panel re-render. */
  changed(): void
}

export function applySettingsEffects(
  ports: SettingsEffectPorts,
  { settings, previous, locale }: { settings: Settings; previous: Settings | null; locale: Locale },
): void {
  const changed = <K extends keyof Settings>(key: K) => previous === null || settings[key] !== previous[key]
  ports.setLocale(locale)
  // The windows follow `prefers-color-scheme`, which this drives.
  if (changed('theme')) ports.nativeTheme.themeSource = settings.theme
  if (changed('openAtLogin')) ports.applyOpenAtLogin(settings.openAtLogin)
  if (changed('shortcut')) ports.registerShortcut(settings.shortcut)
  // At start the core was made with this value already.
  if (previous && changed('retentionDays')) ports.setRetentionDays(settings.retentionDays)
  ports.changed()
}
