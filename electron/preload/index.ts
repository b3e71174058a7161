// The panel's only door to the main process: a few purpose-named functions, never ipcRenderer.

import type { AnswerInput } from '@shared/answer'
import type {
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  PushChannel,
  PushPayloads,
  SettingsPatch,
  SettingsSection,
} from '@shared/ipc/contract'
import type { PanelState } from '@shared/ipc/panel-state'
import type { SettingsState } from '@shared/ipc/settings-state'
import type { ConnectionDraft } from '@shared/setup'
import { contextBridge, ipcRenderer } from 'electron'

function invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> {
  return ipcRenderer.invoke(channel, request)
}

/** Listeners return their own unsubscribe, so a panel effect cannot leak them. */
function subscribe<C extends PushChannel>(
  channel: C,
  listener: (payload: PushPayloads[C]) => void,
): () => void {
  const forward = (_event: Electron.IpcRendererEvent, payload: PushPayloads[C]) => listener(payload)
  ipcRenderer.on(channel, forward)
  return () => {
    ipcRenderer.removeListener(channel, forward)
  }
}

const api = {
  getState: () => invoke('panel:get-state', undefined),
  answer: (questionId: string, answer: AnswerInput) => invoke('question:answer', { questionId, answer }),
  markSeen: (questionIds: string[]) => invoke('question:mark-seen', { questionIds }),
  openInWebApp: (questionId: string) => invoke('question:open-in-web-app', { questionId }),
  reconnectNow: () => invoke('feed:reconnect-now', undefined),
  hide: () => invoke('panel:hide', undefined),
  onState: (listener: (state: PanelState) => void) => subscribe('panel:state', listener),
  onFocusQuestion: (listener: (focus: PushPayloads['panel:focus-question']) => void) =>
    subscribe('panel:focus-question', listener),

  getSettings: () => invoke('settings:get', undefined),
  updateSettings: (patch: SettingsPatch) => invoke('settings:update', patch),
  testConnection: (draft: ConnectionDraft) => invoke('connection:test', draft),
  saveConnection: (draft: ConnectionDraft, insist: boolean) =>
    invoke('connection:save', { ...draft, insist }),
  signOut: () => invoke('session:sign-out', undefined),
  getDiagnostics: () => invoke('diagnostics:get', undefined),
  openSettings: (section: SettingsSection) => invoke('window:open-settings', { section }),
  openLogs: () => invoke('app:open-logs', undefined),
  pauseNotifications: (length: 'hour' | 'tomorrow' | 'resume') => invoke('notifications:pause', { length }),
  onSettings: (listener: (state: SettingsState) => void) => subscribe('settings:state', listener),
}

export type NotifierApi = typeof api

contextBridge.exposeInMainWorld('notifier', api)
