// Picks the view: the window's preload decides between the panel and the settings (the popup has
// no settings API to show them with), the route between the settings' faces. The settings views
// share one SettingsState subscription.
import type { SettingsState } from '@shared/ipc/settings-state'
import type { SettingsRoute } from '@shared/route'
import { usePushedState } from './common/use-pushed-state'
import type { NotifierApi, SettingsApi } from './notifier-api'
import { App } from './panel/App'
import { useRoute } from './router'
import { SettingsView } from './settings/SettingsView'
import { SetupView } from './setup/SetupView'

export function Root({ api }: { api: NotifierApi }) {
  return api.window === 'panel' ? <App api={api} /> : <SettingsRoot api={api} />
}

/** Main always opens the settings window on a section; without one it starts at the top. */
const FIRST_SECTION: SettingsRoute = { view: 'settings', section: 'connection' }

function SettingsRoot({ api }: { api: SettingsApi }) {
  const current = useRoute()
  const route = current.view === 'panel' ? FIRST_SECTION : current
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
