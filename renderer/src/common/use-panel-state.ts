import type { PanelState } from '@shared/ipc/panel-state'
import type { NotifierApi } from '../notifier-api'
import { usePushedState } from './use-pushed-state'

/** The latest panel state main pushed (also used by the settings window, for products and pause). */
export function usePanelState(api: NotifierApi): PanelState | null {
  return usePushedState(api.onState, api.getState)[0]
}
