import type { PanelState } from '@shared/ipc/panel-state'
import { usePushedState } from '../common/use-pushed-state'
import type { NotifierApi } from '../notifier-api'

/** The latest panel state main pushed (also used by the settings window, for products and pause). */
export function usePanelState(api: NotifierApi): PanelState | null {
  return usePushedState(api.onState, api.getState)[0]
}
