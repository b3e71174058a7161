import type { NotifierApi } from '../notifier-api'
import { Panel } from './Panel'
import { usePanelState } from './use-panel-state'

export function App({ api }: { api: NotifierApi }) {
  const state = usePanelState(api)
  return state ? <Panel api={api} state={state} /> : null
}
