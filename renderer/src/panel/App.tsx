import { usePanelState } from '../common/use-panel-state'
import type { PanelApi } from '../notifier-api'
import { Panel } from './Panel'

export function App({ api }: { api: PanelApi }) {
  const state = usePanelState(api)
  return state ? <Panel api={api} state={state} /> : null
}
