// The settings for the app's lifetime: the controller, what each saved change does to the running
// app (settings-effects.ts), the settings window kept current, and the open-panel shortcut, whose
// registration the controller reports back.
import type { SettingsState } from '@shared/ipc/settings-state'
import type { Settings } from '@shared/settings'
import type { OpenShortcut } from '../lifecycle/open-shortcut'
import { SettingsController, type SettingsControllerOptions } from './settings-controller'
import { applySettingsEffects, type SettingsEffectPorts } from './settings-effects'

export interface SettingsPorts {
  controller: Omit<SettingsControllerOptions, 'shortcutStatus'>
  effects: Omit<SettingsEffectPorts, 'registerShortcut'>
  /** Registers the open-panel shortcut; the handle is replaced when the choice changes. */
  registerShortcut: (preferred: string) => OpenShortcut
  /** The settings window re-renders after every saved change. */
  pushState: (state: SettingsState) => void
}

export interface SettingsRegistration {
  controller: SettingsController
  /** Applies every setting once, at start (afterwards only saved changes apply). */
  applyAtStart(): void
  dispose(): void
}

export function registerSettings(ports: SettingsPorts): SettingsRegistration {
  let shortcut: OpenShortcut | null = null
  const controller = new SettingsController({
    ...ports.controller,
    shortcutStatus: () => shortcut?.status ?? { state: 'none' },
  })
  const effects: SettingsEffectPorts = {
    ...ports.effects,
    registerShortcut: (preferred) => {
      shortcut?.unregister()
      shortcut = ports.registerShortcut(preferred)
    },
  }
  const apply = (settings: Settings, previous: Settings | null) =>
    applySettingsEffects(effects, { settings, previous, locale: controller.locale })
  const stop = controller.onChange(({ settings, previous }) => {
    apply(settings, previous)
    void controller.state().then(ports.pushState)
  })
  return {
    controller,
    applyAtStart: () => apply(controller.settings, null),
    dispose: () => {
      stop()
      shortcut?.unregister()
    },
  }
}
