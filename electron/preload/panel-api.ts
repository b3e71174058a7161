// The tray popup's API. The popup renders untrusted question text, so it gets only what the
// panel shows and does: no settings, no connection, no sign-out.
import type { AnswerInput } from '@shared/answer'
import type { PushPayloads, SettingsSection } from '@shared/ipc/contract'
import type { PanelState } from '@shared/ipc/panel-state'
import type { WindowBridge } from './window-bridge'

export function panelApi({ invoke, subscribe }: WindowBridge<'panel'>) {
  return {
    window: 'panel',
    getState: () => invoke('panel:get-state', undefined),
    answer: (questionId: string, answer: AnswerInput) => invoke('question:answer', { questionId, answer }),
    markSeen: (questionIds: string[]) => invoke('question:mark-seen', { questionIds }),
    openInWebApp: (questionId: string, draft?: string) =>
      invoke('question:open-in-web-app', draft ? { questionId, draft } : { questionId }),
    openLink: (questionId: string, url: string) => invoke('question:open-link', { questionId, url }),
    reconnectNow: () => invoke('feed:reconnect-now', undefined),
    signInAgain: () => invoke('session:sign-in-again', undefined),
    hide: () => invoke('panel:hide', undefined),
    openSettings: (section: SettingsSection) => invoke('window:open-settings', { section }),
    onState: (listener: (state: PanelState) => void) => subscribe('panel:state', listener),
    onFocusQuestion: (listener: (focus: PushPayloads['panel:focus-question']) => void) =>
      subscribe('panel:focus-question', listener),
  } as const
}

export type PanelApi = ReturnType<typeof panelApi>
