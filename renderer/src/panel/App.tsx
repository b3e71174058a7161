import type { PanelApi } from '../notifier-api'
import { Panel } from './Panel'
import { usePanelState } from './use-panel-state'

export function App({ api }: { api: PanelApi }) {
  const state = usePanelState(api)
  return state ? <Panel api={api} state={state} /> : null
}
