// One page, three faces: main opens the settings window on `#settings/<section>` or `#setup`
// (electron/main/window/settings-window.ts) and the renderer's router reads the hash back
// (renderer/src/router.ts); the tray popup has no hash.
import { SETTINGS_SECTIONS, type SettingsSection } from './ipc/contract'

export type Route = { view: 'panel' } | { view: 'setup' } | { view: 'settings'; section: SettingsSection }

/** The routes of the settings window. */
export type SettingsRoute = Exclude<Route, { view: 'panel' }>

export function routeOf(hash: string): Route {
  const path = hash.replace(/^#\/?/, '')
  if (path === '') return { view: 'panel' }
  if (path === 'setup') return { view: 'setup' }
  const [first, second] = path.split('/')
  if (first === 'settings') {
    const section = SETTINGS_SECTIONS.find((candidate) => candidate === second)
    // An unknown or missing section is still the settings window: start at the top.
    return { view: 'settings', section: section ?? 'connection' }
  }
  return { view: 'panel' }
}

export function hashOf(route: Route): string {
  if (route.view === 'panel') return ''
  return route.view === 'setup' ? '#setup' : `#settings/${route.section}`
}
