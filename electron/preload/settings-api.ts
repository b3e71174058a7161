// The settings window's API: settings, setup and diagnostics, and the panel state it lists the
// products to mute from. Nothing that answers questions.
import type { SettingsPatch, SettingsSection } from '@shared/ipc/contract'
import type { PanelState } from '@shared/ipc/panel-state'
import type { SettingsState } from '@shared/ipc/settings-state'
import type { ConnectionDraft } from '@shared/setup'
import type { WindowBridge } from './window-bridge'

export function settingsApi({ invoke, subscribe }: WindowBridge<'settings'>) {
  return {
    window: 'settings',
    getSettings: () => invoke('settings:get', undefined),
    updateSettings: (patch: SettingsPatch) => invoke('settings:update', patch),
    testConnection: (draft: ConnectionDraft) => invoke('connection:test', draft),
    saveConnection: (draft: ConnectionDraft, insist: boolean) =>
      invoke('connection:save', { ...draft, insist }),
    signOut: () => invoke('session:sign-out', undefined),
    signIn: (serverUrl: string) => invoke('session:sign-in', { serverUrl }),
    signInAgain: () => invoke('session:sign-in-again', undefined),
    getDiagnostics: () => invoke('diagnostics:get', undefined),
    openSettings: (section: SettingsSection) => invoke('window:open-settings', { section }),
    openLogs: () => invoke('app:open-logs', undefined),
    pauseNotifications: (length: 'hour' | 'tomorrow' | 'resume') => invoke('notifications:pause', { length }),
    onSettings: (listener: (state: SettingsState) => void) => subscribe('settings:state', listener),
    getState: () => invoke('panel:get-state', undefined),
    onState: (listener: (state: PanelState) => void) => subscribe('panel:state', listener),
  } as const
}

export type SettingsApi = ReturnType<typeof settingsApi>
