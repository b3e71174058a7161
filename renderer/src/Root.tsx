// Picks the view for the route; the settings views share one SettingsState subscription.
import type { SettingsState } from '@shared/ipc/settings-state'
import { usePushedState } from './common/use-pushed-state'
import type { NotifierApi } from './notifier-api'
import { App } from './panel/App'
import { type Route, useRoute } from './router'
import { SettingsView } from './settings/SettingsView'
import { SetupView } from './setup/SetupView'

export function Root({ api }: { api: NotifierApi }) {
  const route = useRoute()
  return route.view === 'panel' ? <App api={api} /> : <SettingsRoot api={api} route={route} />
}

function SettingsRoot({ api, route }: { api: NotifierApi; route: Exclude<Route, { view: 'panel' }> }) {
  const [state, setState] = usePushedState(api.onSettings, api.getSettings)
  if (!state) return null
  const onState = (next: SettingsState | ((current: SettingsState) => SettingsState)) =>
    setState((current) => (typeof next === 'function' ? current && next(current) : next))
  return route.view === 'setup' ? (
    <SetupView api={api} state={state} onState={onState} />
  ) : (
    <SettingsView api={api} state={state} section={route.section} onState={onState} />
  )
}
